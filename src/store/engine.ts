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
