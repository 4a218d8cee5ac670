// The longest-prefix structure of the RPKI tables: the nodes of a prefix trie that carry data,
// stored in the trie's preorder (by address, shorter prefixes first) in typed arrays, each with
// a link to its closest enclosing prefix. One binary search finds the last prefix that starts
// at or before a query; its chain of enclosing prefixes then holds every prefix that covers
// the query, most specific first. So a lookup costs O(log n + nesting depth), never a scan,
// and the table costs about 13 bytes a prefix (a trie with a node per bit would cost ~20 nodes).
//
// Why the search works: prefixes nest or are disjoint. Let D be the most specific prefix that
// covers the query Q and E the last prefix in order that starts at or before Q. E starts inside
// D (between D's start and Q), and it sorts after D, so E lies inside D: D is E or one of E's
// enclosing prefixes, the first of them that covers Q.

import { radixSortIndexes } from "./radix-sort.ts";
import type { SortColumn } from "./radix-sort.ts";
import { formatWordPrefix, WORDS, wordMask } from "./prefix-words.ts";
import type { Family } from "./prefix-words.ts";

/** Rows of a table before it is built: column w of `words` holds word w of every row's prefix. */
export interface PrefixRows {
  family: Family;
  count: number;
  words: readonly Uint32Array[];
  lengths: Uint8Array;
}

export class PrefixTable {
  readonly family: Family;
  /** Distinct prefixes, in preorder. */
  readonly size: number;
  private readonly keys: readonly Uint32Array[];
  private readonly lengths: Uint8Array;
  /** Index of the closest enclosing prefix, or -1. */
  private readonly parents: Int32Array;
  /** Rows of prefix p: rowOrder[firstRow[p] .. firstRow[p + 1]). */
  private readonly firstRow: Uint32Array;
  private readonly rowOrder: Uint32Array;

  private constructor(family: Family, keys: Uint32Array[], lengths: Uint8Array, parents: Int32Array, firstRow: Uint32Array, rowOrder: Uint32Array) {
    this.family = family;
    this.size = lengths.length;
    this.keys = keys;
    this.lengths = lengths;
    this.parents = parents;
    this.firstRow = firstRow;
    this.rowOrder = rowOrder;
  }

  /**
   * Builds the table. Rows with the same prefix are grouped; within a prefix they keep the
   * order of `tieBreak` (e.g. AS number, max length), so lookups answer in a stable order.
   */
  static build(rows: PrefixRows, tieBreak: readonly SortColumn[] = []): PrefixTable {
    const W = WORDS[rows.family];
    const n = rows.count;
    const columns: SortColumn[] = [...rows.words.slice(0, W).map((values) => ({ values, bits: 32 as const })), { values: rows.lengths, bits: 8 }, ...tieBreak];
    const rowOrder = radixSortIndexes(n, columns);

    // Distinct prefixes: runs of equal (words, length) in sorted order.
    let distinct = 0;
    const isFirst = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i === 0 || !sameRowPrefix(rows, W, rowOrder[i - 1]!, rowOrder[i]!)) {
        isFirst[i] = 1;
        distinct++;
      }
    }
    const keys = Array.from({ length: W }, () => new Uint32Array(distinct));
    const lengths = new Uint8Array(distinct);
    const firstRow = new Uint32Array(distinct + 1);
    let p = -1;
    for (let i = 0; i < n; i++) {
      if (!isFirst[i]) continue;
      p++;
      const row = rowOrder[i]!;
      for (let w = 0; w < W; w++) keys[w]![p] = rows.words[w]![row]!;
      lengths[p] = rows.lengths[row]!;
      firstRow[p] = i;
    }
    firstRow[distinct] = n;

    // Enclosing prefixes, with the stack of the current prefix's ancestors (preorder walk).
    const parents = new Int32Array(distinct);
    const stack: number[] = [];
    const probe = new Uint32Array(4);
    for (let q = 0; q < distinct; q++) {
      for (let w = 0; w < W; w++) probe[w] = keys[w]![q]!;
      while (stack.length > 0 && !coversAt(keys, lengths, W, stack[stack.length - 1]!, probe, lengths[q]!)) stack.pop();
      parents[q] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      stack.push(q);
    }
    return new PrefixTable(rows.family, keys, lengths, parents, firstRow, rowOrder);
  }

  /** The most specific prefix that covers (words, length) — equal or shorter — or -1. */
  deepestCover(words: Uint32Array, length: number): number {
    const W = WORDS[this.family];
    // The last prefix that sorts at or before the query.
    let lo = 0;
    let hi = this.size - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, words, length, W) <= 0) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    let p = last;
    while (p >= 0 && !coversAt(this.keys, this.lengths, W, p, words, length)) p = this.parents[p]!;
    return p;
  }

  /** Every prefix that covers (words, length), most specific first. */
  covering(words: Uint32Array, length: number): number[] {
    const out: number[] = [];
    for (let p = this.deepestCover(words, length); p >= 0; p = this.parents[p]!) out.push(p);
    return out;
  }

  /** The closest enclosing prefix of p, or -1. */
  parentOf(p: number): number {
    return this.parents[p]!;
  }

  lengthOf(p: number): number {
    return this.lengths[p]!;
  }

  wordsOf(p: number): Uint32Array {
    const W = WORDS[this.family];
    const out = new Uint32Array(4);
    for (let w = 0; w < W; w++) out[w] = this.keys[w]![p]!;
    return out;
  }

  textOf(p: number): string {
    return formatWordPrefix({ family: this.family, words: this.wordsOf(p), length: this.lengths[p]! });
  }

  /** The row indexes (as given to build) whose prefix is p. */
  rowsOf(p: number): Uint32Array {
    return this.rowOrder.subarray(this.firstRow[p]!, this.firstRow[p + 1]!);
  }

  /** Bytes held by the typed arrays (for the benchmark's memory figures). */
  get byteLength(): number {
    return this.keys.reduce((s, k) => s + k.byteLength, 0) + this.lengths.byteLength + this.parents.byteLength + this.firstRow.byteLength + this.rowOrder.byteLength;
  }

  private compareAt(p: number, words: Uint32Array, length: number, W: number): number {
    for (let w = 0; w < W; w++) {
      const a = this.keys[w]![p]!;
      const b = words[w]!;
      if (a !== b) return a < b ? -1 : 1;
    }
    return this.lengths[p]! - length;
  }
}

function sameRowPrefix(rows: PrefixRows, W: number, a: number, b: number): boolean {
  if (rows.lengths[a] !== rows.lengths[b]) return false;
  for (let w = 0; w < W; w++) if (rows.words[w]![a] !== rows.words[w]![b]) return false;
  return true;
}

/** True if prefix p of the key columns covers (words, length): as short or shorter, same leading bits. */
function coversAt(keys: readonly Uint32Array[], lengths: Uint8Array, W: number, p: number, words: Uint32Array, length: number): boolean {
  const plen = lengths[p]!;
  if (plen > length) return false;
  for (let w = 0; w < W; w++) {
    const m = wordMask(plen - 32 * w);
    if (m === 0) break;
    if (((words[w]! & m) >>> 0) !== keys[w]![p]) return false;
  }
  return true;
}
