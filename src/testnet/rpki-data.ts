// The simulated internet's BGP table and RPKI as the files meetlat reads: VRPs in the JSON
// that rpki-client writes (with its metadata, generated now) and routes in the prefix-origin
// format (docs/rpki.md). `meetlat testnet up` writes them next to testnet.json.

import { parsePrefixInto, prefixError, BITS } from "../rpki/prefix-words.ts";
import { isDocumentationAddress } from "./documentation-ranges.ts";
import type { World } from "./world.ts";

export const RPKI_VRPS_FILE = "rpki-vrps.json";
export const RPKI_ROUTES_FILE = "rpki-routes.txt";

export interface TestnetRpkiFiles {
  vrps: string;
  routes: string;
}

/** Refuses prefixes outside the documentation ranges and impossible ROAs, naming the entry. */
function checkPrefix(prefix: string, what: string): number {
  const words = new Uint32Array(4);
  const p = parsePrefixInto(prefix, words);
  if (!p) throw new Error(`testnet ${what}: ${prefixError(prefix)}`);
  if (!isDocumentationAddress(prefix.slice(0, prefix.indexOf("/")))) throw new Error(`testnet ${what}: ${prefix} is outside the documentation ranges`);
  return p.family === 4 ? BITS[4] : BITS[6];
}

export function testnetRpkiFiles(world: World, now = new Date()): TestnetRpkiFiles {
  const roas = (world.roas ?? []).map((r) => {
    const bits = checkPrefix(r.prefix, `ROA ${r.prefix}`);
    const length = Number(r.prefix.slice(r.prefix.indexOf("/") + 1));
    const maxLength = r.maxLength ?? length;
    if (maxLength < length || maxLength > bits) throw new Error(`testnet ROA ${r.prefix}: maxLength ${maxLength} out of range`);
    return { asn: r.asn, prefix: r.prefix, maxLength, ta: "testnet", expires: Math.floor(now.getTime() / 1000) + 86400 };
  });
  const generated = Math.floor(now.getTime() / 1000);
  const vrps = [
    "{",
    `\t"metadata": { "buildmachine": "meetlat testnet", "buildtime": "${now.toISOString()}", "generated": ${generated}, "roas": ${roas.length}, "vrps": ${roas.length} },`,
    "\t\"roas\": [",
    roas.map((r) => `\t\t${JSON.stringify(r)}`).join(",\n"),
    "\t]",
    "}",
  ].join("\n") + "\n";
  const routeLines = (world.routes ?? []).map((r) => {
    checkPrefix(r.prefix, `route ${r.prefix}`);
    if (r.origins.length === 0) throw new Error(`testnet route ${r.prefix}: no origin`);
    return `${r.prefix} ${r.origins.join(" ")}`;
  });
  const routes = `# The meetlat testnet's BGP table: PREFIX ORIGIN... (see docs/rpki.md), made ${now.toISOString()}\n${routeLines.join("\n")}\n`;
  return { vrps, routes };
}
