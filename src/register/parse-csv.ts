// CSV as spreadsheets write it: comma or semicolon separated (Dutch Excel uses ;), quoted
// fields that may span lines. Malformed records are reported and skipped, so one stray quote
// does not hide the problems in the rest of the file.

import { parse } from "csv-parse/sync";
import type { ProblemList } from "./import-problem.ts";
import type { RawRow, RawTable } from "./raw-table.ts";

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** The delimiter of the header line: the one of , ; and tab that occurs most outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === "\"") quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ",";
}

export function parseCsv(text: string, problems: ProblemList): RawTable | undefined {
  const records = parse(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    // A stray quote inside a field stays part of the value (and fails validation with its line)
    // instead of swallowing the rest of the file.
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err: { message: string; lines?: number } | undefined) => {
      if (err) problems.add(err.lines ?? 0, undefined, `not valid CSV: ${err.message.replace(/ at line \d+/, "")}`);
    },
  }) as unknown as ParsedRecord[];
  const withLines = records.map((r) => ({
    cells: r.record,
    // info.lines is where the record ends; a quoted field with line breaks started earlier.
    line: r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
  })).filter((r) => r.cells.some((c) => c.trim() !== ""));
  const header = withLines.shift();
  if (!header) return undefined;
  const headers = header.cells.map((text) => ({ text: text.trim(), line: header.line }));
  const rows: RawRow[] = [];
  for (const r of withLines) {
    if (r.cells.length !== headers.length) {
      problems.add(r.line, undefined, `has ${r.cells.length} field${r.cells.length === 1 ? "" : "s"}, the header has ${headers.length} (is a delimiter or quote missing?)`);
      continue;
    }
    rows.push({ line: r.line, cells: new Map(headers.map((h, i) => [h.text, { value: r.cells[i]! }])) });
  }
  return { format: "csv", headers, rows };
}
