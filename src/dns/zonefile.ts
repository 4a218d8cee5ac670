// Zone files (RFC 1035 section 5, with $TTL from RFC 2308 and the generic RDATA form of
// RFC 3597): text to ResourceRecord[] and back. Used to write the zones of the simulated
// internet and to load trust-anchor files, so errors always name the offending line.

import type { ResourceRecord } from "./message.ts";
import { absoluteName, formatName, formatRdataText, parseRdataText, parseTtl } from "./rdata-text.ts";
import { typeName, typeNumber } from "./rr-types.ts";
import { tokenizeZone, ZoneParseError } from "./zone-tokenizer.ts";
import type { ZoneEntry, ZoneToken } from "./zone-tokenizer.ts";

export { ZoneParseError } from "./zone-tokenizer.ts";

export interface ZoneParseOptions {
  /** Initial origin for relative names and "@" (absolute; a trailing dot is optional). */
  origin?: string;
  /** TTL for records without one, until a $TTL directive says otherwise. */
  defaultTtl?: number;
}

const CLASS_NUMBERS: Readonly<Record<string, number>> = { IN: 1, CS: 2, CH: 3, HS: 4, NONE: 254, ANY: 255 };
const CLASS_NAMES: ReadonlyMap<number, string> = new Map([[1, "IN"], [3, "CH"], [4, "HS"]]);

function classNumber(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = CLASS_NUMBERS[upper];
  if (known !== undefined) return known;
  const m = /^CLASS(\d{1,5})$/.exec(upper);
  return m && Number(m[1]) <= 0xffff ? Number(m[1]) : undefined;
}

function className(num: number): string {
  return CLASS_NAMES.get(num) ?? `CLASS${num}`;
}

interface ParserState {
  origin: string | undefined;
  /** $TTL value, or the caller's default. */
  defaultTtl: number | undefined;
  /** RFC 1035: without $TTL, an omitted TTL repeats the last one given. */
  lastTtl: number | undefined;
  lastOwner: string | undefined;
}

function directive(entry: ZoneEntry, state: ParserState): void {
  const [head, arg, ...extra] = entry.tokens as [ZoneToken, ...ZoneToken[]];
  const keyword = head.text.toUpperCase();
  if (keyword === "$ORIGIN" || keyword === "$TTL") {
    if (!arg) throw new ZoneParseError(entry.line, `${keyword} needs an argument`);
    if (extra.length > 0) throw new ZoneParseError(entry.line, `unexpected ${JSON.stringify(extra[0]!.text)} after ${keyword}`);
    if (keyword === "$ORIGIN") {
      // A relative $ORIGIN is taken relative to the current one, as BIND does.
      state.origin = absoluteName(arg.text, state.origin, arg.line);
    } else {
      const ttl = parseTtl(arg.text);
      if (ttl === undefined) throw new ZoneParseError(arg.line, `bad $TTL: ${JSON.stringify(arg.text)}`);
      state.defaultTtl = ttl;
    }
    return;
  }
  throw new ZoneParseError(entry.line, `unsupported directive ${head.text}`);
}

function record(entry: ZoneEntry, state: ParserState): ResourceRecord {
  const tokens = entry.tokens;
  let i = 0;
  let owner: string;
  if (entry.ownerOmitted) {
    if (state.lastOwner === undefined) throw new ZoneParseError(entry.line, "owner name omitted but there is no previous owner");
    owner = state.lastOwner;
  } else {
    const t = tokens[i++]!;
    owner = absoluteName(t.text, state.origin, t.line);
  }

  // TTL and class are both optional and may come in either order (RFC 1035 5.1).
  let ttl: number | undefined;
  let klass: number | undefined;
  for (;;) {
    const t = tokens[i];
    if (!t) throw new ZoneParseError(entry.line, "missing record type");
    const asTtl = ttl === undefined ? parseTtl(t.text) : undefined;
    const asClass = klass === undefined ? classNumber(t.text) : undefined;
    if (asTtl !== undefined) ttl = asTtl;
    else if (asClass !== undefined) klass = asClass;
    else break;
    i++;
  }

  const typeToken = tokens[i++]!;
  let type: number;
  try {
    type = typeNumber(typeToken.text);
  } catch {
    throw new ZoneParseError(typeToken.line, `unknown record type or bad TTL/class: ${JSON.stringify(typeToken.text)}`);
  }

  if (ttl !== undefined) state.lastTtl = ttl;
  const effectiveTtl = ttl ?? state.defaultTtl ?? state.lastTtl;
  if (effectiveTtl === undefined) throw new ZoneParseError(entry.line, "no TTL given and no $TTL or default TTL set");

  const rdata = parseRdataText(type, tokens.slice(i), { origin: state.origin, line: entry.line });
  state.lastOwner = owner;
  return { name: owner, type, class: klass ?? 1, ttl: effectiveTtl, rdata };
}

/** Parses zone-file text into records, in file order. Throws ZoneParseError ("line N: ..."). */
export function parseZoneText(text: string, opts: ZoneParseOptions = {}): ResourceRecord[] {
  const state: ParserState = {
    origin: opts.origin === undefined ? undefined : absoluteName(opts.origin.endsWith(".") ? opts.origin : `${opts.origin}.`, undefined, 0),
    defaultTtl: opts.defaultTtl,
    lastTtl: undefined,
    lastOwner: undefined,
  };
  const records: ResourceRecord[] = [];
  for (const entry of tokenizeZone(text)) {
    const first = entry.tokens[0]!;
    if (!entry.ownerOmitted && !first.quoted && first.text.startsWith("$")) directive(entry, state);
    else records.push(record(entry, state));
  }
  return records;
}

/** One zone-file line: absolute owner, TTL, class, type, RDATA. parseZoneText reads it back identically. */
export function formatRecord(rr: ResourceRecord): string {
  return `${formatName(rr.name)} ${rr.ttl >>> 0} ${className(rr.class)} ${typeName(rr.type)} ${formatRdataText(rr.type, rr.rdata)}`;
}

/** Several records, one per line (with a final newline). */
export function formatZone(records: readonly ResourceRecord[]): string {
  return records.map((rr) => formatRecord(rr) + "\n").join("");
}
