// An import, start to finish: read the file (size limit, encoding, format), map its columns,
// parse and validate every row against the file and the register as stored, and only when
// nothing at all is wrong, write it in one transaction (or, for a dry run, compute what would
// change and roll back). Either every problem is reported and nothing changes, or all of it is
// imported.

import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { ImportSummary, RegisterStore } from "../store/store.ts";
import { decodeText } from "./decode-text.ts";
import type { TextEncoding } from "./decode-text.ts";
import { ProblemList } from "./import-problem.ts";
import type { ImportProblem } from "./import-problem.ts";
import { mapColumns } from "./map-columns.ts";
import type { ColumnName } from "./map-columns.ts";
import type { RegisterChangeSet } from "./model.ts";
import { parseCsv } from "./parse-csv.ts";
import { parseJson } from "./parse-json.ts";
import { parseRow } from "./parse-row.ts";
import type { ParsedRow } from "./parse-row.ts";
import type { ImportFormat, RawTable } from "./raw-table.ts";
import { EMPTY_REGISTER, validateRows } from "./validate-rows.ts";

/** Larger files are refused before they are read: a register of 100,000 domains is ~10 MB. */
export const DEFAULT_MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export interface ImportOptions {
  format?: ImportFormat;
  encoding?: TextEncoding;
  maxBytes?: number;
  /** Recorded with the import and as the source of new rows without one; default the file name. */
  source?: string;
  dryRun?: boolean;
  /** The name problems are reported under (default: the path as given). */
  displayName?: string;
}

export interface ImportOutcome {
  ok: boolean;
  format: ImportFormat | undefined;
  rowCount: number;
  /** Up to MAX_LISTED_PROBLEMS, in line order. */
  problems: ImportProblem[];
  totalProblems: number;
  changes?: RegisterChangeSet;
  /** Present when ok and a store was given: what was (or, for a dry run, would be) written. */
  summary?: ImportSummary;
}

const EXTENSIONS: Record<string, ImportFormat> = { ".csv": "csv", ".txt": "csv", ".tsv": "csv", ".json": "json", ".xlsx": "xlsx" };

function sniffFormat(bytes: Uint8Array): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const start = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("[") || start.startsWith("{") ? "json" : "csv";
}

function chooseFormat(bytes: Uint8Array, name: string, requested: ImportFormat | undefined, problems: ProblemList): ImportFormat | undefined {
  const sniffed = sniffFormat(bytes);
  const format = requested ?? EXTENSIONS[extname(name).toLowerCase()] ?? sniffed;
  // A workbook given as CSV (or a text file as XLSX) is a mistake worth naming plainly.
  if ((format === "xlsx") !== (sniffed === "xlsx")) {
    problems.add(0, undefined, sniffed === "xlsx" ? `the file is an XLSX workbook, not ${format.toUpperCase()}; use --format xlsx or the .xlsx extension` : "the file is not an XLSX workbook (no zip signature); is it a CSV?");
    return undefined;
  }
  return format;
}

async function parseTable(bytes: Uint8Array, format: ImportFormat, encoding: TextEncoding, problems: ProblemList): Promise<RawTable | undefined> {
  // exceljs is large; only workbook imports load it.
  if (format === "xlsx") return (await import("./parse-xlsx.ts")).parseXlsx(bytes, problems);
  const text = decodeText(bytes, encoding, problems);
  if (text === undefined) return undefined;
  if (text.trim() === "") return undefined;
  return format === "json" ? parseJson(text, problems) : parseCsv(text, problems);
}

function outcome(problems: ProblemList, format: ImportFormat | undefined, rowCount: number, extra: Partial<ImportOutcome> = {}): ImportOutcome {
  return { ok: problems.ok, format, rowCount, problems: problems.sorted(), totalProblems: problems.total, ...extra };
}

/** Validates (and unless `register` is undefined, imports) register rows given as bytes. */
export async function importRegisterBytes(register: RegisterStore | undefined, bytes: Uint8Array, name: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const problems = new ProblemList(options.displayName ?? name);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (bytes.length > maxBytes) {
    problems.add(0, undefined, `the file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)} (--max-size)`);
    return outcome(problems, undefined, 0);
  }
  if (bytes.length === 0) {
    problems.add(0, undefined, "the file is empty");
    return outcome(problems, undefined, 0);
  }
  const format = chooseFormat(bytes, name, options.format, problems);
  if (!format) return outcome(problems, undefined, 0);
  const table = await parseTable(bytes, format, options.encoding ?? "utf-8", problems);
  if (!table) {
    if (problems.ok) problems.add(0, undefined, "the file is empty (no header, no rows)");
    return outcome(problems, format, 0);
  }
  if (table.rows.length === 0) {
    problems.add(table.headers[0]?.line ?? 1, undefined, table.format === "json" ? "the file is an empty list: no rows" : "the file has a header but no rows");
    return outcome(problems, format, 0);
  }
  return importTable(register, table, problems, { ...options, fileName: basename(name), fileSha256: createHash("sha256").update(bytes).digest("hex") });
}

/**
 * Validates and (unless `register` is undefined or there are problems) imports rows already read
 * into a table: the second half of every import, shared with `meetlat register add`.
 */
export async function importTable(
  register: RegisterStore | undefined,
  table: RawTable,
  problems: ProblemList,
  options: ImportOptions & { fileName: string | null; fileSha256: string | null },
): Promise<ImportOutcome> {
  const columns = mapColumns(table.headers, problems);
  const rows: ParsedRow[] = [];
  for (const raw of table.rows) rows.push(parseRow(raw, columns, problems));
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const cellOf = (line: number, field: ColumnName) => byLine.get(line)?.cells.get(field);
  const changes = await validateRows(rows, register ?? EMPTY_REGISTER, problems, cellOf, { domainColumn: columns.has("domain") });
  if (!problems.ok || !register) return outcome(problems, table.format, table.rows.length, problems.ok ? { changes } : {});

  const meta = {
    source: options.source ?? options.fileName ?? "meetlat", fileName: options.fileName, fileSha256: options.fileSha256,
    format: table.format, rowCount: table.rows.length,
  };
  const summary = options.dryRun ? await register.preview(changes, meta) : await register.apply(changes, meta);
  return outcome(problems, table.format, table.rows.length, { changes, summary });
}

export async function importRegisterFile(register: RegisterStore | undefined, path: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const size = (await stat(path)).size;
  if (size > maxBytes) {
    const problems = new ProblemList(options.displayName ?? path);
    problems.add(0, undefined, `the file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)} (--max-size)`);
    return outcome(problems, undefined, 0);
  }
  return importRegisterBytes(register, await readFile(path), path, { displayName: path, ...options });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} bytes`;
}
