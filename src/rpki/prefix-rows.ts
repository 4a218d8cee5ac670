// Collects the prefixes of one address family while a file is parsed, as word columns
// (see prefix-words.ts), ready for PrefixTable.build.

import { u32, u8 } from "./growable.ts";
import type { GrowableColumn } from "./growable.ts";
import type { PrefixRows } from "./prefix-table.ts";
import { WORDS } from "./prefix-words.ts";
import type { Family } from "./prefix-words.ts";

export class PrefixRowsBuilder {
  readonly family: Family;
  private readonly words: GrowableColumn<Uint32Array>[];
  private readonly lengths = u8();

  constructor(family: Family) {
    this.family = family;
    this.words = Array.from({ length: WORDS[family] }, () => u32());
  }

  get count(): number {
    return this.lengths.length;
  }

  /** Adds a prefix; returns its row index. */
  push(words: Uint32Array, length: number): number {
    for (let w = 0; w < this.words.length; w++) this.words[w]!.push(words[w]!);
    this.lengths.push(length);
    return this.lengths.length - 1;
  }

  rows(): PrefixRows {
    return { family: this.family, count: this.count, words: this.words.map((c) => c.trimmed()), lengths: this.lengths.trimmed() };
  }
}
