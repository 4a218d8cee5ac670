// DNSSEC trust anchors: the IANA root anchors built in, or DS/DNSKEY records from a file.

import { readFile } from "node:fs/promises";
import type { ResourceRecord } from "../dns/message.ts";
import { TYPE } from "../dns/rdata.ts";
import { typeName } from "../dns/rr-types.ts";
import { parseZoneText, ZoneParseError } from "../dns/zonefile.ts";
import { tokenizeZone } from "../dns/zone-tokenizer.ts";

/**
 * The root zone's key-signing keys as DS records, from IANA's root-anchors.xml
 * (https://data.iana.org/root-anchors/root-anchors.xml): KSK-2017 (key tag 20326) and
 * KSK-2024 (key tag 38696), both RSASHA256 with SHA-256 digests. The values match the ones
 * built into unbound-anchor (NLnetLabs/unbound smallapp/unbound-anchor.c).
 */
export const ROOT_ANCHORS_TEXT = `
. 172800 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. 172800 IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
`;

export const DEFAULT_TRUST_ANCHORS: readonly ResourceRecord[] = parseZoneText(ROOT_ANCHORS_TEXT, { origin: "." });

export class TrustAnchorError extends Error {}

/**
 * Parses trust anchors in zone-file format: DS or DNSKEY lines, for "." or any zone. Any
 * other record type is refused with the line it is on, so a wrong file fails loudly.
 */
export function parseTrustAnchors(text: string, source = "trust anchor text"): ResourceRecord[] {
  let records: ResourceRecord[];
  try {
    records = parseZoneText(text, { origin: ".", defaultTtl: 0 });
  } catch (e) {
    if (e instanceof ZoneParseError) throw new TrustAnchorError(`${source}: ${e.message}`);
    throw e;
  }
  // parseZoneText yields one record per non-directive entry, in order: pair them for line numbers.
  const lines = tokenizeZone(text)
    .filter((entry) => entry.ownerOmitted || entry.tokens[0]!.quoted || !entry.tokens[0]!.text.startsWith("$"))
    .map((entry) => entry.line);
  records.forEach((rr, i) => {
    if (rr.type !== TYPE.DS && rr.type !== TYPE.DNSKEY) {
      throw new TrustAnchorError(`${source}: line ${lines[i] ?? "?"}: ${typeName(rr.type)} record for ${rr.name}; a trust anchor must be DS or DNSKEY`);
    }
  });
  if (records.length === 0) throw new TrustAnchorError(`${source}: no DS or DNSKEY records`);
  return records;
}

/** Reads a trust-anchor file (see parseTrustAnchors); errors name the file and line. */
export async function loadTrustAnchorFile(path: string): Promise<ResourceRecord[]> {
  const text = await readFile(path, "utf8");
  return parseTrustAnchors(text, path);
}
