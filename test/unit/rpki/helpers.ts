// Small builders for the RPKI unit tests: tables from short literal lists.

import { inlineRoutes } from "../../../src/rpki/route-source.ts";
import type { TableRouteSource } from "../../../src/rpki/route-source.ts";
import { usableRpkiData } from "../../../src/rpki/rpki-data.ts";
import type { RpkiData } from "../../../src/rpki/rpki-data.ts";
import { inlineVrps } from "../../../src/rpki/vrp-source.ts";
import type { VrpTable } from "../../../src/rpki/vrp-table.ts";

export interface TestVrp {
  prefix: string;
  asn: number;
  maxLength?: number;
}

export function vrpTable(vrps: readonly TestVrp[]): VrpTable {
  return inlineVrps("test VRPs", JSON.stringify({ roas: vrps.map((v) => ({ asn: v.asn, prefix: v.prefix, maxLength: v.maxLength ?? Number(v.prefix.split("/")[1]) })) })).table;
}

/** Routes as "PREFIX ORIGIN..." lines. */
export function routeSource(lines: readonly string[]): TableRouteSource {
  return inlineRoutes("test routes", lines.join("\n") + "\n");
}

export function rpkiData(vrps: readonly TestVrp[], routes: readonly string[]): RpkiData {
  return usableRpkiData(vrpTable(vrps), routeSource(routes), { configured: true, maxAgeHours: null, sources: [] });
}
