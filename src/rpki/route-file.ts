// Announced routes from a file derived from a BGP table. The format is recognised from the
// first line that is not blank or a comment ('#'), and every line must then follow it:
//
//   prefix-origin   PREFIX ORIGIN...         "192.0.2.0/24 64496", "192.0.2.0/24,AS64496";
//                                            several origins: more fields, or "64496_64497"
//   pfx2as          ADDRESS LENGTH ORIGINS   CAIDA's RouteViews prefix-to-AS files:
//                                            "192.0.2.0<TAB>24<TAB>64496_64497"
//   bgpdump -m      TYPE|TIME|B|PEER|PEERAS|PREFIX|AS_PATH|...   a RIB dump (TABLE_DUMP or
//                                            TABLE_DUMP2) printed by `bgpdump -m`
//
// An origin written as an AS set ("{64496,64497}", or "64496,64497" in pfx2as) is NONE (RFC
// 6811 2): such a route matches no VRP. A header line of words (e.g. "prefix,origin") before
// the first route is skipped. Repeated (prefix, origin) pairs are stored once where they are
// adjacent (a RIB dump lists each prefix once per peer).

import { parseAsn } from "./asn.ts";
import { RpkiDataError } from "./data-error.ts";
import { parsePrefixInto, prefixError } from "./prefix-words.ts";
import type { Family } from "./prefix-words.ts";
import type { RouteTableBuilder } from "./route-table.ts";
import { forEachLine } from "./text-lines.ts";

export type RouteFileFormat = "prefix-origin" | "pfx2as" | "bgpdump -m";

export interface ParsedRouteFile {
  format: RouteFileFormat;
  /** Lines that gave a route (before duplicates were dropped). */
  lines: number;
  /** The newest dump time of a bgpdump file (ISO 8601). */
  generatedAt?: string;
}

const FORMAT_HELP: Record<RouteFileFormat, string> = {
  "prefix-origin": "PREFIX ORIGIN (e.g. 192.0.2.0/24 64496)",
  "pfx2as": "ADDRESS LENGTH ORIGINS (e.g. 192.0.2.0<TAB>24<TAB>64496)",
  "bgpdump -m": "TABLE_DUMP2|TIME|B|PEER|PEER_AS|PREFIX|AS_PATH|... (bgpdump -m of a RIB dump)",
};

const WHITESPACE = /[ \t]+/;
/**
 * Fields of a prefix-origin line: separated by blanks or commas; an AS set "{a,b}" is one
 * field. Read by character, as this runs for every line of a million-line table.
 */
function prefixOriginFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 44) { i++; continue; }
    const start = i;
    if (c === 123) { // "{": up to the matching "}"
      const end = line.indexOf("}", i);
      i = end < 0 ? line.length : end + 1;
    } else {
      while (i < line.length) {
        const d = line.charCodeAt(i);
        if (d === 32 || d === 9 || d === 44) break;
        i++;
      }
    }
    fields.push(line.slice(start, i));
  }
  return fields;
}

/** A line of words only (no digits, dots, colons or slashes in the first field) is a header. */
function isHeader(firstField: string): boolean {
  return /^[A-Za-z_" -]+$/.test(firstField) && !/^[0-9a-fA-F]+$/.test(firstField);
}

function detectFormat(line: string): RouteFileFormat {
  if (line.includes("|")) return "bgpdump -m";
  const first = line.trim().split(/[ \t,]+/)[0] ?? "";
  return first.includes("/") ? "prefix-origin" : "pfx2as";
}

/**
 * Origins of one field: "64496", "AS64496", "64496_64497" (several origins) or an AS set
 * "{64496,64497}" (NONE). `setSeparator` is what separates the members of a bare AS set
 * (pfx2as writes "64496,64497"). undefined if the field is malformed.
 */
function parseOriginField(field: string, setSeparator?: string): (number | null)[] | undefined {
  if (field.startsWith("{") && field.endsWith("}")) {
    const members = field.slice(1, -1).split(",");
    return members.every((m) => parseAsn(m.trim()) !== undefined) ? [null] : undefined;
  }
  const origins: (number | null)[] = [];
  for (const part of field.split("_")) {
    if (setSeparator && part.includes(setSeparator)) {
      if (!part.split(setSeparator).every((m) => parseAsn(m) !== undefined)) return undefined;
      origins.push(null);
      continue;
    }
    const asn = parseAsn(part);
    if (asn === undefined) return undefined;
    origins.push(asn);
  }
  return origins;
}

export function parseRouteFile(text: string, source: string, into: RouteTableBuilder): ParsedRouteFile {
  let format: RouteFileFormat | undefined;
  let lines = 0;
  let newestDump = 0;
  const words = new Uint32Array(4);
  // Adjacent duplicates: the prefix of the previous line and the origins seen for it.
  let lastPrefix = "";
  const lastOrigins: (number | null)[] = [];

  const add = (prefixText: string, family: Family, length: number, origins: readonly (number | null)[]) => {
    if (prefixText !== lastPrefix) {
      lastPrefix = prefixText;
      lastOrigins.length = 0;
    }
    for (const o of origins) {
      if (lastOrigins.includes(o)) continue;
      lastOrigins.push(o);
      into.add(family, words, length, o);
    }
    lines++;
  };

  const fail = (lineNumber: number, line: string, why: string): never => {
    throw new RpkiDataError(source, lineNumber, `${why}; expected ${FORMAT_HELP[format ?? detectFormat(line)]}`);
  };

  forEachLine(text, (raw, lineNumber) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const bad = (why: string): never => fail(lineNumber, line, why);
    if (format === undefined) {
      const first = line.split(/[ \t,|]+/)[0] ?? "";
      if (!line.includes("|") && isHeader(first)) return;
      format = detectFormat(line);
    }
    if (format === "bgpdump -m") {
      const f = line.split("|");
      if (f.length < 7) bad(`expected at least 7 '|'-separated fields, got ${f.length}`);
      if (f[0] !== "TABLE_DUMP" && f[0] !== "TABLE_DUMP2") {
        bad(`${JSON.stringify(f[0])} is not a table dump line (BGP4MP update lines do not describe a table: use a RIB dump)`);
      }
      const time = Number(f[1]);
      if (Number.isInteger(time) && time > newestDump) newestDump = time;
      const prefix = f[5]!;
      const p = parsePrefixInto(prefix, words);
      if (!p) return bad(prefixError(prefix));
      // RFC 6811 2: the origin is the last AS of the path; an empty path means the peer's own AS.
      const path = f[6]!.trim();
      const last = path === "" ? f[4]! : path.slice(path.lastIndexOf(" ") + 1);
      const origins = parseOriginField(last);
      if (!origins || origins.length !== 1) return bad(`cannot read the origin AS from the AS path ${JSON.stringify(path)}`);
      add(prefix, p.family, p.length, origins);
      return;
    }
    if (format === "pfx2as") {
      const f = line.split(WHITESPACE);
      if (f.length !== 3) bad(`expected 3 fields, got ${f.length}`);
      const [address, lengthText, originText] = f as [string, string, string];
      const prefix = `${address}/${lengthText}`;
      const p = parsePrefixInto(prefix, words);
      if (!p) return bad(prefixError(prefix));
      const origins = parseOriginField(originText, ",");
      if (!origins) return bad(`not an origin AS: ${JSON.stringify(originText)}`);
      add(prefix, p.family, p.length, origins);
      return;
    }
    const f = prefixOriginFields(line);
    if (f.length < 2) bad("expected a prefix and at least one origin AS");
    const prefix = f[0]!;
    const p = parsePrefixInto(prefix, words);
    if (!p) return bad(prefixError(prefix));
    const origins: (number | null)[] = [];
    for (let i = 1; i < f.length; i++) {
      const field = f[i]!;
      // The common case, one plain AS number, without the general parser's splitting.
      const plain = parseAsn(field);
      if (plain !== undefined) {
        origins.push(plain);
        continue;
      }
      const o = parseOriginField(field);
      if (!o) return bad(`not an origin AS: ${JSON.stringify(field)}`);
      origins.push(...o);
    }
    add(prefix, p.family, p.length, origins);
  });
  if (format === undefined) throw new RpkiDataError(source, undefined, `no routes found; expected lines of ${FORMAT_HELP["prefix-origin"]}`);
  return { format, lines, ...(newestDump > 0 ? { generatedAt: new Date(newestDump * 1000).toISOString() } : {}) };
}
