// Sorting a million rows by several unsigned columns: a stable LSD radix sort of row indexes,
// 16 bits a pass. A comparator sort of the same rows takes about a second on the benchmark
// machine; this takes a fraction of that and no per-row objects. Each column is gathered into
// the current order once, so the passes read memory in sequence instead of at random.

export interface SortColumn {
  values: ArrayLike<number>;
  /** Width of the values: 8, 16 or 32 bits (unsigned). */
  bits: 8 | 16 | 32;
}

/** Row indexes 0..count-1 ordered by the columns, the first column most significant. */
export function radixSortIndexes(count: number, columns: readonly SortColumn[]): Uint32Array {
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let spareOrder = new Uint32Array(count);
  let keys = new Uint32Array(count);
  let spareKeys = new Uint32Array(count);
  const counts = new Uint32Array(0x10001);
  // Least significant column first; each pass is stable, so earlier passes break later ties.
  for (let c = columns.length - 1; c >= 0; c--) {
    const { values, bits } = columns[c]!;
    for (let i = 0; i < count; i++) keys[i] = values[order[i]!]!;
    for (let shift = 0; shift < bits; shift += 16) {
      counts.fill(0);
      for (let i = 0; i < count; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]!++;
      // A pass where every row has the same digit changes nothing (common: IPv6 low words).
      let single = false;
      for (let d = 1; d <= 0x10000; d++) {
        if (counts[d] === count) { single = true; break; }
        if (counts[d] !== 0) break;
      }
      if (single) continue;
      for (let d = 1; d <= 0x10000; d++) counts[d]! += counts[d - 1]!;
      for (let i = 0; i < count; i++) {
        const key = keys[i]!;
        const at = counts[(key >>> shift) & 0xffff]!++;
        spareOrder[at] = order[i]!;
        spareKeys[at] = key;
      }
      [order, spareOrder] = [spareOrder, order];
      [keys, spareKeys] = [spareKeys, keys];
    }
  }
  return order;
}
