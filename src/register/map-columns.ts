// Matches a file's header to the register's columns (import-columns.json): case-insensitive,
// spaces/hyphens/underscores alike, with aliases; reports unknown, duplicate and missing
// columns, suggesting the column a misspelt header probably meant.

import importColumns from "./import-columns.json" with { type: "json" };
import type { ProblemList } from "./import-problem.ts";
import type { RawHeader } from "./raw-table.ts";

export type ColumnName = keyof typeof importColumns.columns;

export const COLUMN_NAMES = Object.keys(importColumns.columns) as ColumnName[];
const REQUIRED = importColumns.required as ColumnName[];

function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, " ");
}

const BY_HEADER = new Map<string, ColumnName>();
for (const name of COLUMN_NAMES) {
  BY_HEADER.set(normaliseHeader(name), name);
  for (const alias of importColumns.columns[name].aliases) BY_HEADER.set(normaliseHeader(alias), name);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggestion(header: string): ColumnName | undefined {
  let best: { name: ColumnName; distance: number } | undefined;
  for (const [text, name] of BY_HEADER) {
    const distance = editDistance(normaliseHeader(header), text);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(header.length / 4)) ? best.name : undefined;
}

/** Canonical column → the header text used in the file (missing required columns are reported). */
export function mapColumns(headers: readonly RawHeader[], problems: ProblemList): Map<ColumnName, string> {
  const mapped = new Map<ColumnName, RawHeader>();
  for (const h of headers) {
    if (h.text === "") continue;
    const name = BY_HEADER.get(normaliseHeader(h.text));
    if (!name) {
      const guess = suggestion(h.text);
      problems.add(h.line, h.text, `unknown column${guess ? `; did you mean "${guess}"?` : ` (the columns are: ${COLUMN_NAMES.join(", ")})`}`, h.cell);
      continue;
    }
    const earlier = mapped.get(name);
    if (earlier) {
      problems.add(h.line, h.text, `a second "${name}" column (the first is "${earlier.text}")`, h.cell);
      continue;
    }
    mapped.set(name, h);
  }
  for (const name of REQUIRED) {
    if (mapped.has(name)) continue;
    problems.add(headers[0]?.line ?? 1, name, `missing column "${name}" (the header has: ${headers.map((h) => h.text || "(empty)").join(", ") || "nothing"})`);
  }
  return new Map([...mapped].map(([name, h]) => [name, h.text]));
}
