// The signing side of meetlat's DNSSEC code, for the simulated internet and for tests:
// keys and RRset signatures (signing-key.ts) and whole-zone signing (zone-signer.ts).

export { dsRecordFor, generateSigningKey, signingKeyFromPrivateKey, signRrset } from "./signing-key.ts";
export type { SigningKey, SigningKeyOptions, SignRrsetOptions } from "./signing-key.ts";
export { signZone } from "./zone-signer.ts";
export type { DenialOptions, SignZoneOptions, ZoneKeys } from "./zone-signer.ts";
