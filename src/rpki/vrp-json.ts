// VRPs in the JSON that rpki-client (-j, json/vrps.json) and Routinator (--format json or
// jsonext, and its HTTP /json endpoint) write:
//
//   { "metadata": { "buildtime": "...", "generated": 1700000000, ... },
//     "roas": [ { "asn": 64496, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "ripe" }, ... ] }
//
// rpki-client writes "asn" as a number, Routinator as "AS64496"; both are accepted. The
// generation time comes from metadata "generated" (Unix seconds), "generatedTime" or
// "buildtime" (ISO 8601), whichever is present first.

import { parseAsn } from "./asn.ts";
import { RpkiDataError } from "./data-error.ts";
import { lineOfArrayElement } from "./json-locate.ts";
import { BITS, parsePrefixInto, prefixError } from "./prefix-words.ts";
import { lineAndColumn } from "./text-lines.ts";
import type { VrpTableBuilder } from "./vrp-table.ts";

export interface ParsedVrpFile {
  format: string;
  generatedAt?: string;
  count: number;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function generationTime(metadata: Record<string, unknown>): string | undefined {
  const g = metadata.generated;
  if (typeof g === "number" && Number.isFinite(g) && g > 0) return new Date(g * 1000).toISOString();
  for (const key of ["generated", "generatedTime", "buildtime"]) {
    const v = metadata[key];
    if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  }
  return undefined;
}

export function parseVrpJson(text: string, source: string, into: VrpTableBuilder): ParsedVrpFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? lineAndColumn(text, Number(at[1])).line : undefined;
    throw new RpkiDataError(source, line, `not valid JSON: ${message.replace(/ in JSON at position.*$/, "")}`);
  }
  if (!isRecord(data) || !Array.isArray(data.roas)) {
    throw new RpkiDataError(source, 1, 'expected a JSON object with a "roas" array (the VRP JSON of rpki-client or Routinator)');
  }
  const metadata = isRecord(data.metadata) ? data.metadata : {};
  const words = new Uint32Array(4);
  let stringAsns = false;
  data.roas.forEach((roa, i) => {
    const bad = (why: string): never => {
      throw new RpkiDataError(source, lineOfArrayElement(text, "roas", i), `roas[${i}]: ${why}`);
    };
    if (!isRecord(roa)) bad("expected an object with asn, prefix and maxLength");
    const r = roa as Record<string, unknown>;
    const asnValue = r.asn;
    let asn: number | undefined;
    if (typeof asnValue === "number") asn = Number.isInteger(asnValue) ? parseAsn(String(asnValue)) : undefined;
    else if (typeof asnValue === "string") { asn = parseAsn(asnValue); stringAsns = true; }
    if (asn === undefined) bad(`"asn" must be an AS number (64496 or "AS64496"), got ${JSON.stringify(asnValue)}`);
    if (typeof r.prefix !== "string") bad(`"prefix" must be text such as "192.0.2.0/24", got ${JSON.stringify(r.prefix)}`);
    const prefix = r.prefix as string;
    const p = parsePrefixInto(prefix, words);
    if (!p) return bad(prefixError(prefix));
    // RFC 6482 3.3: maxLength absent means the prefix length; present, it lies between the
    // prefix length and the address size.
    const maxLength = r.maxLength === undefined ? p.length : r.maxLength;
    if (typeof maxLength !== "number" || !Number.isInteger(maxLength) || maxLength < p.length || maxLength > BITS[p.family]) {
      bad(`"maxLength" must be an integer from ${p.length} to ${BITS[p.family]} for ${prefix}, got ${JSON.stringify(r.maxLength)}`);
    }
    into.add(p.family, words, p.length, maxLength as number, asn!, typeof r.ta === "string" ? r.ta : "");
  });
  const producer = typeof metadata.buildmachine === "string" || typeof metadata.buildtime === "string" ? "rpki-client " : stringAsns ? "Routinator " : "";
  const generatedAt = generationTime(metadata);
  return { format: `${producer}JSON`, ...(generatedAt ? { generatedAt } : {}), count: data.roas.length };
}
