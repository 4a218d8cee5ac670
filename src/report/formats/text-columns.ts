// Lays out rows of cells as aligned text columns for the terminal (two spaces between columns,
// trailing blanks trimmed). Widths count code points, so "—" and "é" take one column.

export function alignColumns(rows: readonly (readonly string[])[], rightAligned: readonly boolean[] = [], indent = ""): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, [...cell].length); });
  return rows.map((row) => indent + row.map((cell, i) => {
    const pad = " ".repeat((widths[i] ?? 0) - [...cell].length);
    return rightAligned[i] ? pad + cell : cell + pad;
  }).join("  ").trimEnd());
}
