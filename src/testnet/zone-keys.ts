// Key pairs for the testnet's zones. By default every zone signed with an algorithm shares
// one KSK and one ZSK for it, made once per process: key generation (RSA above all) is what
// would otherwise make a world of 10,000 zones slow. Zones that ask for their own keys get a
// pair of their own, made on first use.

import { generateSigningKey } from "../dnssec/signing-key.ts";
import type { SigningKey } from "../dnssec/signing-key.ts";
import type { SigningAlgorithm } from "./world.ts";

export interface ZoneKeys {
  ksk: SigningKey;
  zsk: SigningKey;
}

const shared = new Map<SigningAlgorithm, ZoneKeys>();

function generatePair(algorithm: SigningAlgorithm): ZoneKeys {
  return { ksk: generateSigningKey(algorithm, { ksk: true }), zsk: generateSigningKey(algorithm, { ksk: false }) };
}

/** The process-wide key pair of an algorithm. */
export function sharedZoneKeys(algorithm: SigningAlgorithm): ZoneKeys {
  let keys = shared.get(algorithm);
  if (!keys) shared.set(algorithm, (keys = generatePair(algorithm)));
  return keys;
}

/** Keys per zone: shared unless the zone wants its own. One pool per compiled world. */
export class ZoneKeyPool {
  readonly #own = new Map<string, ZoneKeys>();

  keysFor(origin: string, algorithm: SigningAlgorithm, ownKeys: boolean): ZoneKeys {
    if (!ownKeys) return sharedZoneKeys(algorithm);
    let keys = this.#own.get(origin);
    if (!keys) this.#own.set(origin, (keys = generatePair(algorithm)));
    return keys;
  }
}
