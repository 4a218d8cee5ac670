// `meetlat scan [--web] [--mail] [--json] [--resolver HOST[:PORT]]... [--trust-anchor FILE]
//  [--ca-file PEM] [--allow-target CIDR]... [--testnet FILE] [--concurrency N]
//  [--rpki-vrps FILE | --rpki-vrps-url URL] [--rpki-routes FILE|dns:ZONE] [--rpki-max-age HOURS] DOMAIN...`

import { parseArgs } from "node:util";
import type { TestType } from "../../checks/result.ts";
import { DomainInputError, normaliseDomainInput } from "../../scan/domain-input.ts";
import { scanDomain } from "../../scan/engine.ts";
import type { TypeScanResult } from "../../scan/engine.ts";
import { createScanSetup, SetupError } from "../../scan/setup.ts";
import type { ScanSetup } from "../../scan/setup.ts";
import { toScanJson } from "../output/json.ts";
import { createProgress, formatSummary, formatTypeResult } from "../output/terminal.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat scan [options] DOMAIN...

Tests each domain (website and mail tests unless --web or --mail is given) and prints one line
per test. The exit code is 0 whatever the results; 2 for usage errors, 1 for internal errors.

options:
  --web                    run the website test
  --mail                   run the mail test
  --json                   print one JSON document on stdout (see docs/json-output.md)
  --resolver HOST[:PORT]   recursive resolver to use (repeatable; default: /etc/resolv.conf)
  --trust-anchor FILE      DNSSEC trust anchor: DS or DNSKEY records in zone-file format
                           (default: the IANA root KSKs)
  --ca-file PEM            extra trusted CA certificates (for the HTTPS and mail tests)
  --allow-target CIDR      allow targets in a private/reserved range (repeatable)
  --testnet FILE           use the simulated internet described by FILE (meetlat testnet up);
                           "--testnet builtin" starts it in this process and, without
                           DOMAINs, scans every domain it was built to show
  --concurrency N          domains scanned at the same time (default 16)
  --no-progress            no progress display

RPKI (route origin validation of the web server and name server addresses; docs/rpki.md):
  --rpki-vrps FILE         validated ROA payloads: the JSON of rpki-client or Routinator, or
                           their CSV
  --rpki-vrps-url URL      the same, fetched once from a local validator (e.g. Routinator's
                           http://127.0.0.1:8323/json)
  --rpki-routes FILE       announced routes: PREFIX ORIGIN lines, CAIDA pfx2as, or bgpdump -m
                           of a RIB dump (gzip allowed)
  --rpki-routes dns:ZONE   ask a DNS IP-to-ASN service instead (dns:ZONE4,ZONE6 for two zones)
  --rpki-max-age HOURS     data older than this makes the RPKI tests error (default 24;
                           "none": no limit)
Without VRPs and routes the RPKI tests end in error. A --testnet scan uses the testnet's files.
`;

export async function scanCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        web: { type: "boolean" }, mail: { type: "boolean" }, json: { type: "boolean" },
        resolver: { type: "string", multiple: true }, "trust-anchor": { type: "string" },
        "ca-file": { type: "string" }, "allow-target": { type: "string", multiple: true },
        testnet: { type: "string" }, concurrency: { type: "string" }, "no-progress": { type: "boolean" },
        "rpki-vrps": { type: "string" }, "rpki-vrps-url": { type: "string" }, "rpki-routes": { type: "string" },
        "rpki-max-age": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
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
  const concurrency = v.concurrency === undefined ? 16 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new UsageError("--concurrency must be an integer from 1 to 1024");
  const types: TestType[] = v.web || v.mail ? [...(v.web ? ["web" as const] : []), ...(v.mail ? ["mail" as const] : [])] : ["web", "mail"];

  const maxAgeText = v["rpki-max-age"];
  let maxAgeHours: number | null | undefined;
  if (maxAgeText === "none") maxAgeHours = null;
  else if (maxAgeText !== undefined) {
    maxAgeHours = Number(maxAgeText);
    if (maxAgeText.trim() === "" || !Number.isFinite(maxAgeHours) || maxAgeHours <= 0) throw new UsageError('--rpki-max-age must be a positive number of hours, or "none"');
  }
  const rpki = {
    ...(v["rpki-vrps"] !== undefined ? { vrpsFile: v["rpki-vrps"] } : {}),
    ...(v["rpki-vrps-url"] !== undefined ? { vrpsUrl: v["rpki-vrps-url"] } : {}),
    ...(v["rpki-routes"] !== undefined ? { routes: v["rpki-routes"] } : {}),
    ...(maxAgeHours !== undefined ? { maxAgeHours } : {}),
  };

  let setup;
  try {
    setup = await createScanSetup({
      resolvers: v.resolver ?? [],
      allowTargets: v["allow-target"] ?? [],
      ...(v["trust-anchor"] ? { trustAnchorFile: v["trust-anchor"] } : {}),
      ...(v.testnet ? { testnetFile: v.testnet } : {}),
      ...(v["ca-file"] ? { caFile: v["ca-file"] } : {}),
      rpki,
    });
  } catch (err) {
    if (err instanceof SetupError) throw new UsageError(err.message);
    throw err;
  }

  // Given but unusable RPKI data is worth a line before the results (each RPKI test says it too).
  if (setup.rpki.configured && setup.rpki.problem) process.stderr.write(`meetlat scan: ${setup.rpki.problem}; the RPKI tests will end in error\n`);
  try {
    return await scanAll(setup, domains.length > 0 ? domains : setup.testnetDomains, types, {
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
