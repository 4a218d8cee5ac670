// Deterministic "random" choices: a SHA-256 of seed, aspect and name, read as a fraction in
// [0, 1), picks from a weighted table. The same name always gets the same configuration, on
// every machine and in every run (no Math.random), and aspects are independent of each other.

import { createHash } from "node:crypto";
import type { Weighted } from "./demo-spread.ts";

/** A fraction in [0, 1) from the first 48 bits of SHA-256(seed/aspect/name). */
export function seededFraction(seed: string, aspect: string, name: string): number {
  const digest = createHash("sha256").update(`${seed}/${aspect}/${name}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The option of `table` that the fraction for (seed, aspect, name) falls on. */
export function seededChoice<T>(seed: string, aspect: string, name: string, table: readonly Weighted<T>[]): T {
  if (table.length === 0) throw new Error(`no options to choose a ${aspect} from`);
  const total = table.reduce((sum, o) => sum + o.weight, 0);
  let point = seededFraction(seed, aspect, name) * total;
  for (const option of table) {
    if (point < option.weight) return option.value;
    point -= option.weight;
  }
  return table[table.length - 1]!.value;
}
