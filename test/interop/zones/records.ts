// Line edits on signed zone text (one record per line, as dnssec-signzone -O full and
// ldns-signzone write it), used to break zones on purpose after signing, and the NSEC3 hash
// needed to aim such a break at one name.

import { createHash } from "node:crypto";
import { nameToWire, normaliseName } from "../../../src/dns/name.ts";

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

export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

/**
 * Corrupts the signature of the RRSIG(s) over `owner`/`covered` by changing bytes in the
 * middle of the signature's base64 (the record stays well formed).
 */
export function tamperSignature(text: string, owner: string, covered: string): string {
  const res = editRecords(text, (rr) => {
    if (rr.type !== "RRSIG" || !sameName(rr.owner, owner) || rr.rdata[0]?.toUpperCase() !== covered) return undefined;
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

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

function base32hex(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

/** The NSEC3 hash (RFC 5155 section 5, SHA-1) of a name, in lower-case base32hex. */
export function nsec3Hash(name: string, saltHex: string, iterations: number): string {
  const salt = saltHex === "-" || saltHex === "" ? Buffer.alloc(0) : Buffer.from(saltHex, "hex");
  let digest: Uint8Array = createHash("sha1").update(nameToWire(normaliseName(name))).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash("sha1").update(digest).update(salt).digest();
  return base32hex(digest);
}
