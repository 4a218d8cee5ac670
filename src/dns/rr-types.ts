// Resource record type and class numbers (IANA "DNS Parameters"), with RFC 3597 names
// ("TYPE65") for the ones not listed, so that no type is ever lost in a round trip.

const TYPE_NUMBERS: Readonly<Record<string, number>> = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12,
  HINFO: 13, MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22,
  "NSAP-PTR": 23, SIG: 24, KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, SRV: 33,
  NAPTR: 35, KX: 36, CERT: 37, A6: 38, DNAME: 39, OPT: 41, APL: 42, DS: 43, SSHFP: 44,
  IPSECKEY: 45, RRSIG: 46, NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50, NSEC3PARAM: 51, TLSA: 52,
  SMIMEA: 53, HIP: 55, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64,
  HTTPS: 65, SPF: 99, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249,
  TSIG: 250, IXFR: 251, AXFR: 252, ANY: 255, URI: 256, CAA: 257, AMTRELAY: 260,
};

const TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(TYPE_NUMBERS).map(([name, num]) => [num, name]),
);

export type RRTypeName = keyof typeof TYPE_NUMBERS | `TYPE${number}`;

/** The number of a type given by mnemonic ("AAAA") or RFC 3597 form ("TYPE28"). */
export function typeNumber(name: string): number {
  const upper = name.toUpperCase();
  const known = TYPE_NUMBERS[upper];
  if (known !== undefined) return known;
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  if (m && Number(m[1]) <= 0xffff) return Number(m[1]);
  throw new Error(`unknown DNS record type: ${name}`);
}

/** The mnemonic of a type number, or its RFC 3597 form. */
export function typeName(num: number): string {
  return TYPE_NAMES.get(num) ?? `TYPE${num}`;
}

export const CLASS_IN = 1;

export const RCODE = {
  NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5,
} as const;

const RCODE_NAMES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];

export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

/**
 * Types whose RDATA may carry compressed names on the wire (RFC 3597 section 4: the RFC 1035
 * types, plus those that receivers should decompress for robustness).
 */
export const COMPRESSIBLE_RDATA_TYPES: ReadonlySet<number> = new Set(
  ["NS", "MD", "MF", "CNAME", "SOA", "MB", "MG", "MR", "PTR", "MINFO", "MX", "RP", "AFSDB", "RT", "SIG", "PX", "NXT", "NAPTR", "SRV"]
    .map((t) => TYPE_NUMBERS[t]!),
);
