// The `meetlat` command: dispatches to one module per subcommand.

import { MEETLAT_VERSION } from "../version.ts";
import { EXIT, UsageError } from "./usage-error.ts";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  scan: { summary: "test domains against the standards (DNSSEC, IPv6, ...)", load: async () => (await import("./commands/scan.ts")).scanCommand },
  register: { summary: "the organisations and domains to measure (import, list, add, remove, tag)", load: async () => (await import("./commands/register.ts")).registerCommand },
  run: { summary: "a measurement run over the register, stored as it goes (--resume after a crash)", load: async () => (await import("./commands/run.ts")).runCommand },
  runs: { summary: "list the measurement runs in the store", load: async () => (await import("./commands/runs.ts")).runsCommand },
  show: { summary: "a domain's results and evidence in a run", load: async () => (await import("./commands/show.ts")).showCommand },
  diff: { summary: "what improved and regressed between two runs", load: async () => (await import("./commands/diff.ts")).diffCommand },
  report: { summary: "a run judged by a profile: by organisation type, organisation or domain (table, csv, json, xlsx, html)", load: async () => (await import("./commands/report.ts")).reportCommand },
  export: { summary: "a whole run as open data (JSON Lines with results and evidence)", load: async () => (await import("./commands/export.ts")).exportCommand },
  explain: { summary: "comply or explain: explain a finding until a date; list and revoke explanations", load: async () => (await import("./commands/explain.ts")).explainCommand },
  testnet: { summary: "start the simulated internet on loopback (meetlat testnet up)", load: async () => (await import("./commands/testnet.ts")).testnetCommand },
  demo: { summary: "measure a synthetic government on the simulated internet and write the reports (offline)", load: async () => (await import("./commands/demo.ts")).demoCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [`meetlat ${MEETLAT_VERSION} — measures whether domains meet the security standards they must apply`, "", "usage: meetlat <command> [options]", "", "commands:", ...lines, "", "meetlat <command> --help shows a command's options."].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "version") {
    process.stdout.write(`${MEETLAT_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`meetlat: unknown command "${name}"\n\n${usage()}\n`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`meetlat ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`meetlat ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
