// IP prefixes as 32-bit words, the compact form the RPKI tables keep: IPv4 in one word, IPv6
// in four (most significant first). Global tables hold about two million prefixes, so the
// bulk parsers below read character codes instead of going through src/net/ip.ts's bigint
// parser (about 1-4 µs a prefix there, which would be seconds per load). They accept exactly
// the same strict text (no octal or shortened IPv4, 1-4 hex digits per IPv6 group); the rare
// IPv6 form with an IPv4 tail goes to parseIp, and the unit tests compare both parsers.

import { formatIp, parseIp } from "../net/ip.ts";
import type { IpAddress } from "../net/ip.ts";

export type Family = 4 | 6;

export const WORDS: Readonly<Record<Family, 1 | 4>> = { 4: 1, 6: 4 };
export const BITS: Readonly<Record<Family, 32 | 128>> = { 4: 32, 6: 128 };

/** A prefix in word form: `words` holds WORDS[family] words with the host bits zero. */
export interface WordPrefix {
  family: Family;
  words: Uint32Array;
  length: number;
}

const DOT = 46;
const COLON = 58;
const ZERO = 48;
const NINE = 57;

/** Strict dotted-quad IPv4 (as src/net/ip.ts): writes the address to out[at]; false if it is not one. */
export function parseIpv4Into(text: string, from: number, to: number, out: Uint32Array, at = 0): boolean {
  let value = 0;
  let parts = 0;
  let i = from;
  while (parts < 4) {
    const start = i;
    let n = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      n = n * 10 + (c - ZERO);
      i++;
    }
    const digits = i - start;
    // 1-3 digits, no leading zero ("010" is octal to some parsers), at most 255.
    if (digits === 0 || digits > 3 || (digits > 1 && text.charCodeAt(start) === ZERO) || n > 255) return false;
    value = value * 256 + n;
    parts++;
    if (parts < 4) {
      if (i >= to || text.charCodeAt(i) !== DOT) return false;
      i++;
    }
  }
  if (i !== to) return false;
  out[at] = value >>> 0;
  return true;
}

function hexValue(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

function bigintInto(value: bigint, out: Uint32Array): void {
  for (let w = 0; w < 4; w++) out[w] = Number((value >> BigInt(96 - 32 * w)) & 0xffffffffn);
}

/** The groups of the IPv6 address being parsed (module scratch: parsing allocates nothing). */
const GROUPS = new Uint32Array(8);

/** Strict IPv6 (no zone) into out[0..3]; false if it is not one. */
export function parseIpv6Into(text: string, from: number, to: number, out: Uint32Array): boolean {
  // An IPv4 tail ("::ffff:192.0.2.1") is rare in routing data: let the reference parser do it.
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === DOT) {
      const ip = parseIp(text.slice(from, to));
      if (!ip || ip.family !== 6 || ip.zone !== undefined) return false;
      bigintInto(ip.value, out);
      return true;
    }
  }
  let n = 0; // groups read
  let gap = -1; // index in GROUPS where "::" stands
  let i = from;
  if (to - from >= 2 && text.charCodeAt(from) === COLON && text.charCodeAt(from + 1) === COLON) {
    gap = 0;
    i += 2;
  }
  while (i < to) {
    if (n === 8) return false;
    let value = 0;
    const start = i;
    while (i < to && text.charCodeAt(i) !== COLON) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0 || i - start >= 4) return false;
      value = value * 16 + h;
      i++;
    }
    if (i === start) return false;
    GROUPS[n++] = value;
    if (i === to) break;
    i++; // ':'
    if (i < to && text.charCodeAt(i) === COLON) {
      if (gap >= 0) return false; // a second "::"
      gap = n;
      i++;
    } else if (i === to) {
      return false; // a trailing single ':'
    }
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  if (gap >= 0) {
    // Move the groups after "::" to the end and fill the gap with zeros.
    const tail = n - gap;
    for (let k = 0; k < tail; k++) GROUPS[7 - k] = GROUPS[n - 1 - k]!;
    for (let k = gap; k < 8 - tail; k++) GROUPS[k] = 0;
  }
  for (let w = 0; w < 4; w++) out[w] = ((GROUPS[2 * w]! * 0x10000) + GROUPS[2 * w + 1]!) >>> 0;
  return true;
}

/** The mask of the first `bits` bits of a 32-bit word (0 to 32 bits). */
export function wordMask(bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

/** True if the bits after `length` are all zero. */
export function hostBitsZero(words: Uint32Array, family: Family, length: number): boolean {
  for (let w = 0; w < WORDS[family]; w++) {
    const m = wordMask(length - 32 * w);
    if (((words[w]! & ~m) >>> 0) !== 0) return false;
  }
  return true;
}

/**
 * Parses "address/length" into `out` (which needs room for 4 words). Returns the family and
 * length, or undefined if the text is not a prefix with zero host bits; prefixError then says why.
 */
export function parsePrefixInto(text: string, out: Uint32Array): { family: Family; length: number } | undefined {
  const slash = text.indexOf("/");
  if (slash <= 0) return undefined;
  let family: Family;
  if (parseIpv4Into(text, 0, slash, out)) family = 4;
  else if (parseIpv6Into(text, 0, slash, out)) family = 6;
  else return undefined;
  const lengthDigits = text.length - slash - 1;
  if (lengthDigits < 1 || lengthDigits > 3) return undefined;
  let length = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return undefined;
    length = length * 10 + (c - ZERO);
  }
  if ((lengthDigits > 1 && text.charCodeAt(slash + 1) === ZERO) || length > BITS[family]) return undefined;
  if (!hostBitsZero(out, family, length)) return undefined;
  return { family, length };
}

/** Why `text` is not a prefix, for error messages (the slow path, only on errors). */
export function prefixError(text: string): string {
  const slash = text.indexOf("/");
  if (slash < 0) return `${JSON.stringify(text)} is not a prefix (expected ADDRESS/LENGTH)`;
  const ip = parseIp(text.slice(0, slash));
  if (!ip || ip.zone !== undefined) return `${JSON.stringify(text.slice(0, slash))} is not an IP address`;
  const bits = ip.family === 4 ? 32 : 128;
  const lengthText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(lengthText) || Number(lengthText) > bits) return `bad prefix length in ${JSON.stringify(text)}: expected 0 to ${bits}`;
  const length = Number(lengthText);
  const words = new Uint32Array(4);
  if (ip.family === 4) words[0] = Number(ip.value);
  else bigintInto(ip.value, words);
  for (let w = 0; w < WORDS[ip.family]; w++) words[w] = (words[w]! & wordMask(length - 32 * w)) >>> 0;
  return `${text} has host bits set; did you mean ${formatWordPrefix({ family: ip.family, words, length })}?`;
}

/** The words of a parsed address (src/net/ip.ts), for lookups. */
export function addressWords(ip: IpAddress): Uint32Array {
  const out = new Uint32Array(4);
  if (ip.family === 4) out[0] = Number(ip.value);
  else bigintInto(ip.value, out);
  return out;
}

export function wordsToBigint(words: Uint32Array, family: Family): bigint {
  let v = 0n;
  for (let w = 0; w < WORDS[family]; w++) v = (v << 32n) | BigInt(words[w]!);
  return v;
}

/** Canonical text ("192.0.2.0/24", "2001:db8::/32") through src/net/ip.ts's formatter. */
export function formatWordPrefix(p: WordPrefix): string {
  return `${formatIp({ family: p.family, value: wordsToBigint(p.words, p.family) })}/${p.length}`;
}
