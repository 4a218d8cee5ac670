// Deliberate DNSSEC faults applied to a correctly signed zone (or to the DS its parent
// publishes), each the way real zones break. Pure functions over record lists.

import type { ResourceRecord } from "../dns/message.ts";
import { decodeNSEC3, decodeNSEC3PARAM, encodeNSEC3, encodeNSEC3PARAM } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { signRrset } from "../dnssec/signing-key.ts";
import type { SigningKey } from "../dnssec/signing-key.ts";
import type { Breakage } from "./world.ts";

const DAY = 86400;

/** RRSIG validity for a breakage that is about time, else undefined. */
export function breakageWindow(breakage: Breakage | undefined, now: number): { inception: number; expiration: number } | undefined {
  if (breakage === "expired-signatures") return { inception: now - 60 * DAY, expiration: now - 30 * DAY };
  if (breakage === "not-yet-valid") return { inception: now + 30 * DAY, expiration: now + 60 * DAY };
  return undefined;
}

function typeCovered(sig: ResourceRecord): number {
  return (sig.rdata[0]! << 8) | sig.rdata[1]!;
}

function flipLastByte(rdata: Uint8Array): Uint8Array {
  const out = Uint8Array.from(rdata);
  out[out.length - 1] = out[out.length - 1]! ^ 0x01;
  return out;
}

/** The DS records the parent publishes for a child, as the breakage wants them. */
export function breakDs(ds: ResourceRecord[], breakage: Breakage | undefined, unsupportedAlgorithm = 253): ResourceRecord[] {
  if (breakage === "wrong-ds") return ds.map((r) => ({ ...r, rdata: flipLastByte(r.rdata) }));
  if (breakage === "unsupported-ds-algorithm") {
    return ds.map((r) => {
      const rdata = Uint8Array.from(r.rdata);
      rdata[2] = unsupportedAlgorithm; // DS algorithm field (RFC 4034 5.1.2)
      return { ...r, rdata };
    });
  }
  return ds;
}

export interface ResignContext {
  origin: string;
  zsk: SigningKey;
  inception: number;
  expiration: number;
}

/** A different salt than the one the hashes were made with. */
function otherSalt(salt: Uint8Array): Uint8Array {
  return salt.length === 0 ? Uint8Array.of(0xba, 0xd0) : salt.map((b) => b ^ 0xff);
}

/**
 * NSEC3 (and NSEC3PARAM) records that claim another salt than their owner hashes were made
 * with, correctly re-signed: every signature validates, but no proof made of them holds.
 */
function lyingNsec3(records: ResourceRecord[], ctx: ResignContext): ResourceRecord[] {
  const kept: ResourceRecord[] = [];
  const changed: ResourceRecord[] = [];
  for (const r of records) {
    if (r.type === TYPE.RRSIG && (typeCovered(r) === TYPE.NSEC3 || typeCovered(r) === TYPE.NSEC3PARAM)) continue;
    if (r.type === TYPE.NSEC3) {
      const d = decodeNSEC3(r.rdata);
      changed.push({ ...r, rdata: encodeNSEC3({ ...d, salt: otherSalt(d.salt) }) });
    } else if (r.type === TYPE.NSEC3PARAM) {
      const d = decodeNSEC3PARAM(r.rdata);
      changed.push({ ...r, rdata: encodeNSEC3PARAM({ ...d, salt: otherSalt(d.salt) }) });
    } else {
      kept.push(r);
    }
  }
  const sigs = changed.map((r) => signRrset([r], ctx.zsk, { signerName: ctx.origin, inception: ctx.inception, expiration: ctx.expiration }));
  return [...kept, ...changed, ...sigs];
}

/** Applies a breakage that changes the zone's own records (the DS ones are in breakDs). */
export function breakZone(records: ResourceRecord[], breakage: Breakage | undefined, ctx: ResignContext): ResourceRecord[] {
  switch (breakage) {
    case "missing-rrsig":
      return records.filter((r) => r.type !== TYPE.RRSIG || typeCovered(r) === TYPE.DNSKEY);
    case "missing-dnskey":
      return records.filter((r) => r.type !== TYPE.DNSKEY && !(r.type === TYPE.RRSIG && typeCovered(r) === TYPE.DNSKEY));
    case "tampered-signature":
      return records.map((r) => (r.type === TYPE.RRSIG && typeCovered(r) !== TYPE.DNSKEY ? { ...r, rdata: flipLastByte(r.rdata) } : r));
    case "bogus-nsec3":
      return lyingNsec3(records, ctx);
    default:
      return records;
  }
}
