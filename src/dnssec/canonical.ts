// Canonical form and order of RRsets for signing and verifying (RFC 4034 section 6, as
// corrected by RFC 6840 section 5.1), and the data a signature covers (RFC 4034 3.1.8.1).

import type { ResourceRecord } from "../dns/message.ts";
import { MalformedMessageError } from "../dns/message.ts";
import { labelsToName, nameToLabels, nameToWire, normaliseName } from "../dns/name.ts";
import { encodeRRSIG } from "../dns/rdata-dnssec.ts";
import type { RrsigData } from "../dns/rdata-dnssec.ts";
import { typeNumber } from "../dns/rr-types.ts";

/** One field of an RDATA layout: a domain name, a fixed number of octets, or a character-string. */
type Field = "name" | "string" | number;

/**
 * Types whose RDATA names are lower-cased in canonical form (RFC 4034 6.2 item 3), with where
 * those names sit. RFC 6840 5.1 takes NSEC out of the list (its next name keeps its case) and
 * keeps RRSIG in; HINFO is listed in RFC 4034 but holds no names, so it has no entry. Every
 * other type, known or not, is compared and signed exactly as received (RFC 3597 section 7).
 */
const NAME_LAYOUTS: ReadonlyMap<number, readonly Field[]> = new Map(
  ([
    ["NS", ["name"]], ["MD", ["name"]], ["MF", ["name"]], ["CNAME", ["name"]], ["MB", ["name"]],
    ["MG", ["name"]], ["MR", ["name"]], ["PTR", ["name"]], ["DNAME", ["name"]],
    ["SOA", ["name", "name", 20]],
    ["MINFO", ["name", "name"]], ["RP", ["name", "name"]],
    ["MX", [2, "name"]], ["AFSDB", [2, "name"]], ["RT", [2, "name"]], ["KX", [2, "name"]],
    ["PX", [2, "name", "name"]],
    ["SRV", [6, "name"]],
    ["NAPTR", [4, "string", "string", "string", "name"]],
    ["SIG", [18, "name"]], ["RRSIG", [18, "name"]],
    ["NXT", ["name"]],
  ] as [string, Field[]][]).map(([t, layout]) => [typeNumber(t), layout]),
);

const TYPE_A6 = typeNumber("A6");

function lowerInPlace(bytes: Uint8Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x41 && b <= 0x5a) bytes[i] = b + 0x20;
  }
}

/** Lower-cases the uncompressed name at `offset` in place; returns the offset after it. */
function lowerNameAt(bytes: Uint8Array, offset: number): number {
  let o = offset;
  for (;;) {
    if (o >= bytes.length) throw new MalformedMessageError("name in RDATA runs past the end");
    const len = bytes[o]!;
    if (len === 0) return o + 1;
    if (len & 0xc0) throw new MalformedMessageError("compressed label in RDATA");
    lowerInPlace(bytes, o + 1, o + 1 + len);
    o += 1 + len;
  }
}

/** RDATA in canonical form: a copy with the embedded names of the listed types lower-cased. */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const out = Uint8Array.from(rdata);
  if (type === TYPE_A6) {
    // RFC 2874: prefix length, then the address suffix, then the prefix name (if any).
    const prefixLength = out[0] ?? 0;
    if (prefixLength > 0 && prefixLength <= 128) lowerNameAt(out, 1 + (16 - Math.floor(prefixLength / 8)));
    return out;
  }
  const layout = NAME_LAYOUTS.get(type);
  if (!layout) return out;
  let o = 0;
  for (const field of layout) {
    if (field === "name") o = lowerNameAt(out, o);
    else if (field === "string") o += 1 + (out[o] ?? 0);
    else o += field;
  }
  return out;
}

/** Lower-cased wire form of a name (RFC 4034 6.2 items 1 and 2). */
export function canonicalNameWire(name: string): Uint8Array {
  return nameToWire(normaliseName(name));
}

/** Orders RDATA as left-justified unsigned octet sequences (RFC 4034 6.3). */
export function compareRdata(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

/** Canonical RDATA of an RRset, sorted, with duplicates removed (RFC 4034 6.3, RFC 2181 5). */
export function canonicalRdataSet(rrset: readonly ResourceRecord[]): Uint8Array[] {
  const sorted = rrset.map((rr) => canonicalRdata(rr.type, rr.rdata)).sort(compareRdata);
  return sorted.filter((rd, i) => i === 0 || compareRdata(sorted[i - 1]!, rd) !== 0);
}

/**
 * The owner name a signature covers (RFC 4035 5.3.2): if the RRSIG labels field is smaller
 * than the owner's label count, the RRset was synthesised from the wildcard "*.<closest
 * rightmost labels>". Returns the lower-cased covered name. A leading "*" label of the owner
 * itself does not count (RFC 4034 3.1.3).
 */
export function signedOwnerName(owner: string, rrsigLabels: number): string {
  const labels = nameToLabels(normaliseName(owner));
  const counted = labels.length > 0 && isWildcardLabel(labels[0]!) ? labels.length - 1 : labels.length;
  if (rrsigLabels >= counted) return labelsToName(labels);
  return labelsToName([Uint8Array.of(0x2a), ...labels.slice(labels.length - rrsigLabels)]);
}

/** The wildcard an answer was expanded from, or undefined if it was not (RFC 4035 5.3.2). */
export function wildcardSource(owner: string, rrsigLabels: number): string | undefined {
  const covered = signedOwnerName(owner, rrsigLabels);
  return covered === normaliseName(owner) ? undefined : covered;
}

/** Labels field for an owner name: its label count, not counting a leading "*" (RFC 4034 3.1.3). */
export function rrsigLabelCount(owner: string): number {
  const labels = nameToLabels(owner);
  return labels.length > 0 && isWildcardLabel(labels[0]!) ? labels.length - 1 : labels.length;
}

function isWildcardLabel(label: Uint8Array): boolean {
  return label.length === 1 && label[0] === 0x2a;
}

/**
 * The octets a signature covers (RFC 4034 3.1.8.1): the RRSIG RDATA without the signature and
 * with a lower-cased signer name, then each RR of the set in canonical form and order, with
 * the owner as reconstructed from the labels field and the TTL set to the original TTL.
 */
export function signedData(rrset: readonly ResourceRecord[], rrsig: RrsigData): Uint8Array {
  const first = rrset[0];
  if (!first) throw new Error("cannot sign or verify an empty RRset");
  const head = encodeRRSIG({ ...rrsig, signerName: normaliseName(rrsig.signerName), signature: new Uint8Array(0) });
  const owner = nameToWire(signedOwnerName(first.name, rrsig.labels));
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16BE(first.type, 0);
  fixed.writeUInt16BE(first.class, 2);
  fixed.writeUInt32BE(rrsig.originalTtl >>> 0, 4);
  const parts: Uint8Array[] = [head];
  for (const rdata of canonicalRdataSet(rrset)) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(rdata.length, 0);
    parts.push(owner, fixed, length, rdata);
  }
  return Buffer.concat(parts);
}
