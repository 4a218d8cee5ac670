// Line edits on signed zone text (one record per line, as dnssec-signzone -O full and
// ldns-signzone write it), used to break zones on purpose after signing.

import { namesEqual } from "../../../src/dns/name.ts";

export interface ZoneLine {
  owner: string;
  ttl: number;
  type: string;
  /** RDATA tokens as written (base64 may be split into several). */
  rdata: string[];
}

const RECORD_LINE = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*)$/;

/** Parses one record line; undefined for comments, blank lines and directives. */
export function parseZoneLine(line: string): ZoneLine | undefined {
  const m = RECORD_LINE.exec(line.trim());
  if (!m) return undefined;
  return { owner: m[1]!, ttl: Number(m[2]), type: m[3]!.toUpperCase(), rdata: m[4]!.trim().split(/\s+/) };
}

/** The lines of a signed zone that are records, in order. */
export function zoneRecords(text: string): ZoneLine[] {
  return text.split("\n").map(parseZoneLine).filter((r): r is ZoneLine => r !== undefined);
}

/** Drops every record line for which `drop` returns true (comments are kept). */
export function removeRecords(text: string, drop: (rr: ZoneLine) => boolean): { text: string; removed: number } {
  let removed = 0;
  const lines = text.split("\n").filter((line) => {
    const rr = parseZoneLine(line);
    if (rr && drop(rr)) {
      removed++;
      return false;
    }
    return true;
  });
  return { text: lines.join("\n"), removed };
}

/** Rewrites each record line for which `edit` returns a new line. */
export function editRecords(text: string, edit: (rr: ZoneLine, line: string) => string | undefined): { text: string; edited: number } {
  let edited = 0;
  const lines = text.split("\n").map((line) => {
    const rr = parseZoneLine(line);
    const replacement = rr ? edit(rr, line) : undefined;
    if (replacement === undefined) return line;
    edited++;
    return replacement;
  });
  return { text: lines.join("\n"), edited };
}

/**
 * Corrupts the signature of the RRSIG(s) over `owner`/`covered` by changing bytes in the
 * middle of the signature's base64 (the record stays well formed).
 */
export function tamperSignature(text: string, owner: string, covered: string): string {
  const res = editRecords(text, (rr) => {
    if (rr.type !== "RRSIG" || !namesEqual(rr.owner, owner) || rr.rdata[0]?.toUpperCase() !== covered) return undefined;
    const sig = rr.rdata.slice(8).join("");
    const mid = Math.floor(sig.length / 2);
    // Replace four base64 characters (three whole bytes) with different ones.
    const chunk = sig.slice(mid - (mid % 4), mid - (mid % 4) + 4);
    const replacement = chunk === "AAAA" ? "BBBB" : "AAAA";
    const broken = sig.slice(0, mid - (mid % 4)) + replacement + sig.slice(mid - (mid % 4) + 4);
    return `${rr.owner} ${rr.ttl} IN RRSIG ${rr.rdata.slice(0, 8).join(" ")} ${broken}`;
  });
  if (res.edited === 0) throw new Error(`no RRSIG ${covered} at ${owner} to tamper with`);
  return res.text;
}
