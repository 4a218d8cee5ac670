// Structured views of the DNSSEC record types (RFC 4034, RFC 5155), decoded from and encoded
// to uncompressed wire RDATA. Type bitmaps are lists of type numbers.
// Names inside this RDATA are never compressed (RFC 4034, RFC 5155), and the decoders reject
// anything the RFCs forbid, with MalformedMessageError.

import { MalformedMessageError, readName } from "./message.ts";
import { nameToWire } from "./name.ts";

export interface DsData { keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
export interface DnskeyData { flags: number; protocol: number; algorithm: number; publicKey: Uint8Array }
export interface RrsigData {
  typeCovered: number; algorithm: number; labels: number; originalTtl: number;
  /** Seconds since the epoch, as the 32-bit serial-arithmetic wire value (RFC 4034 3.1.5). */
  expiration: number; inception: number;
  keyTag: number; signerName: string; signature: Uint8Array;
}
export interface NsecData { nextDomainName: string; types: number[] }
export interface Nsec3Data {
  hashAlgorithm: number; flags: number; iterations: number; salt: Uint8Array;
  /** Raw hash octets (the owner name carries the base32hex form). */
  nextHashedOwner: Uint8Array; types: number[];
}
export interface Nsec3ParamData { hashAlgorithm: number; flags: number; iterations: number; salt: Uint8Array }

function fail(type: string, why: string): never {
  throw new MalformedMessageError(`bad ${type} RDATA: ${why}`);
}

/** A plain Uint8Array copy (never a Buffer view), so decoded values compare and serialise alike. */
function copy(b: Uint8Array, start: number, end = b.length): Uint8Array {
  return new Uint8Array(b.subarray(start, end));
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function u32(b: Uint8Array, o: number): number {
  return u16(b, o) * 0x10000 + u16(b, o + 2);
}

function putU16(out: Uint8Array, o: number, v: number): void {
  out[o] = (v >>> 8) & 0xff;
  out[o + 1] = v & 0xff;
}

function putU32(out: Uint8Array, o: number, v: number): void {
  putU16(out, o, Math.floor(v / 0x10000) & 0xffff);
  putU16(out, o + 2, v & 0xffff);
}

function checkRange(type: string, field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${type} ${field} out of range: ${value}`);
}

/**
 * Reads a name that must not be compressed (RFC 4034 3.1.7, 4.1.1; RFC 5155 3.2): inside
 * stand-alone RDATA a pointer can only point at bytes of the RDATA itself, which is never valid.
 */
function readUncompressedName(rdata: Uint8Array, offset: number, type: string): { name: string; end: number } {
  for (let o = offset; o < rdata.length; o += rdata[o]! + 1) {
    const len = rdata[o]!;
    if (len === 0) return readName(rdata, offset);
    if (len & 0xc0) fail(type, `compressed or extended label in name at ${o}`);
  }
  return fail(type, "name runs past the end");
}

// ---- type bitmaps (RFC 4034 section 4.1.2) -------------------------------------------------

/** Decodes a type bitmap into ascending type numbers, enforcing the RFC's encoding rules. */
export function decodeTypeBitmap(bytes: Uint8Array, type = "type bitmap"): number[] {
  const types: number[] = [];
  let previousWindow = -1;
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) fail(type, "truncated bitmap window header");
    const window = bytes[o]!;
    const length = bytes[o + 1]!;
    if (window <= previousWindow) fail(type, `bitmap windows out of order (${window} after ${previousWindow})`);
    if (length < 1 || length > 32) fail(type, `bitmap length ${length} outside 1..32`);
    if (o + 2 + length > bytes.length) fail(type, "bitmap runs past the end");
    // Trailing zero octets MUST be omitted, so the last octet of a window is never zero.
    if (bytes[o + 1 + length] === 0) fail(type, `bitmap window ${window} ends in a zero octet`);
    for (let i = 0; i < length; i++) {
      const octet = bytes[o + 2 + i]!;
      for (let bit = 0; bit < 8; bit++) {
        if (octet & (0x80 >> bit)) types.push(window * 256 + i * 8 + bit);
      }
    }
    previousWindow = window;
    o += 2 + length;
  }
  return types;
}

/** Encodes type numbers (any order, duplicates allowed) as a type bitmap. */
export function encodeTypeBitmap(types: readonly number[]): Uint8Array {
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  const parts: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const window = sorted[i]! >> 8;
    const octets = new Array<number>(32).fill(0);
    let used = 0;
    for (; i < sorted.length && sorted[i]! >> 8 === window; i++) {
      const t = sorted[i]!;
      checkRange("type bitmap", "type", t, 0xffff);
      const index = (t & 0xff) >> 3;
      octets[index]! |= 0x80 >> (t & 7);
      used = Math.max(used, index + 1);
    }
    parts.push(window, used, ...octets.slice(0, used));
  }
  return Uint8Array.from(parts);
}

// ---- DS / CDS (RFC 4034 section 5; RFC 7344) ---------------------------------------------

export function decodeDS(rdata: Uint8Array): DsData {
  if (rdata.length < 5) fail("DS", `length ${rdata.length} leaves no digest`);
  return { keyTag: u16(rdata, 0), algorithm: rdata[2]!, digestType: rdata[3]!, digest: copy(rdata, 4) };
}

export function encodeDS(ds: DsData): Uint8Array {
  checkRange("DS", "key tag", ds.keyTag, 0xffff);
  checkRange("DS", "algorithm", ds.algorithm, 0xff);
  checkRange("DS", "digest type", ds.digestType, 0xff);
  const out = new Uint8Array(4 + ds.digest.length);
  putU16(out, 0, ds.keyTag);
  out[2] = ds.algorithm;
  out[3] = ds.digestType;
  out.set(ds.digest, 4);
  return out;
}

// ---- DNSKEY / CDNSKEY (RFC 4034 section 2) -----------------------------------------------

export function decodeDNSKEY(rdata: Uint8Array): DnskeyData {
  // An empty key is legal only as the CDNSKEY "delete" signal (RFC 8078), which has algorithm 0.
  if (rdata.length < 4) fail("DNSKEY", `length ${rdata.length} is shorter than the fixed fields`);
  return { flags: u16(rdata, 0), protocol: rdata[2]!, algorithm: rdata[3]!, publicKey: copy(rdata, 4) };
}

export function encodeDNSKEY(key: DnskeyData): Uint8Array {
  checkRange("DNSKEY", "flags", key.flags, 0xffff);
  checkRange("DNSKEY", "protocol", key.protocol, 0xff);
  checkRange("DNSKEY", "algorithm", key.algorithm, 0xff);
  const out = new Uint8Array(4 + key.publicKey.length);
  putU16(out, 0, key.flags);
  out[2] = key.protocol;
  out[3] = key.algorithm;
  out.set(key.publicKey, 4);
  return out;
}

// ---- RRSIG (RFC 4034 section 3) ----------------------------------------------------------

const RRSIG_FIXED = 18;

export function decodeRRSIG(rdata: Uint8Array): RrsigData {
  if (rdata.length < RRSIG_FIXED + 1) fail("RRSIG", `length ${rdata.length} is shorter than the fixed fields`);
  const { name, end } = readUncompressedName(rdata, RRSIG_FIXED, "RRSIG");
  if (end >= rdata.length) fail("RRSIG", "no signature");
  return {
    typeCovered: u16(rdata, 0), algorithm: rdata[2]!, labels: rdata[3]!, originalTtl: u32(rdata, 4),
    expiration: u32(rdata, 8), inception: u32(rdata, 12), keyTag: u16(rdata, 16),
    signerName: name, signature: copy(rdata, end),
  };
}

export function encodeRRSIG(sig: RrsigData): Uint8Array {
  checkRange("RRSIG", "type covered", sig.typeCovered, 0xffff);
  checkRange("RRSIG", "algorithm", sig.algorithm, 0xff);
  checkRange("RRSIG", "labels", sig.labels, 0xff);
  checkRange("RRSIG", "original TTL", sig.originalTtl, 0xffffffff);
  checkRange("RRSIG", "expiration", sig.expiration, 0xffffffff);
  checkRange("RRSIG", "inception", sig.inception, 0xffffffff);
  checkRange("RRSIG", "key tag", sig.keyTag, 0xffff);
  const signer = nameToWire(sig.signerName);
  const out = new Uint8Array(RRSIG_FIXED + signer.length + sig.signature.length);
  putU16(out, 0, sig.typeCovered);
  out[2] = sig.algorithm;
  out[3] = sig.labels;
  putU32(out, 4, sig.originalTtl);
  putU32(out, 8, sig.expiration);
  putU32(out, 12, sig.inception);
  putU16(out, 16, sig.keyTag);
  out.set(signer, RRSIG_FIXED);
  out.set(sig.signature, RRSIG_FIXED + signer.length);
  return out;
}

// ---- NSEC (RFC 4034 section 4) -----------------------------------------------------------

export function decodeNSEC(rdata: Uint8Array): NsecData {
  const { name, end } = readUncompressedName(rdata, 0, "NSEC");
  return { nextDomainName: name, types: decodeTypeBitmap(rdata.subarray(end), "NSEC") };
}

export function encodeNSEC(nsec: NsecData): Uint8Array {
  return Buffer.concat([nameToWire(nsec.nextDomainName), encodeTypeBitmap(nsec.types)]);
}

// ---- NSEC3 and NSEC3PARAM (RFC 5155 sections 3 and 4) ------------------------------------

function readSalt(rdata: Uint8Array, offset: number, type: string): { salt: Uint8Array; end: number } {
  if (offset >= rdata.length) fail(type, "missing salt length");
  const length = rdata[offset]!;
  if (offset + 1 + length > rdata.length) fail(type, "salt runs past the end");
  return { salt: copy(rdata, offset + 1, offset + 1 + length), end: offset + 1 + length };
}

export function decodeNSEC3(rdata: Uint8Array): Nsec3Data {
  if (rdata.length < 5) fail("NSEC3", `length ${rdata.length} is shorter than the fixed fields`);
  const { salt, end: afterSalt } = readSalt(rdata, 4, "NSEC3");
  if (afterSalt >= rdata.length) fail("NSEC3", "missing hash length");
  const hashLength = rdata[afterSalt]!;
  if (hashLength === 0) fail("NSEC3", "hash length 0");
  const hashEnd = afterSalt + 1 + hashLength;
  if (hashEnd > rdata.length) fail("NSEC3", "next hashed owner runs past the end");
  return {
    hashAlgorithm: rdata[0]!, flags: rdata[1]!, iterations: u16(rdata, 2), salt,
    nextHashedOwner: copy(rdata, afterSalt + 1, hashEnd), types: decodeTypeBitmap(rdata.subarray(hashEnd), "NSEC3"),
  };
}

function encodeNsec3Head(type: string, p: Nsec3ParamData): Uint8Array {
  checkRange(type, "hash algorithm", p.hashAlgorithm, 0xff);
  checkRange(type, "flags", p.flags, 0xff);
  checkRange(type, "iterations", p.iterations, 0xffff);
  if (p.salt.length > 255) throw new Error(`${type} salt longer than 255 octets`);
  const out = new Uint8Array(5 + p.salt.length);
  out[0] = p.hashAlgorithm;
  out[1] = p.flags;
  putU16(out, 2, p.iterations);
  out[4] = p.salt.length;
  out.set(p.salt, 5);
  return out;
}

export function encodeNSEC3(nsec3: Nsec3Data): Uint8Array {
  const hashLength = nsec3.nextHashedOwner.length;
  if (hashLength < 1 || hashLength > 255) throw new Error(`NSEC3 next hashed owner of ${hashLength} octets`);
  return Buffer.concat([
    encodeNsec3Head("NSEC3", nsec3), Uint8Array.of(hashLength), nsec3.nextHashedOwner, encodeTypeBitmap(nsec3.types),
  ]);
}

export function decodeNSEC3PARAM(rdata: Uint8Array): Nsec3ParamData {
  if (rdata.length < 5) fail("NSEC3PARAM", `length ${rdata.length} is shorter than the fixed fields`);
  const { salt, end } = readSalt(rdata, 4, "NSEC3PARAM");
  if (end !== rdata.length) fail("NSEC3PARAM", "trailing octets after the salt");
  return { hashAlgorithm: rdata[0]!, flags: rdata[1]!, iterations: u16(rdata, 2), salt };
}

export function encodeNSEC3PARAM(param: Nsec3ParamData): Uint8Array {
  return encodeNsec3Head("NSEC3PARAM", param);
}

/** NSEC3 flag bit 0 (RFC 5155 3.1.2.1): this NSEC3 may cover unsigned delegations. */
export const NSEC3_FLAG_OPT_OUT = 0x01;
/** DNSKEY flag bits (RFC 4034 2.1.1, RFC 5011 7). */
export const DNSKEY_FLAG_ZONE = 0x0100;
export const DNSKEY_FLAG_REVOKE = 0x0080;
export const DNSKEY_FLAG_SEP = 0x0001;
