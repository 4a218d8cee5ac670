// Signing keys and RRset signatures, for the simulated internet and for tests: generate a
// key for any supported algorithm, express its public half as DNSKEY RDATA, sign an RRset
// into an RRSIG, and derive the parent's DS.

import { generateKeyPairSync, createPublicKey, sign as cryptoSign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { ResourceRecord } from "../dns/message.ts";
import { encodeDNSKEY, encodeDS, encodeRRSIG, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from "../dns/rdata-dnssec.ts";
import type { DnskeyData, RrsigData } from "../dns/rdata-dnssec.ts";
import { dnskeyAlgorithm } from "./algorithms.ts";
import type { SignatureScheme } from "./algorithms.ts";
import { rrsigLabelCount, signedData } from "./canonical.ts";
import { computeDs } from "./ds-digest.ts";
import { keyTag } from "./keytag.ts";
import { toRrsigTime } from "./rrsig-time.ts";

export interface SigningKey {
  algorithm: number;
  flags: number;
  dnskey: DnskeyData;
  dnskeyRdata: Uint8Array;
  keyTag: number;
  privateKey: KeyObject;
}

export interface SigningKeyOptions {
  /** Key-signing key: sets the SEP flag (flags 257 instead of 256). */
  ksk: boolean;
  /** RSA modulus size; default 2048, or 1024 for the SHA-1 algorithms 5 and 7 (faster tests). */
  rsaBits?: number;
}

const TYPE_RRSIG = 46;
const TYPE_DS = 43;

function schemeOf(algorithm: number): SignatureScheme {
  const row = dnskeyAlgorithm(algorithm);
  if (!row?.supported || !row.scheme) throw new Error(`cannot sign with DNSKEY algorithm ${algorithm}`);
  return row.scheme;
}

function fromBase64url(text: string | undefined, size?: number): Uint8Array {
  const bytes = Buffer.from(text ?? "", "base64url");
  if (size === undefined || bytes.length === size) return bytes;
  return Buffer.concat([Buffer.alloc(size - bytes.length), bytes]); // JWK coordinates are fixed-size, but be safe
}

/** DNSKEY public-key field for a key pair (RFC 3110, RFC 6605 4, RFC 8080 3). */
function publicKeyField(scheme: SignatureScheme, publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: "jwk" });
  if (scheme.kind === "rsa") {
    const e = fromBase64url(jwk.e);
    const n = fromBase64url(jwk.n);
    const head = e.length <= 255 ? Uint8Array.of(e.length) : Uint8Array.of(0, e.length >> 8, e.length & 0xff);
    return Buffer.concat([head, e, n]);
  }
  if (scheme.kind === "ecdsa") return Buffer.concat([fromBase64url(jwk.x, scheme.size), fromBase64url(jwk.y, scheme.size)]);
  return fromBase64url(jwk.x, scheme.keySize);
}

/** A SigningKey around an existing private key (for fixed test keys loaded from PEM). */
export function signingKeyFromPrivateKey(algorithm: number, privateKey: KeyObject, opts: { ksk: boolean }): SigningKey {
  const scheme = schemeOf(algorithm);
  const flags = DNSKEY_FLAG_ZONE | (opts.ksk ? DNSKEY_FLAG_SEP : 0);
  const publicKey = new Uint8Array(publicKeyField(scheme, createPublicKey(privateKey))); // plain bytes, not a Buffer view
  const dnskey: DnskeyData = { flags, protocol: 3, algorithm, publicKey };
  const dnskeyRdata = encodeDNSKEY(dnskey);
  return { algorithm, flags, dnskey, dnskeyRdata, keyTag: keyTag(dnskeyRdata), privateKey };
}

/** A fresh key pair for a supported DNSKEY algorithm. */
export function generateSigningKey(algorithm: number, opts: SigningKeyOptions): SigningKey {
  const scheme = schemeOf(algorithm);
  let privateKey: KeyObject;
  if (scheme.kind === "rsa") {
    const bits = opts.rsaBits ?? (scheme.hash === "sha1" ? 1024 : 2048);
    privateKey = generateKeyPairSync("rsa", { modulusLength: bits, publicExponent: 65537 }).privateKey;
  } else if (scheme.kind === "ecdsa") {
    privateKey = generateKeyPairSync("ec", { namedCurve: scheme.curve }).privateKey;
  } else if (scheme.curve === "Ed25519") {
    privateKey = generateKeyPairSync("ed25519").privateKey;
  } else {
    privateKey = generateKeyPairSync("ed448").privateKey;
  }
  return signingKeyFromPrivateKey(algorithm, privateKey, opts);
}

export interface SignRrsetOptions {
  /** The zone apex whose DNSKEY RRset holds the key. */
  signerName: string;
  /** Validity window in Unix seconds. */
  inception: number;
  expiration: number;
  /** Original TTL; defaults to the RRset's TTL. */
  ttl?: number;
}

/** The RRSIG record over `rrset` made with `key` (same owner, class and TTL as the RRset). */
export function signRrset(rrset: readonly ResourceRecord[], key: SigningKey, opts: SignRrsetOptions): ResourceRecord {
  const first = rrset[0];
  if (!first) throw new Error("cannot sign an empty RRset");
  const scheme = schemeOf(key.algorithm);
  const ttl = opts.ttl ?? first.ttl;
  const fields: RrsigData = {
    typeCovered: first.type, algorithm: key.algorithm, labels: rrsigLabelCount(first.name), originalTtl: ttl,
    expiration: toRrsigTime(opts.expiration), inception: toRrsigTime(opts.inception), keyTag: key.keyTag,
    signerName: opts.signerName, signature: new Uint8Array(0),
  };
  const data = signedData(rrset, fields);
  let signature: Uint8Array;
  if (scheme.kind === "rsa") signature = cryptoSign(scheme.hash, data, key.privateKey);
  else if (scheme.kind === "ecdsa") signature = cryptoSign(scheme.hash, data, { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  else signature = cryptoSign(null, data, key.privateKey);
  return { name: first.name, type: TYPE_RRSIG, class: first.class, ttl, rdata: encodeRRSIG({ ...fields, signature }) };
}

/** The DS record a parent zone publishes for `key` of the zone `owner`. */
export function dsRecordFor(owner: string, key: SigningKey, digestType: number, ttl = 3600): ResourceRecord {
  return { name: owner, type: TYPE_DS, class: 1, ttl, rdata: encodeDS(computeDs(owner, key.dnskeyRdata, digestType)) };
}
