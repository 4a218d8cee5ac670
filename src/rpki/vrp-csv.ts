// VRPs in the CSV that Routinator (csv, csvcompat, csvext) and rpki-client (-c) write. The
// header names the columns; "ASN", "IP Prefix" and "Max Length" are needed, "Trust Anchor" is
// kept when present, anything else is ignored:
//
//   ASN,IP Prefix,Max Length,Trust Anchor
//   AS64496,192.0.2.0/24,24,ripe
//
// csvcompat quotes every field ("64496"); both forms are read.

import { parseAsn } from "./asn.ts";
import { RpkiDataError } from "./data-error.ts";
import { BITS, parsePrefixInto, prefixError } from "./prefix-words.ts";
import { forEachLine } from "./text-lines.ts";
import type { ParsedVrpFile } from "./vrp-json.ts";
import type { VrpTableBuilder } from "./vrp-table.ts";

const COLUMNS = { asn: "asn", prefix: "ip prefix", maxLength: "max length", ta: "trust anchor" } as const;

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.slice(1, -1) : f;
}

export function parseVrpCsv(text: string, source: string, into: VrpTableBuilder): ParsedVrpFile {
  let columns: { asn: number; prefix: number; maxLength: number; ta: number } | undefined;
  let count = 0;
  const words = new Uint32Array(4);
  forEachLine(text, (line, lineNumber) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const fields = line.split(",").map(unquote);
    const bad = (why: string): never => {
      throw new RpkiDataError(source, lineNumber, why);
    };
    if (!columns) {
      const names = fields.map((f) => f.toLowerCase());
      const at = (name: string) => names.indexOf(name);
      const found = { asn: at(COLUMNS.asn), prefix: at(COLUMNS.prefix), maxLength: at(COLUMNS.maxLength), ta: at(COLUMNS.ta) };
      if (found.asn < 0 || found.prefix < 0 || found.maxLength < 0) {
        bad(`expected a header naming the columns "ASN", "IP Prefix" and "Max Length" (as Routinator and rpki-client write it), got ${JSON.stringify(line.slice(0, 80))}`);
      }
      columns = found;
      return;
    }
    const need = Math.max(columns.asn, columns.prefix, columns.maxLength);
    if (fields.length <= need) bad(`expected at least ${need + 1} comma-separated fields, got ${fields.length}`);
    const asn = parseAsn(fields[columns.asn]!);
    if (asn === undefined) bad(`not an AS number: ${JSON.stringify(fields[columns.asn])}`);
    const prefix = fields[columns.prefix]!;
    const p = parsePrefixInto(prefix, words);
    if (!p) return bad(prefixError(prefix));
    const maxText = fields[columns.maxLength]!;
    const maxLength = /^\d{1,3}$/.test(maxText) ? Number(maxText) : NaN;
    if (!(maxLength >= p.length && maxLength <= BITS[p.family])) bad(`max length must be from ${p.length} to ${BITS[p.family]} for ${prefix}, got ${JSON.stringify(maxText)}`);
    into.add(p.family, words, p.length, maxLength, asn!, columns.ta >= 0 ? fields[columns.ta] ?? "" : "");
    count++;
  });
  if (!columns) throw new RpkiDataError(source, undefined, "empty: no header and no VRPs");
  return { format: "CSV", count };
}
