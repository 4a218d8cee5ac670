// The options that shape how domains are tested, shared by `meetlat scan` and `meetlat run`:
// resolvers, trust anchor, address policy, the simulated internet and the RPKI data.

import type { TestType } from "../checks/result.ts";
import { createScanSetup, SetupError } from "../scan/setup.ts";
import type { ScanSetup, ScanSetupOptions } from "../scan/setup.ts";
import { UsageError } from "./usage-error.ts";

export const SCAN_OPTION_SPECS = {
  web: { type: "boolean" }, mail: { type: "boolean" },
  resolver: { type: "string", multiple: true }, "trust-anchor": { type: "string" },
  "ca-file": { type: "string" }, "allow-target": { type: "string", multiple: true },
  testnet: { type: "string" }, concurrency: { type: "string" },
  "rpki-vrps": { type: "string" }, "rpki-vrps-url": { type: "string" }, "rpki-routes": { type: "string" },
  "rpki-max-age": { type: "string" },
} as const;

export const SCAN_OPTIONS_HELP = `  --web                    run the website test
  --mail                   run the mail test (both when neither is given)
  --resolver HOST[:PORT]   recursive resolver to use (repeatable; default: /etc/resolv.conf)
  --trust-anchor FILE      DNSSEC trust anchor: DS or DNSKEY records in zone-file format
                           (default: the IANA root KSKs)
  --ca-file PEM            extra trusted CA certificates (for the HTTPS and mail tests)
  --allow-target CIDR      allow targets in a private/reserved range (repeatable)
  --testnet FILE           use the simulated internet described by FILE (meetlat testnet up);
                           "--testnet builtin" starts it in this process
  --concurrency N          domains tested at the same time

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

export interface ScanOptionValues {
  web?: boolean; mail?: boolean;
  resolver?: string[]; "trust-anchor"?: string; "ca-file"?: string; "allow-target"?: string[];
  testnet?: string; concurrency?: string;
  "rpki-vrps"?: string; "rpki-vrps-url"?: string; "rpki-routes"?: string; "rpki-max-age"?: string;
}

export function testTypesFrom(v: ScanOptionValues): TestType[] {
  return v.web || v.mail ? [...(v.web ? ["web" as const] : []), ...(v.mail ? ["mail" as const] : [])] : ["web", "mail"];
}

export function concurrencyFrom(v: ScanOptionValues, fallback: number): number {
  const n = v.concurrency === undefined ? fallback : Number(v.concurrency);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError("--concurrency must be an integer from 1 to 1024");
  return n;
}

/** The setup options these values ask for; plain data, so a run can store and replay them. */
export function setupOptionsFrom(v: ScanOptionValues): ScanSetupOptions {
  const maxAgeText = v["rpki-max-age"];
  let maxAgeHours: number | null | undefined;
  if (maxAgeText === "none") maxAgeHours = null;
  else if (maxAgeText !== undefined) {
    maxAgeHours = Number(maxAgeText);
    if (maxAgeText.trim() === "" || !Number.isFinite(maxAgeHours) || maxAgeHours <= 0) throw new UsageError('--rpki-max-age must be a positive number of hours, or "none"');
  }
  return {
    resolvers: v.resolver ?? [],
    allowTargets: v["allow-target"] ?? [],
    ...(v["trust-anchor"] ? { trustAnchorFile: v["trust-anchor"] } : {}),
    ...(v.testnet ? { testnetFile: v.testnet } : {}),
    ...(v["ca-file"] ? { caFile: v["ca-file"] } : {}),
    rpki: {
      ...(v["rpki-vrps"] !== undefined ? { vrpsFile: v["rpki-vrps"] } : {}),
      ...(v["rpki-vrps-url"] !== undefined ? { vrpsUrl: v["rpki-vrps-url"] } : {}),
      ...(v["rpki-routes"] !== undefined ? { routes: v["rpki-routes"] } : {}),
      ...(maxAgeHours !== undefined ? { maxAgeHours } : {}),
    },
  };
}

/** Builds the setup; a problem with the options or their files is a usage error. */
export async function openScanSetup(opts: ScanSetupOptions, command: string): Promise<ScanSetup> {
  let setup: ScanSetup;
  try {
    setup = await createScanSetup(opts);
  } catch (err) {
    if (err instanceof SetupError) throw new UsageError(err.message);
    throw err;
  }
  // Given but unusable RPKI data is worth a line up front (each RPKI test says it too).
  if (setup.rpki.configured && setup.rpki.problem) process.stderr.write(`meetlat ${command}: ${setup.rpki.problem}; the RPKI tests will end in error\n`);
  return setup;
}
