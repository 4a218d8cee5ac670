// The validation report of an import: every problem found, each naming the file, the line (the
// row number in a workbook), the field and what is wrong — in the form compilers use
// (file:line: field: message), so editors can jump to it.

export interface ImportProblem {
  file: string;
  /** 1-based line in a text file, row number in a workbook; 0 for the file as a whole. */
  line: number;
  /** Canonical column name, or the header text for header problems. */
  field?: string;
  /** A workbook cell reference (e.g. "C5"). */
  cell?: string;
  message: string;
}

/** Reports are complete up to this many problems; beyond it they are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

export class ProblemList {
  readonly file: string;
  readonly problems: ImportProblem[] = [];
  total = 0;

  constructor(file: string) {
    this.file = file;
  }

  add(line: number, field: string | undefined, message: string, cell?: string): void {
    this.total++;
    if (this.problems.length >= MAX_LISTED_PROBLEMS) return;
    this.problems.push({ file: this.file, line, ...(field !== undefined ? { field } : {}), ...(cell ? { cell } : {}), message });
  }

  get ok(): boolean {
    return this.total === 0;
  }

  sorted(): ImportProblem[] {
    return [...this.problems].sort((a, b) => a.line - b.line || (a.field ?? "").localeCompare(b.field ?? ""));
  }
}

export function formatProblem(p: ImportProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  const field = p.field !== undefined ? ` ${p.field}${p.cell ? ` (${p.cell})` : ""}:` : p.cell ? ` ${p.cell}:` : "";
  return `${where}:${field} ${p.message}`;
}
