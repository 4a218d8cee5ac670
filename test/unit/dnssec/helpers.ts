// Shared helpers for the DNSSEC unit tests: loading the RFC vector zones and picking
// RRsets, signatures and keys out of them.

import { readFileSync } from "node:fs";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { namesEqual } from "../../../src/dns/name.ts";
import { decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { parseZoneText } from "../../../src/dns/zonefile.ts";
import { keyTag } from "../../../src/dnssec/keytag.ts";

export const TYPE_RRSIG = typeNumber("RRSIG");
export const TYPE_DNSKEY = typeNumber("DNSKEY");

export function loadVector(file: string): ResourceRecord[] {
  return parseZoneText(readFileSync(new URL(`./vectors/${file}`, import.meta.url), "utf8"));
}

export function rrsetOf(records: readonly ResourceRecord[], name: string, type: number | string): ResourceRecord[] {
  const t = typeof type === "string" ? typeNumber(type) : type;
  return records.filter((rr) => rr.type === t && namesEqual(rr.name, name));
}

/** The RRSIGs at `name` covering `type` (optionally only those of one key tag). */
export function rrsigsFor(records: readonly ResourceRecord[], name: string, type: number | string, tag?: number): ResourceRecord[] {
  const t = typeof type === "string" ? typeNumber(type) : type;
  return rrsetOf(records, name, TYPE_RRSIG).filter((rr) => {
    const sig = decodeRRSIG(rr.rdata);
    return sig.typeCovered === t && (tag === undefined || sig.keyTag === tag);
  });
}

export function dnskeyWithTag(records: readonly ResourceRecord[], tag: number): ResourceRecord {
  const key = records.find((rr) => rr.type === TYPE_DNSKEY && keyTag(rr.rdata) === tag);
  if (!key) throw new Error(`no DNSKEY with tag ${tag}`);
  return key;
}

/** Unix seconds of an ISO 8601 time. */
export function unix(iso: string): number {
  return Date.parse(iso) / 1000;
}
