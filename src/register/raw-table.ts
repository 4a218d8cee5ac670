// What every file format is read into before validation: a header and rows of cells, each
// row knowing its line (or workbook row) so that problems can name it.

export const IMPORT_FORMATS = ["csv", "json", "xlsx"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface RawCell {
  /** A string from CSV/XLSX; any JSON value from JSON. */
  value: unknown;
  /** Workbook cell reference, e.g. "C5". */
  cell?: string;
  /** The cell's own line when it differs from the row's (a key of a multi-line JSON object). */
  line?: number;
  /** Why the cell's value cannot be used (a formula, an error value), reported under its column. */
  unusable?: string;
}

export interface RawHeader {
  text: string;
  line: number;
  cell?: string;
}

export interface RawRow {
  line: number;
  /** Cells by header text, as written in the file. */
  cells: Map<string, RawCell>;
}

export interface RawTable {
  format: ImportFormat;
  headers: RawHeader[];
  rows: RawRow[];
}
