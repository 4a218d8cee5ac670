// The DNSSEC algorithm and DS digest tables (IANA "DNS Security Algorithm Numbers" and
// "Delegation Signer (DS) Resource Record Digest Algorithms"), as data: one row per number,
// so that adding or retiring an algorithm is a one-line change.

/** How a signature is checked: which key format, which hash, which signature encoding. */
export type SignatureScheme =
  | { kind: "rsa"; hash: "sha1" | "sha256" | "sha512" }
  | { kind: "ecdsa"; curve: "P-256" | "P-384"; hash: "sha256" | "sha384"; size: number }
  | { kind: "eddsa"; curve: "Ed25519" | "Ed448"; keySize: number; signatureSize: number };

export interface DnskeyAlgorithm {
  number: number;
  mnemonic: string;
  /** Whether meetlat can verify signatures made with it. */
  supported: boolean;
  /** Still verifiable, but RFC 8624 says MUST NOT sign with it: reported as deprecated. */
  deprecated: boolean;
  scheme?: SignatureScheme;
}

export const DNSKEY_ALGORITHMS: readonly DnskeyAlgorithm[] = [
  { number: 1, mnemonic: "RSAMD5", supported: false, deprecated: true },
  { number: 3, mnemonic: "DSA", supported: false, deprecated: true },
  { number: 5, mnemonic: "RSASHA1", supported: true, deprecated: true, scheme: { kind: "rsa", hash: "sha1" } },
  { number: 6, mnemonic: "DSA-NSEC3-SHA1", supported: false, deprecated: true },
  { number: 7, mnemonic: "RSASHA1-NSEC3-SHA1", supported: true, deprecated: true, scheme: { kind: "rsa", hash: "sha1" } },
  { number: 8, mnemonic: "RSASHA256", supported: true, deprecated: false, scheme: { kind: "rsa", hash: "sha256" } },
  { number: 10, mnemonic: "RSASHA512", supported: true, deprecated: false, scheme: { kind: "rsa", hash: "sha512" } },
  { number: 12, mnemonic: "ECC-GOST", supported: false, deprecated: true },
  { number: 13, mnemonic: "ECDSAP256SHA256", supported: true, deprecated: false, scheme: { kind: "ecdsa", curve: "P-256", hash: "sha256", size: 32 } },
  { number: 14, mnemonic: "ECDSAP384SHA384", supported: true, deprecated: false, scheme: { kind: "ecdsa", curve: "P-384", hash: "sha384", size: 48 } },
  { number: 15, mnemonic: "ED25519", supported: true, deprecated: false, scheme: { kind: "eddsa", curve: "Ed25519", keySize: 32, signatureSize: 64 } },
  { number: 16, mnemonic: "ED448", supported: true, deprecated: false, scheme: { kind: "eddsa", curve: "Ed448", keySize: 57, signatureSize: 114 } },
  { number: 252, mnemonic: "INDIRECT", supported: false, deprecated: false },
  { number: 253, mnemonic: "PRIVATEDNS", supported: false, deprecated: false },
  { number: 254, mnemonic: "PRIVATEOID", supported: false, deprecated: false },
];

export interface DsDigestType {
  number: number;
  mnemonic: string;
  supported: boolean;
  deprecated: boolean;
  /** node:crypto hash name and digest length in octets. */
  hash?: "sha1" | "sha256" | "sha384";
  length?: number;
}

export const DS_DIGEST_TYPES: readonly DsDigestType[] = [
  { number: 1, mnemonic: "SHA-1", supported: true, deprecated: true, hash: "sha1", length: 20 },
  { number: 2, mnemonic: "SHA-256", supported: true, deprecated: false, hash: "sha256", length: 32 },
  { number: 3, mnemonic: "GOST R 34.11-94", supported: false, deprecated: true },
  { number: 4, mnemonic: "SHA-384", supported: true, deprecated: false, hash: "sha384", length: 48 },
];

const ALGORITHMS_BY_NUMBER = new Map(DNSKEY_ALGORITHMS.map((a) => [a.number, a]));
const ALGORITHMS_BY_MNEMONIC = new Map(DNSKEY_ALGORITHMS.map((a) => [a.mnemonic, a]));
const DIGESTS_BY_NUMBER = new Map(DS_DIGEST_TYPES.map((d) => [d.number, d]));

/** The table row for a DNSKEY algorithm number, or undefined for unassigned numbers. */
export function dnskeyAlgorithm(number: number): DnskeyAlgorithm | undefined {
  return ALGORITHMS_BY_NUMBER.get(number);
}

export function isSupportedAlgorithm(number: number): boolean {
  return ALGORITHMS_BY_NUMBER.get(number)?.supported === true;
}

export function algorithmMnemonic(number: number): string {
  return ALGORITHMS_BY_NUMBER.get(number)?.mnemonic ?? String(number);
}

/** Algorithm number from a zone-file token: decimal, or a mnemonic (RFC 4034 A.1). */
export function algorithmNumber(token: string): number | undefined {
  if (/^\d{1,3}$/.test(token)) return Number(token) <= 255 ? Number(token) : undefined;
  return ALGORITHMS_BY_MNEMONIC.get(token.toUpperCase())?.number;
}

export function dsDigestType(number: number): DsDigestType | undefined {
  return DIGESTS_BY_NUMBER.get(number);
}

export function isSupportedDigestType(number: number): boolean {
  return DIGESTS_BY_NUMBER.get(number)?.supported === true;
}
