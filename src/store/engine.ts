// The two storage engines and the limits that differ between them.

export type Engine = "sqlite" | "postgres";

/** Bound parameters per statement: SQLite allows 32766, PostgreSQL 65535; stay well below. */
export const MAX_PARAMETERS_PER_STATEMENT = 8000;

/** How many rows of `columns` columns fit in one multi-row statement. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The largest power of two not above `n` (n ≥ 1). */
export function powerOfTwoAtMost(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

/**
 * `items` in chunks whose lengths are powers of two, none above `most`: the largest first, then
 * the remainder by its binary digits (1,000 rows at most 512: 512, 256, 128, 64, 32, 8).
 * node:sqlite keeps a prepared statement per text; multi-row statements of every possible length
 * filled its cache with up to 256 programs of up to a megabyte each, which grew a run's memory
 * for minutes. Lengths of this form make a handful of texts per table, reused from the cache.
 */
export function powerOfTwoChunks<T>(items: readonly T[], most: number): T[][] {
  const top = powerOfTwoAtMost(most);
  const out: T[][] = [];
  let i = 0;
  while (i < items.length) {
    const size = Math.min(top, powerOfTwoAtMost(items.length - i));
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}
