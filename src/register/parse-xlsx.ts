// An XLSX register: the first worksheet with data, its first non-empty row the header. Cells
// must hold values: a formula is refused (its cached result may be stale, and meetlat does not
// evaluate formulas), and merged cells are refused (only the first cell of a merge holds the
// value, so the other rows would silently lose it).

import ExcelJS from "exceljs";
import type { ProblemList } from "./import-problem.ts";
import type { RawCell, RawHeader, RawRow, RawTable } from "./raw-table.ts";

// exceljs's ValueType numbers (its enum is declared, not importable as a value under type stripping).
const VALUE_TYPE = { null: 0, merge: 1, number: 2, string: 3, date: 4, hyperlink: 5, formula: 6, sharedString: 7, richText: 8, boolean: 9, error: 10 } as const;

function cellText(cell: ExcelJS.Cell): RawCell {
  const ref = cell.address;
  switch (cell.type as number) {
    case VALUE_TYPE.null:
    case VALUE_TYPE.merge:
      return { value: "", cell: ref };
    case VALUE_TYPE.formula:
      return { value: "", cell: ref, unusable: `contains a formula (=${cell.formula}); replace it by its value (copy, then Paste Special → Values)` };
    case VALUE_TYPE.error:
      return { value: "", cell: ref, unusable: `contains the error value ${(cell.value as ExcelJS.CellErrorValue).error}` };
    case VALUE_TYPE.date: {
      const d = cell.value as Date;
      return { value: d.toISOString().slice(0, 10), cell: ref };
    }
    case VALUE_TYPE.number:
      return { value: String(cell.value), cell: ref };
    case VALUE_TYPE.boolean:
      return { value: cell.value ? "TRUE" : "FALSE", cell: ref };
    default:
      // strings, shared strings, rich text and hyperlinks: the text as shown
      return { value: cell.text, cell: ref };
  }
}

export async function parseXlsx(bytes: Uint8Array, problems: ProblemList): Promise<RawTable | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    problems.add(0, undefined, `not a readable XLSX workbook: ${(err as Error).message}`);
    return undefined;
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return undefined;

  let headers: (RawHeader & { column: number })[] | undefined;
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (!headers) {
      headers = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const c = cellText(cell);
        if (c.unusable) problems.add(row.number, String(c.value), `header ${c.unusable}`, c.cell);
        headers!.push({ text: String(c.value).trim(), line: row.number, cell: cell.address, column });
      });
      return;
    }
    const cells = new Map<string, RawCell>();
    for (const h of headers) cells.set(h.text, cellText(row.getCell(h.column)));
    // Cells to the right of the header would be silently ignored: report them.
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (!headers!.some((h) => h.column === column) && cell.text.trim() !== "") {
        problems.add(row.number, undefined, `a value in column ${cell.address.replace(/\d+$/, "")}, which has no header`, cell.address);
      }
    });
    if ([...cells.values()].some((c) => String(c.value).trim() !== "" || c.unusable)) rows.push({ line: row.number, cells });
  });
  // Reported under the header of the merge's first column, at its first row.
  for (const range of sheet.model.merges ?? []) {
    const topLeft = range.split(":")[0]!;
    const row = Number(/\d+$/.exec(topLeft)?.[0] ?? 0);
    const column = sheet.getCell(topLeft).fullAddress.col;
    const header = headers?.find((h) => h.column === column)?.text;
    problems.add(row, header, `cells ${range} are merged; unmerge them and repeat the value in each row`, topLeft);
  }
  return { format: "xlsx", headers: (headers ?? []).map(({ text, line, cell }) => ({ text, line, ...(cell ? { cell } : {}) })), rows };
}
