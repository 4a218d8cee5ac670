// `meetlat scan [--web] [--mail] [--json] [--resolver HOST[:PORT]]... [--trust-anchor FILE]
//  [--ca-file PEM] [--allow-target CIDR]... [--testnet FILE] [--concurrency N]
//  [--rpki-vrps FILE | --rpki-vrps-url URL] [--rpki-routes FILE|dns:ZONE] [--rpki-max-age HOURS] DOMAIN...`

import type { TestType } from "../../checks/result.ts";
import { DomainInputError, normaliseDomainInput } from "../../scan/domain-input.ts";
import { scanDomain } from "../../scan/engine.ts";
import type { TypeScanResult } from "../../scan/engine.ts";
import type { ScanSetup } from "../../scan/setup.ts";
import { concurrencyFrom, openScanSetup, SCAN_OPTION_SPECS, SCAN_OPTIONS_HELP, setupOptionsFrom, testTypesFrom } from "../scan-options.ts";
import { toScanJson } from "../output/json.ts";
import { createProgress, formatSummary, formatTypeResult } from "../output/terminal.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat scan [options] DOMAIN...

Tests each domain (website and mail tests unless --web or --mail is given) and prints one line
per test. The exit code is 0 whatever the results; 2 for usage errors, 1 for internal errors.

options:
  --json                   print one JSON document on stdout (see docs/json-output.md)
  --no-progress            no progress display (default concurrency: 16)
${SCAN_OPTIONS_HELP}`;

export async function scanCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, { ...SCAN_OPTION_SPECS, json: { type: "boolean" }, "no-progress": { type: "boolean" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length === 0 && v.testnet !== "builtin") throw new UsageError("give at least one DOMAIN (meetlat scan --help)");
  const domains: string[] = [];
  for (const p of positionals) {
    try {
      domains.push(normaliseDomainInput(p));
    } catch (err) {
      if (err instanceof DomainInputError) throw new UsageError(err.message);
      throw err;
    }
  }
  const concurrency = concurrencyFrom(v, 16);
  const types = testTypesFrom(v);
  const setup = await openScanSetup(setupOptionsFrom(v), "scan");
  try {
    return await scanAll(setup, domains.length > 0 ? domains : await setup.testnetDomains(), types, {
      json: v.json === true, progress: !v["no-progress"], concurrency,
    });
  } finally {
    await setup.close();
  }
}

async function scanAll(setup: ScanSetup, domains: string[], types: TestType[], o: { json: boolean; progress: boolean; concurrency: number }): Promise<number> {
  const v = { json: o.json };
  const concurrency = o.concurrency;
  const colour = !v.json && process.stdout.isTTY === true;
  const progress = createProgress(domains.length, o.progress && process.stderr.isTTY === true && domains.length > 1);
  const results: TypeScanResult[][] = new Array(domains.length);
  // Results print in the order the domains were given, each as soon as it and all before it are done.
  let printed = 0;
  const flush = () => {
    while (printed < domains.length && results[printed]) {
      progress.finish();
      process.stdout.write(results[printed]!.map((r) => formatTypeResult(r, colour)).join("\n\n") + "\n\n");
      printed++;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < domains.length) {
      const i = next++;
      const scan = await scanDomain(setup.ctx, domains[i]!, types);
      results[i] = scan.results;
      progress.tick(scan.results.some((r) => Object.values(r.tests).some((t) => t.status === "error")));
      if (!v.json) flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, domains.length) }, worker));
  progress.finish();
  if (!v.json && domains.length > 1) process.stdout.write(formatSummary(results.flat()) + "\n");
  if (v.json) process.stdout.write(JSON.stringify(toScanJson(results.flat())) + "\n");
  return EXIT.ok;
}
