// Structured views of the RDATA of the everyday record types, decoded from (and encoded to)
// the uncompressed wire bytes that message.ts keeps. DNSSEC types live in rdata-dnssec.ts.

import { isIP } from "node:net";
import { MalformedMessageError, readName } from "./message.ts";
import { nameToWire } from "./name.ts";
import { typeNumber } from "./rr-types.ts";

export interface SoaData {
  mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number;
}
export interface MxData { preference: number; exchange: string }

function fail(type: string, why: string): never {
  throw new MalformedMessageError(`bad ${type} RDATA: ${why}`);
}

/** A name that must fill the RDATA exactly (NS, CNAME, DNAME, PTR). */
export function decodeNameRdata(rdata: Uint8Array, type = "name"): string {
  const { name, end } = readName(rdata, 0);
  if (end !== rdata.length) fail(type, "trailing octets after the name");
  return name;
}

export function decodeA(rdata: Uint8Array): string {
  if (rdata.length !== 4) fail("A", `length ${rdata.length}, expected 4`);
  return Array.from(rdata).join(".");
}

export function decodeAAAA(rdata: Uint8Array): string {
  if (rdata.length !== 16) fail("AAAA", `length ${rdata.length}, expected 16`);
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((rdata[i]! << 8) | rdata[i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

export function decodeMX(rdata: Uint8Array): MxData {
  if (rdata.length < 3) fail("MX", "too short");
  const { name, end } = readName(rdata, 2);
  if (end !== rdata.length) fail("MX", "trailing octets");
  return { preference: (rdata[0]! << 8) | rdata[1]!, exchange: name };
}

export function decodeSOA(rdata: Uint8Array): SoaData {
  const m = readName(rdata, 0);
  const r = readName(rdata, m.end);
  if (r.end + 20 !== rdata.length) fail("SOA", "wrong length");
  const v = Buffer.from(rdata.buffer, rdata.byteOffset + r.end, 20);
  return {
    mname: m.name, rname: r.name, serial: v.readUInt32BE(0), refresh: v.readUInt32BE(4),
    retry: v.readUInt32BE(8), expire: v.readUInt32BE(12), minimum: v.readUInt32BE(16),
  };
}

/** TXT character-strings, each as a string of latin1 octets (lossless). */
export function decodeTXT(rdata: Uint8Array): string[] {
  const out: string[] = [];
  let o = 0;
  while (o < rdata.length) {
    const len = rdata[o]!;
    if (o + 1 + len > rdata.length) fail("TXT", "string runs past the end");
    out.push(Buffer.from(rdata.subarray(o + 1, o + 1 + len)).toString("latin1"));
    o += 1 + len;
  }
  return out;
}

// ---- encoders (used to build zones for the simulated internet and in tests) ----

export function encodeA(address: string): Uint8Array {
  if (isIP(address) !== 4) throw new Error(`not an IPv4 address: ${address}`);
  return Uint8Array.from(address.split(".").map(Number));
}

export function encodeAAAA(address: string): Uint8Array {
  if (isIP(address) !== 6) throw new Error(`not an IPv6 address: ${address}`);
  let text = address;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tail = v4[1]!.split(".").map(Number);
    text = text.slice(0, -v4[1]!.length) + "0:0";
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  if (tail.length) out.set(tail, 12);
  return out;
}

export function encodeMX(preference: number, exchange: string): Uint8Array {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(preference);
  return Buffer.concat([head, nameToWire(exchange)]);
}

export function encodeSOA(soa: SoaData): Uint8Array {
  const nums = Buffer.alloc(20);
  [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum].forEach((n, i) => nums.writeUInt32BE(n >>> 0, i * 4));
  return Buffer.concat([nameToWire(soa.mname), nameToWire(soa.rname), nums]);
}

export function encodeTXT(strings: readonly string[]): Uint8Array {
  return Buffer.concat(strings.map((s) => {
    const bytes = Buffer.from(s, "latin1");
    if (bytes.length > 255) throw new Error("TXT character-string longer than 255 octets");
    return Buffer.concat([Uint8Array.of(bytes.length), bytes]);
  }));
}

export const TYPE = {
  A: typeNumber("A"), NS: typeNumber("NS"), CNAME: typeNumber("CNAME"), SOA: typeNumber("SOA"),
  MX: typeNumber("MX"), TXT: typeNumber("TXT"), AAAA: typeNumber("AAAA"), DNAME: typeNumber("DNAME"),
  DS: typeNumber("DS"), RRSIG: typeNumber("RRSIG"), NSEC: typeNumber("NSEC"), DNSKEY: typeNumber("DNSKEY"),
  NSEC3: typeNumber("NSEC3"), NSEC3PARAM: typeNumber("NSEC3PARAM"), CAA: typeNumber("CAA"), TLSA: typeNumber("TLSA"),
  PTR: typeNumber("PTR"), OPT: typeNumber("OPT"),
} as const;
