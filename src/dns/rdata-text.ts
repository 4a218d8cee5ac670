// RDATA in presentation format (the zone-file text after the type), per record type: parse
// tokens into uncompressed wire RDATA and format wire RDATA back into tokens. Every type also
// accepts the RFC 3597 generic form "\# <length> <hex>", and formatting falls back to it for
// types without a text form here and for RDATA that does not decode, so nothing is ever lost.

import { algorithmNumber } from "../dnssec/algorithms.ts";
import { base32hexDecode, base32hexEncode } from "./base32hex.ts";
import { readName } from "./message.ts";
import { NameError, nameToWire } from "./name.ts";
import {
  decodeDNSKEY, decodeDS, decodeNSEC, decodeNSEC3, decodeNSEC3PARAM, decodeRRSIG,
  encodeDNSKEY, encodeDS, encodeNSEC, encodeNSEC3, encodeNSEC3PARAM, encodeRRSIG,
} from "./rdata-dnssec.ts";
import { decodeA, decodeAAAA, decodeSOA, decodeTXT, encodeA, encodeAAAA } from "./rdata.ts";
import { typeName, typeNumber } from "./rr-types.ts";
import { decodeCharacterString, quoteCharacterString, ZoneParseError } from "./zone-tokenizer.ts";
import type { ZoneToken } from "./zone-tokenizer.ts";

export interface RdataContext {
  /** Origin for relative names; undefined when none has been set. */
  origin: string | undefined;
  line: number;
}

/** Reads the RDATA tokens of one record in order, with errors that name the line. */
export class TokenReader {
  readonly tokens: readonly ZoneToken[];
  readonly line: number;
  private index = 0;

  constructor(tokens: readonly ZoneToken[], line: number) {
    this.tokens = tokens;
    this.line = line;
  }

  error(message: string): ZoneParseError {
    return new ZoneParseError(this.tokens[Math.max(0, this.index - 1)]?.line ?? this.line, message);
  }

  next(what: string): ZoneToken {
    const token = this.tokens[this.index];
    if (!token) throw this.error(`missing ${what}`);
    this.index++;
    return token;
  }

  /** All remaining tokens, consumed. */
  rest(): ZoneToken[] {
    const out = this.tokens.slice(this.index);
    this.index = this.tokens.length;
    return out;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  expectEnd(): void {
    const extra = this.tokens[this.index];
    if (extra) throw new ZoneParseError(extra.line, `unexpected ${JSON.stringify(extra.text)} after the RDATA`);
  }

  integer(what: string, max: number): number {
    const token = this.next(what);
    if (!/^\d+$/.test(token.text) || Number(token.text) > max) {
      throw new ZoneParseError(token.line, `bad ${what}: ${JSON.stringify(token.text)}`);
    }
    return Number(token.text);
  }
}

/** The escaped text ends in a real (unescaped) dot, making the name absolute. */
function endsInDot(text: string): boolean {
  if (!text.endsWith(".")) return false;
  let backslashes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Makes a zone-file name absolute (presentation form without trailing dot, see name.ts). */
export function absoluteName(text: string, origin: string | undefined, line: number): string {
  let name: string;
  if (text === "@") {
    if (origin === undefined) throw new ZoneParseError(line, "'@' used but no origin is set");
    name = origin;
  } else if (text === ".") {
    name = ".";
  } else if (endsInDot(text)) {
    name = text.slice(0, -1);
  } else {
    if (origin === undefined) throw new ZoneParseError(line, `relative name ${JSON.stringify(text)} but no origin is set`);
    name = origin === "." ? text : `${text}.${origin}`;
  }
  try {
    nameToWire(name);
  } catch (e) {
    if (e instanceof NameError) throw new ZoneParseError(line, e.message);
    throw e;
  }
  return name;
}

/** A name as zone-file text: absolute, with its trailing dot. */
export function formatName(name: string): string {
  return name === "." ? "." : `${name}.`;
}

function nameWire(r: TokenReader, ctx: RdataContext, what: string): Uint8Array {
  const token = r.next(what);
  return nameToWire(absoluteName(token.text, ctx.origin, token.line));
}

function u8(v: number): Uint8Array {
  return Uint8Array.of(v);
}

function u16(v: number): Uint8Array {
  return Uint8Array.of(v >>> 8, v & 0xff);
}

function hexFromTokens(r: TokenReader, tokens: ZoneToken[], what: string, allowEmpty: boolean): Uint8Array {
  const text = tokens.map((t) => t.text).join("");
  if (!/^([0-9a-fA-F]{2})*$/.test(text) || (!allowEmpty && text === "")) throw r.error(`bad ${what} hex: ${JSON.stringify(text)}`);
  return Buffer.from(text, "hex");
}

function base64FromTokens(r: TokenReader, tokens: ZoneToken[], what: string): Uint8Array {
  const text = tokens.map((t) => t.text).join("");
  if (text === "" || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw r.error(`bad ${what} base64: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return Buffer.from(text, "base64");
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex").toUpperCase();
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function algorithm(r: TokenReader): number {
  const token = r.next("algorithm");
  const n = algorithmNumber(token.text);
  if (n === undefined) throw new ZoneParseError(token.line, `bad algorithm: ${JSON.stringify(token.text)}`);
  return n;
}

function typeFromToken(token: ZoneToken): number {
  try {
    return typeNumber(token.text);
  } catch {
    throw new ZoneParseError(token.line, `unknown type: ${JSON.stringify(token.text)}`);
  }
}

function typeList(r: TokenReader): number[] {
  return r.rest().map(typeFromToken);
}

function formatTypes(types: readonly number[]): string {
  return types.map(typeName).join(" ");
}

/** RRSIG times: YYYYMMDDHHmmSS in UTC, or seconds since the epoch (RFC 4034 3.2). */
function rrsigTime(r: TokenReader, what: string): number {
  const token = r.next(what);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(token.text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(ms);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw new ZoneParseError(token.line, `bad ${what}: ${token.text}`);
    }
    // Times past 2106 wrap around: the field is 32-bit serial arithmetic (RFC 4034 3.1.5).
    return (ms / 1000) % 2 ** 32;
  }
  if (/^\d{1,10}$/.test(token.text) && Number(token.text) < 2 ** 32) return Number(token.text);
  throw new ZoneParseError(token.line, `bad ${what}: ${JSON.stringify(token.text)}`);
}

/** YYYYMMDDHHmmSS for a 32-bit RRSIG time (the epoch-based reading, 1970..2106). */
export function formatRrsigTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function salt(r: TokenReader): Uint8Array {
  const token = r.next("salt");
  if (token.text === "-") return new Uint8Array(0);
  const bytes = hexFromTokens(r, [token], "salt", false);
  if (bytes.length > 255) throw r.error("salt longer than 255 octets");
  return bytes;
}

function formatSalt(bytes: Uint8Array): string {
  return bytes.length === 0 ? "-" : hex(bytes);
}

/** TTL-like values: seconds, or BIND units such as 1h30m (also used by the zone parser). */
export function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n < 2 ** 32 ? n : undefined;
  }
  if (!/^(\d+[wdhms])+$/i.test(text)) return undefined;
  const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const [, n, u] of text.toLowerCase().matchAll(/(\d+)([wdhms])/g)) total += Number(n) * unit[u!]!;
  return total < 2 ** 32 ? total : undefined;
}

function ttlField(r: TokenReader, what: string): number {
  const token = r.next(what);
  const n = parseTtl(token.text);
  if (n === undefined) throw new ZoneParseError(token.line, `bad ${what}: ${JSON.stringify(token.text)}`);
  return n;
}

function u32(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

interface TextCodec {
  parse(r: TokenReader, ctx: RdataContext): Uint8Array;
  /** May throw on RDATA it cannot show; the caller then uses the generic form. */
  format(rdata: Uint8Array): string;
}

const singleName: TextCodec = {
  parse: (r, ctx) => nameWire(r, ctx, "name"),
  format: (rd) => {
    const { name, end } = readName(rd, 0);
    if (end !== rd.length) throw new Error("trailing octets");
    return formatName(name);
  },
};

/** preference + name: MX, and its look-alikes AFSDB, RT, KX. */
const preferenceName: TextCodec = {
  parse: (r, ctx) => Buffer.concat([u16(r.integer("preference", 0xffff)), nameWire(r, ctx, "name")]),
  format: (rd) => {
    if (rd.length < 3) throw new Error("too short");
    const { name, end } = readName(rd, 2);
    if (end !== rd.length) throw new Error("trailing octets");
    return `${(rd[0]! << 8) | rd[1]!} ${formatName(name)}`;
  },
};

const characterStrings: TextCodec = {
  parse: (r) => {
    const tokens = r.rest();
    if (tokens.length === 0) throw r.error("missing character-string");
    return Buffer.concat(tokens.map((t) => {
      const bytes = decodeCharacterString(t);
      if (bytes.length > 255) throw new ZoneParseError(t.line, "character-string longer than 255 octets");
      return Buffer.concat([u8(bytes.length), bytes]);
    }));
  },
  format: (rd) => {
    if (rd.length === 0) throw new Error("empty");
    return decodeTXT(rd).map((s) => quoteCharacterString(Buffer.from(s, "latin1"))).join(" ");
  },
};

const ds: TextCodec = {
  parse: (r) => {
    const keyTag = r.integer("key tag", 0xffff);
    const alg = algorithm(r);
    const digestType = r.integer("digest type", 0xff);
    return encodeDS({ keyTag, algorithm: alg, digestType, digest: hexFromTokens(r, r.rest(), "digest", false) });
  },
  format: (rd) => {
    const d = decodeDS(rd);
    return `${d.keyTag} ${d.algorithm} ${d.digestType} ${hex(d.digest)}`;
  },
};

const dnskey: TextCodec = {
  parse: (r) => {
    const flags = r.integer("flags", 0xffff);
    const protocol = r.integer("protocol", 0xff);
    const alg = algorithm(r);
    return encodeDNSKEY({ flags, protocol, algorithm: alg, publicKey: base64FromTokens(r, r.rest(), "public key") });
  },
  format: (rd) => {
    const k = decodeDNSKEY(rd);
    if (k.publicKey.length === 0) throw new Error("empty key has no base64 form");
    return `${k.flags} ${k.protocol} ${k.algorithm} ${base64(k.publicKey)}`;
  },
};

const CODECS_BY_MNEMONIC: [string, TextCodec][] = [
  ["A", { parse: (r) => wrap(r, () => encodeA(r.next("address").text)), format: decodeA }],
  ["AAAA", { parse: (r) => wrap(r, () => encodeAAAA(r.next("address").text)), format: decodeAAAA }],
  ...["NS", "MD", "MF", "CNAME", "MB", "MG", "MR", "PTR", "DNAME"].map((t): [string, TextCodec] => [t, singleName]),
  ...["MX", "AFSDB", "RT", "KX"].map((t): [string, TextCodec] => [t, preferenceName]),
  ["SOA", {
    parse: (r, ctx) => {
      const mname = nameWire(r, ctx, "SOA MNAME");
      const rname = nameWire(r, ctx, "SOA RNAME");
      const serial = r.integer("SOA serial", 0xffffffff);
      const timers = ["refresh", "retry", "expire", "minimum"].map((w) => ttlField(r, `SOA ${w}`));
      return Buffer.concat([mname, rname, u32(serial), ...timers.map(u32)]);
    },
    format: (rd) => {
      const s = decodeSOA(rd);
      return `${formatName(s.mname)} ${formatName(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
    },
  }],
  ["HINFO", {
    // RFC 1035 3.3.2: exactly two character-strings, CPU and OS.
    parse: (r) => {
      const cpu = r.next("HINFO CPU");
      const os = r.next("HINFO OS");
      return characterStrings.parse(new TokenReader([cpu, os], r.line), { origin: undefined, line: r.line });
    },
    format: (rd) => {
      const strings = decodeTXT(rd);
      if (strings.length !== 2) throw new Error("HINFO needs two strings");
      return characterStrings.format(rd);
    },
  }],
  ["TXT", characterStrings],
  ["SPF", characterStrings],
  ["SRV", {
    parse: (r, ctx) => Buffer.concat([
      u16(r.integer("priority", 0xffff)), u16(r.integer("weight", 0xffff)), u16(r.integer("port", 0xffff)), nameWire(r, ctx, "target"),
    ]),
    format: (rd) => {
      if (rd.length < 7) throw new Error("too short");
      const { name, end } = readName(rd, 6);
      if (end !== rd.length) throw new Error("trailing octets");
      return `${(rd[0]! << 8) | rd[1]!} ${(rd[2]! << 8) | rd[3]!} ${(rd[4]! << 8) | rd[5]!} ${formatName(name)}`;
    },
  }],
  ["CAA", {
    // RFC 8659 4.1.1: flags, tag, and a value that is the rest of the RDATA (may exceed 255).
    parse: (r) => {
      const flags = r.integer("CAA flags", 0xff);
      const tag = r.next("CAA tag");
      if (!/^[A-Za-z0-9]{1,255}$/.test(tag.text)) throw new ZoneParseError(tag.line, `bad CAA tag: ${JSON.stringify(tag.text)}`);
      const value = decodeCharacterString(r.next("CAA value"));
      return Buffer.concat([u8(flags), u8(tag.text.length), Buffer.from(tag.text, "ascii"), value]);
    },
    format: (rd) => {
      if (rd.length < 2 || rd[1] === 0 || 2 + rd[1]! > rd.length) throw new Error("bad tag length");
      const tag = Buffer.from(rd.subarray(2, 2 + rd[1]!)).toString("latin1");
      if (!/^[A-Za-z0-9]+$/.test(tag)) throw new Error("bad tag");
      return `${rd[0]} ${tag} ${quoteCharacterString(rd.subarray(2 + rd[1]!))}`;
    },
  }],
  ...["TLSA", "SMIMEA"].map((t): [string, TextCodec] => [t, {
    parse: (r) => Buffer.concat([
      u8(r.integer("usage", 0xff)), u8(r.integer("selector", 0xff)), u8(r.integer("matching type", 0xff)),
      hexFromTokens(r, r.rest(), "certificate association data", false),
    ]),
    format: (rd) => {
      if (rd.length < 4) throw new Error("too short");
      return `${rd[0]} ${rd[1]} ${rd[2]} ${hex(rd.subarray(3))}`;
    },
  }]),
  ["SSHFP", {
    parse: (r) => Buffer.concat([u8(r.integer("algorithm", 0xff)), u8(r.integer("fingerprint type", 0xff)), hexFromTokens(r, r.rest(), "fingerprint", false)]),
    format: (rd) => {
      if (rd.length < 3) throw new Error("too short");
      return `${rd[0]} ${rd[1]} ${hex(rd.subarray(2))}`;
    },
  }],
  ["DS", ds],
  ["CDS", ds],
  ["DNSKEY", dnskey],
  ["CDNSKEY", dnskey],
  ["RRSIG", {
    parse: (r, ctx) => {
      const typeCovered = typeFromToken(r.next("type covered"));
      const alg = algorithm(r);
      const labels = r.integer("labels", 0xff);
      const originalTtl = r.integer("original TTL", 0xffffffff);
      const expiration = rrsigTime(r, "signature expiration");
      const inception = rrsigTime(r, "signature inception");
      const keyTag = r.integer("key tag", 0xffff);
      const signer = r.next("signer name");
      return encodeRRSIG({
        typeCovered, algorithm: alg, labels, originalTtl, expiration, inception, keyTag,
        signerName: absoluteName(signer.text, ctx.origin, signer.line),
        signature: base64FromTokens(r, r.rest(), "signature"),
      });
    },
    format: (rd) => {
      const s = decodeRRSIG(rd);
      return `${typeName(s.typeCovered)} ${s.algorithm} ${s.labels} ${s.originalTtl} ${formatRrsigTime(s.expiration)} ` +
        `${formatRrsigTime(s.inception)} ${s.keyTag} ${formatName(s.signerName)} ${base64(s.signature)}`;
    },
  }],
  ["NSEC", {
    parse: (r, ctx) => {
      const next = r.next("next domain name");
      return encodeNSEC({ nextDomainName: absoluteName(next.text, ctx.origin, next.line), types: typeList(r) });
    },
    format: (rd) => {
      const n = decodeNSEC(rd);
      return `${formatName(n.nextDomainName)} ${formatTypes(n.types)}`.trimEnd();
    },
  }],
  ["NSEC3", {
    parse: (r) => {
      const hashAlgorithm = r.integer("hash algorithm", 0xff);
      const flags = r.integer("flags", 0xff);
      const iterations = r.integer("iterations", 0xffff);
      const s = salt(r);
      const next = r.next("next hashed owner");
      let nextHashedOwner: Uint8Array;
      try {
        nextHashedOwner = base32hexDecode(next.text);
      } catch (e) {
        throw new ZoneParseError(next.line, (e as Error).message);
      }
      if (nextHashedOwner.length === 0) throw new ZoneParseError(next.line, "empty next hashed owner");
      return encodeNSEC3({ hashAlgorithm, flags, iterations, salt: s, nextHashedOwner, types: typeList(r) });
    },
    format: (rd) => {
      const n = decodeNSEC3(rd);
      return `${n.hashAlgorithm} ${n.flags} ${n.iterations} ${formatSalt(n.salt)} ${base32hexEncode(n.nextHashedOwner)} ${formatTypes(n.types)}`.trimEnd();
    },
  }],
  ["NSEC3PARAM", {
    parse: (r) => encodeNSEC3PARAM({
      hashAlgorithm: r.integer("hash algorithm", 0xff), flags: r.integer("flags", 0xff),
      iterations: r.integer("iterations", 0xffff), salt: salt(r),
    }),
    format: (rd) => {
      const p = decodeNSEC3PARAM(rd);
      return `${p.hashAlgorithm} ${p.flags} ${p.iterations} ${formatSalt(p.salt)}`;
    },
  }],
];

const CODECS: ReadonlyMap<number, TextCodec> = new Map(CODECS_BY_MNEMONIC.map(([name, codec]) => [typeNumber(name), codec]));

/** Runs an encoder from rdata.ts, turning its plain Error into a line-numbered one. */
function wrap(r: TokenReader, encode: () => Uint8Array): Uint8Array {
  try {
    return encode();
  } catch (e) {
    if (e instanceof ZoneParseError) throw e;
    throw r.error((e as Error).message);
  }
}

/** RFC 3597 section 5: "\# <length> <hex...>", valid for every type. */
function parseGeneric(r: TokenReader): Uint8Array {
  r.next("\\#");
  const length = r.integer("generic RDATA length", 0xffff);
  const bytes = hexFromTokens(r, r.rest(), "generic RDATA", true);
  if (bytes.length !== length) throw r.error(`generic RDATA has ${bytes.length} octets, length field says ${length}`);
  return bytes;
}

export function formatGenericRdata(rdata: Uint8Array): string {
  return rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${hex(rdata)}`;
}

/** Wire RDATA from the presentation-format tokens that follow the type. */
export function parseRdataText(type: number, tokens: readonly ZoneToken[], ctx: RdataContext): Uint8Array {
  const r = new TokenReader(tokens, ctx.line);
  const first = tokens[0];
  if (first && !first.quoted && first.text === "\\#") return parseGeneric(r);
  const codec = CODECS.get(type);
  if (!codec) throw r.error(`no presentation format known for type ${typeName(type)}; use the RFC 3597 form \\# <length> <hex>`);
  const rdata = wrap(r, () => codec.parse(r, ctx));
  r.expectEnd();
  return rdata;
}

/** Presentation-format RDATA; the generic form when the type has no codec or the RDATA is malformed. */
export function formatRdataText(type: number, rdata: Uint8Array): string {
  const codec = CODECS.get(type);
  if (!codec) return formatGenericRdata(rdata);
  try {
    return codec.format(rdata);
  } catch {
    return formatGenericRdata(rdata);
  }
}
