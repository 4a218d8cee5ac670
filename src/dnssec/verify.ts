// Verifies one RRSIG over one RRset with one DNSKEY (RFC 4035 section 5.3): first every
// cheap consistency check, then the validity window, then the signature itself. The result
// says exactly why a signature does not count, for the evidence meetlat reports.

import { verify as cryptoVerify } from "node:crypto";
import type { ResourceRecord } from "../dns/message.ts";
import { isSubdomainOf, namesEqual } from "../dns/name.ts";
import { decodeDNSKEY, decodeRRSIG, DNSKEY_FLAG_ZONE } from "../dns/rdata-dnssec.ts";
import type { DnskeyData, RrsigData } from "../dns/rdata-dnssec.ts";
import { typeName } from "../dns/rr-types.ts";
import { algorithmMnemonic, dnskeyAlgorithm } from "./algorithms.ts";
import { rrsigLabelCount, signedData } from "./canonical.ts";
import { keyTag } from "./keytag.ts";
import { importDnskeyPublicKey } from "./public-key.ts";
import { checkValidityWindow } from "./rrsig-time.ts";

export type VerifyFailureReason =
  | "malformed" // RRSIG, DNSKEY or public key does not decode
  | "rrset_mismatch" // the RRSIG does not belong to this RRset (owner, class, type, labels, signer not an ancestor)
  | "key_mismatch" // the DNSKEY is not the one the RRSIG names, or is not a usable zone key
  | "unsupported_algorithm"
  | "expired"
  | "not_yet_valid"
  | "bad_signature";

export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailureReason; detail: string };

const TYPE_RRSIG = 46;
const TYPE_DNSKEY = 48;
const PROTOCOL_DNSSEC = 3;

function failure(reason: VerifyFailureReason, detail: string): VerifyResult {
  return { ok: false, reason, detail };
}

function checkRrset(rrset: readonly ResourceRecord[], rrsig: ResourceRecord, sig: RrsigData): VerifyResult | undefined {
  const first = rrset[0];
  if (!first) return failure("rrset_mismatch", "empty RRset");
  for (const rr of rrset) {
    if (!namesEqual(rr.name, first.name) || rr.type !== first.type || rr.class !== first.class) {
      return failure("rrset_mismatch", `records of different RRsets given together (${rr.name} ${typeName(rr.type)})`);
    }
  }
  if (!namesEqual(rrsig.name, first.name)) return failure("rrset_mismatch", `RRSIG owner ${rrsig.name} differs from RRset owner ${first.name}`);
  if (rrsig.class !== first.class) return failure("rrset_mismatch", `RRSIG class ${rrsig.class} differs from RRset class ${first.class}`);
  if (sig.typeCovered !== first.type) {
    return failure("rrset_mismatch", `RRSIG covers ${typeName(sig.typeCovered)}, RRset is ${typeName(first.type)}`);
  }
  const ownerLabels = rrsigLabelCount(first.name);
  if (sig.labels > ownerLabels) {
    return failure("rrset_mismatch", `RRSIG labels field ${sig.labels} exceeds the ${ownerLabels} labels of ${first.name}`);
  }
  if (!isSubdomainOf(first.name, sig.signerName)) {
    return failure("rrset_mismatch", `signer ${sig.signerName} is not ${first.name} or an ancestor of it`);
  }
  return undefined;
}

function checkKey(rrsig: ResourceRecord, sig: RrsigData, dnskey: ResourceRecord, key: DnskeyData): VerifyResult | undefined {
  if (!namesEqual(dnskey.name, sig.signerName)) return failure("key_mismatch", `DNSKEY owner ${dnskey.name} is not the signer ${sig.signerName}`);
  if (dnskey.class !== rrsig.class) return failure("key_mismatch", `DNSKEY class ${dnskey.class} differs from RRSIG class ${rrsig.class}`);
  if (key.algorithm !== sig.algorithm) {
    return failure("key_mismatch", `DNSKEY algorithm ${algorithmMnemonic(key.algorithm)} differs from RRSIG algorithm ${algorithmMnemonic(sig.algorithm)}`);
  }
  const tag = keyTag(dnskey.rdata);
  if (tag !== sig.keyTag) return failure("key_mismatch", `DNSKEY key tag ${tag} differs from RRSIG key tag ${sig.keyTag}`);
  if (!(key.flags & DNSKEY_FLAG_ZONE)) return failure("key_mismatch", `DNSKEY ${tag} lacks the Zone Key flag (flags ${key.flags})`);
  if (key.protocol !== PROTOCOL_DNSSEC) return failure("key_mismatch", `DNSKEY ${tag} has protocol ${key.protocol}, not 3`);
  return undefined;
}

function checkSignature(rrset: readonly ResourceRecord[], sig: RrsigData, key: DnskeyData, tag: number): VerifyResult {
  const imported = importDnskeyPublicKey(key.algorithm, key.publicKey);
  if (!imported.ok) return failure(imported.reason, `DNSKEY ${tag}: ${imported.detail}`);
  const data = signedData(rrset, sig);
  const scheme = imported.scheme;
  let signature = sig.signature;
  let ok: boolean;
  try {
    if (scheme.kind === "rsa") {
      // Accept a signature shorter than the modulus by left-padding it (it is an integer).
      const n = imported.modulusLength!;
      if (signature.length > n) return failure("bad_signature", `RSA signature of ${signature.length} octets for a ${n}-octet modulus`);
      if (signature.length < n) signature = Buffer.concat([Buffer.alloc(n - signature.length), signature]);
      ok = cryptoVerify(scheme.hash, data, imported.key, signature);
    } else if (scheme.kind === "ecdsa") {
      // RFC 6605 4: r | s, each exactly the curve size: IEEE P1363, not DER.
      if (signature.length !== 2 * scheme.size) return failure("bad_signature", `ECDSA signature of ${signature.length} octets, expected ${2 * scheme.size}`);
      ok = cryptoVerify(scheme.hash, data, { key: imported.key, dsaEncoding: "ieee-p1363" }, signature);
    } else {
      if (signature.length !== scheme.signatureSize) {
        return failure("bad_signature", `${scheme.curve} signature of ${signature.length} octets, expected ${scheme.signatureSize}`);
      }
      ok = cryptoVerify(null, data, imported.key, signature);
    }
  } catch (e) {
    return failure("bad_signature", `signature check failed: ${(e as Error).message}`);
  }
  return ok ? { ok: true } : failure("bad_signature", `signature by DNSKEY ${tag} (${algorithmMnemonic(key.algorithm)}) does not verify`);
}

/**
 * Whether `rrsig` is a valid signature over `rrset` made with `dnskey`, at `now` (Unix
 * seconds). The RRset's records must share owner, class and type; their TTLs do not matter
 * (the RRSIG's original TTL is what was signed). Never throws on bad input.
 */
export function verifyRrsig(rrset: readonly ResourceRecord[], rrsig: ResourceRecord, dnskey: ResourceRecord, now: number): VerifyResult {
  if (rrsig.type !== TYPE_RRSIG) return failure("malformed", `record of type ${typeName(rrsig.type)} given as the RRSIG`);
  if (dnskey.type !== TYPE_DNSKEY) return failure("malformed", `record of type ${typeName(dnskey.type)} given as the DNSKEY`);
  let sig: RrsigData;
  let key: DnskeyData;
  try {
    sig = decodeRRSIG(rrsig.rdata);
    key = decodeDNSKEY(dnskey.rdata);
  } catch (e) {
    return failure("malformed", (e as Error).message);
  }
  const problem = checkRrset(rrset, rrsig, sig) ?? checkKey(rrsig, sig, dnskey, key);
  if (problem) return problem;
  if (!dnskeyAlgorithm(sig.algorithm)?.supported) {
    return failure("unsupported_algorithm", `algorithm ${algorithmMnemonic(sig.algorithm)} is not supported`);
  }
  const window = checkValidityWindow(sig.inception, sig.expiration, now);
  if (!window.ok) return window;
  try {
    return checkSignature(rrset, sig, key, sig.keyTag);
  } catch (e) {
    // signedData throws on RDATA that cannot be put in canonical form.
    return failure("malformed", (e as Error).message);
  }
}
