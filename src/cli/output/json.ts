// The JSON document of `meetlat scan --json`: a stable contract, documented in docs/json-output.md.

import type { TypeScanResult } from "../../scan/engine.ts";
import { MEETLAT_VERSION } from "../../version.ts";

export interface ScanJson {
  meetlat: string;
  results: {
    domain: string;
    type: "web" | "mail";
    score: number | null;
    tests: Record<string, { status: string; verdict: string; reason: string; details: Record<string, unknown> }>;
  }[];
}

export function toScanJson(results: readonly TypeScanResult[]): ScanJson {
  return {
    meetlat: MEETLAT_VERSION,
    results: results.map((r) => ({
      domain: r.domain,
      type: r.type,
      score: r.score,
      tests: Object.fromEntries(Object.entries(r.tests).map(([id, t]) => [id, { status: t.status, verdict: t.verdict, reason: t.reason, details: t.details }])),
    })),
  };
}
