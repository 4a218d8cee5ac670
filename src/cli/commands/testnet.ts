// `meetlat testnet up [SCENARIO...] [--dir DIR] [--list]`: starts the simulated internet on
// loopback, writes its descriptor for `meetlat scan --testnet`, prints how to use it, and
// runs until SIGINT or SIGTERM.

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatEndpoint } from "../../net/endpoint-text.ts";
import { SCENARIOS, UnknownScenarioError } from "../../testnet/scenarios/index.ts";
import { startTestnet } from "../../testnet/servers.ts";
import type { Testnet } from "../../testnet/servers.ts";
import { TRUST_ANCHOR_FILE } from "../../testnet/descriptor.ts";
import { RPKI_ROUTES_FILE, RPKI_VRPS_FILE } from "../../testnet/rpki-data.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat testnet up [SCENARIO...] [--dir DIR]
       meetlat testnet up --list

Starts a simulated internet on loopback (127.0.0.1 and ::1 only): a root and top-level domains
of its own with a trust anchor, signed, unsigned and broken zones, name servers with and without
working IPv6, and a recursive resolver. Without SCENARIO every scenario is started.
It writes DIR/testnet.json for \`meetlat scan --testnet DIR/testnet.json DOMAIN...\`, and the
simulated BGP table and VRPs (${RPKI_ROUTES_FILE}, ${RPKI_VRPS_FILE}) that such a scan uses for
the RPKI tests, and runs until interrupted (Ctrl-C).

options:
  --dir DIR   where to write testnet.json, ${TRUST_ANCHOR_FILE} and the RPKI files (default:
              a new directory under the system's temporary directory)
  --list      list the scenarios and exit
`;

function listScenarios(): string {
  const width = Math.max(...[...SCENARIOS.keys()].map((n) => n.length));
  return [...SCENARIOS.values()].map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join("\n") + "\n";
}

function summary(t: Testnet, descriptorPath: string, dir: string): string {
  const domains = t.domains.map((d) => d.domain);
  const width = Math.max(0, ...domains.map((d) => d.length));
  const lines = [
    `meetlat testnet: ${t.domains.length} domains on ${t.servers.length + 1} loopback listeners`,
    "",
    `  resolver       ${formatEndpoint(t.resolver)}`,
    `  trust anchor   ${join(dir, TRUST_ANCHOR_FILE)}`,
    `  allow targets  ${t.allowTargets.join(" ")}`,
    `  rpki vrps      ${join(dir, RPKI_VRPS_FILE)}`,
    `  rpki routes    ${join(dir, RPKI_ROUTES_FILE)}`,
    `  descriptor     ${descriptorPath}`,
    "",
    "domains:",
    ...t.domains.map((d) => `  ${d.domain.padEnd(width)}  ${d.description}`),
    "",
    "scan them with (the RPKI files are used automatically):",
    `  meetlat scan --testnet ${descriptorPath} ${domains.join(" ")}`,
    "or give the RPKI files yourself:",
    `  meetlat scan --testnet ${descriptorPath} --rpki-vrps ${join(dir, RPKI_VRPS_FILE)} --rpki-routes ${join(dir, RPKI_ROUTES_FILE)} DOMAIN...`,
    "",
    "Press Ctrl-C to stop.",
  ];
  return lines.join("\n") + "\n";
}

/** Resolves when the process gets SIGINT or SIGTERM. */
function untilSignalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(signal);
    };
    const onInt = () => on("SIGINT");
    const onTerm = () => on("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}

export async function testnetCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dir: { type: "string" }, list: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const [action, ...scenarios] = positionals;
  if (action !== "up") throw new UsageError(action ? `unknown action "${action}"; use "meetlat testnet up"` : 'say "meetlat testnet up" (--help for options)');
  if (v.list) {
    process.stdout.write(listScenarios());
    return EXIT.ok;
  }
  for (const name of scenarios) {
    if (!SCENARIOS.has(name)) throw new UsageError(`unknown scenario "${name}" (meetlat testnet up --list shows them)`);
  }

  const dir = v.dir ?? (await mkdtemp(join(tmpdir(), "meetlat-testnet-")));
  let testnet: Testnet;
  try {
    testnet = await startTestnet(scenarios);
  } catch (err) {
    if (err instanceof UnknownScenarioError) throw new UsageError(err.message);
    throw err;
  }
  const stopped = untilSignalled();
  try {
    const descriptorPath = await testnet.writeDescriptor(dir);
    process.stdout.write(summary(testnet, descriptorPath, dir));
    const signal = await stopped;
    process.stdout.write(`\n${signal}: stopping the testnet\n`);
  } finally {
    await testnet.stop();
  }
  return EXIT.ok;
}
