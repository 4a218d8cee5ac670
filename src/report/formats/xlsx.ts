// The spreadsheet for the people who follow up: one sheet per level (summary by organisation
// type, organisations, domains) and one about the report. Header rows frozen, auto filters over
// the data, readable column widths, numbers as numbers (shares as fractions shown as
// percentages, changes in percentage points). Written with exceljs's streaming writer, so even
// the domain sheet of a large run goes to disk row by row; to a temporary name first, renamed
// when complete, so a failed write never leaves a half file under the asked name.

import { rename, rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Report, ReportLanguage, ReportStandard } from "../model.ts";
import { complianceShare } from "../model.ts";
import { changeInPoints, compliantOf } from "../tally.ts";
import { stateWord, text, typeWord, word } from "./words.ts";

type Cell = string | number | null;

interface Column {
  header: string;
  numFmt?: string;
  /** Upper bound of the width in characters (long texts wrap nowhere; the cell keeps them whole). */
  maxWidth?: number;
}

const PERCENT = "0.0%";
const POINTS = "+0.0;-0.0;0.0";
const INTEGER = "0";
const ONE_DECIMAL = "0.0";

export async function writeXlsx(report: Report, path: string, lang: ReportLanguage): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: true });
  workbook.creator = `meetlat ${report.meta.meetlatVersion}`;
  try {
    writeSheet(workbook, word("sheetSummary", lang), ...summarySheet(report, lang));
    writeSheet(workbook, word("sheetOrganisations", lang), ...organisationSheet(report, lang));
    if (report.domains) writeSheet(workbook, word("sheetDomains", lang), ...domainSheet(report, lang));
    writeSheet(workbook, word("sheetAbout", lang), ...aboutSheet(report, lang));
    await workbook.commit();
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly Column[], rows: readonly Cell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, width: widthOf(c, rows.map((r) => r[i] ?? null)) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  // One style object per column, shared by its cells: exceljs caches a style by object identity,
  // so the domain sheet's hundreds of thousands of cells do not each build a style of their own.
  const styles = columns.map((c): Partial<ExcelJS.Style> => (c.numFmt ? { numFmt: c.numFmt } : {}));
  for (const values of rows) {
    const row = sheet.addRow(values);
    values.forEach((v, i) => { if (v !== null) row.getCell(i + 1).style = styles[i]!; });
    row.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  sheet.commit();
}

function widthOf(column: Column, values: readonly Cell[]): number {
  let widest = [...column.header].length;
  for (const v of values) widest = Math.max(widest, v === null ? 0 : typeof v === "number" ? 9 : [...v].length);
  // Room for the filter button; long texts capped so a sheet stays on screen.
  return Math.min(widest + 3, column.maxWidth ?? 50);
}

function share(t: Parameters<typeof complianceShare>[0] | undefined): number | null {
  return t ? complianceShare(t) : null;
}

function summarySheet(report: Report, lang: ReportLanguage): [Column[], Cell[][]] {
  const compared = report.meta.compareRun !== null;
  const kind = report.meta.profile.kind;
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  const columns: Column[] = [
    { header: word("organisationType", lang) }, { header: word("standard", lang), maxWidth: 40 }, { header: word("testType", lang) },
    { header: word("compliantDomains", lang), numFmt: INTEGER }, { header: word("measuredDomains", lang), numFmt: INTEGER }, { header: word("shareDomains", lang), numFmt: PERCENT },
    ...(compared ? [{ header: word("changeDomains", lang), numFmt: POINTS }] : []),
    { header: word("compliantOrganisations", lang), numFmt: INTEGER }, { header: word("measuredOrganisations", lang), numFmt: INTEGER }, { header: word("shareOrganisations", lang), numFmt: PERCENT },
    ...(compared ? [{ header: word("changeOrganisations", lang), numFmt: POINTS }] : []),
    { header: word("explainedDomains", lang), numFmt: INTEGER }, { header: word("errorDomains", lang), numFmt: INTEGER }, { header: word("notMeasuredDomains", lang), numFmt: INTEGER },
    ...(kind === "score" ? [{ header: word("meanScore", lang), numFmt: ONE_DECIMAL }] : []),
    ...(kind === "severity" ? (["high", "medium", "low", "none"] as const).map((l) => ({ header: `${word("severity", lang)}: ${word(l, lang)}`, numFmt: INTEGER })) : []),
    { header: word("note", lang) },
  ];
  const rows = report.byType.flatMap((t) => t.standards.map((row): Cell[] => {
    const s = standards.get(row.standardId)!;
    const d = compliantOf(row.domains);
    const o = compliantOf(row.organisations);
    return [
      typeWord(t.organisationType, lang), text(s.title, lang), s.testType,
      d.compliant, d.measured, share(row.domains), ...(compared ? [changeInPoints(row.domains, row.previous?.domains)] : []),
      o.compliant, o.measured, share(row.organisations), ...(compared ? [changeInPoints(row.organisations, row.previous?.organisations)] : []),
      row.domains.explained, row.domains.error, row.domains.notMeasured,
      ...(kind === "score" ? [t.meanScore?.current ?? null] : []),
      ...(kind === "severity" ? (["high", "medium", "low", "none"] as const).map((l) => t.severity?.[l] ?? 0) : []),
      s.notMeasured ? word("notMeasured", lang) : null,
    ];
  }));
  return [columns, rows];
}

function findingsOf(list: readonly { domain: string; testId: string; verdict: string }[], s: ReportStandard): string | null {
  const tests = new Set(s.tests);
  const found = list.filter((f) => tests.has(f.testId)).map((f) => `${f.domain}: ${f.testId} (${f.verdict})`);
  return found.length > 0 ? found.join("; ") : null;
}

function organisationSheet(report: Report, lang: ReportLanguage): [Column[], Cell[][]] {
  const kind = report.meta.profile.kind;
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  const columns: Column[] = [
    { header: word("name", lang), maxWidth: 40 }, { header: word("key", lang) }, { header: word("organisationType", lang) }, { header: word("codes", lang) },
    { header: word("domains", lang), numFmt: INTEGER },
    ...(kind === "score" ? [{ header: word("score", lang), numFmt: ONE_DECIMAL }] : []),
    ...(kind === "severity" ? [{ header: word("severity", lang) }] : []),
    { header: word("standard", lang), maxWidth: 40 }, { header: word("state", lang) },
    { header: word("compliantDomains", lang), numFmt: INTEGER }, { header: word("measuredDomains", lang), numFmt: INTEGER },
    { header: word("failingTests", lang), maxWidth: 80 }, { header: word("explainedTests", lang), maxWidth: 80 },
  ];
  const rows = report.organisations.flatMap((o) => o.standards.map((row): Cell[] => {
    const s = standards.get(row.standardId)!;
    return [
      o.name, o.key, typeWord(o.type, lang), Object.entries(o.codes).map(([k, v]) => `${k} ${v}`).join("; ") || null, o.domains.length,
      ...(kind === "score" ? [o.score ?? null] : []),
      ...(kind === "severity" ? [o.severity ? word(o.severity, lang) : null] : []),
      text(s.title, lang), stateWord(row.state, lang), row.domainsMet, row.domainsMeasured,
      findingsOf(o.failing, s), findingsOf(o.explained, s),
    ];
  }));
  return [columns, rows];
}

function domainSheet(report: Report, lang: ReportLanguage): [Column[], Cell[][]] {
  const columns: Column[] = [
    { header: word("domain", lang), maxWidth: 40 }, { header: word("organisations", lang), maxWidth: 40 }, { header: word("testType", lang) },
    { header: word("test", lang), maxWidth: 36 }, { header: word("title", lang), maxWidth: 40 }, { header: word("status", lang) }, { header: word("verdict", lang), maxWidth: 30 },
    { header: word("reason", lang), maxWidth: 80 }, { header: word("explanation", lang), maxWidth: 60 }, { header: word("explainedUntil", lang) },
  ];
  const rows = (report.domains ?? []).flatMap((d) => {
    const organisations = d.organisations.map((o) => o.name).join("; ") || null;
    return d.tests.map((t): Cell[] => [d.domain, organisations, t.type, t.testId, t.title, t.status, t.verdict, t.reason, t.explanation?.reason ?? null, t.explanation?.until ?? null]);
  });
  return [columns, rows];
}

function aboutSheet(report: Report, lang: ReportLanguage): [Column[], Cell[][]] {
  const { run, compareRun, profile, asOf, generatedAt, meetlatVersion } = report.meta;
  const rows: Cell[][] = [
    [word("profile", lang), `${text(profile.title, lang)} (${profile.id})`],
    [word("source", lang), profile.source],
    [word("run", lang), `${run.id} (${word("started", lang)} ${run.startedAt})`],
    [word("comparedWith", lang), compareRun ? `${compareRun.id} (${word("started", lang)} ${compareRun.startedAt})` : word("noComparison", lang)],
    [word("explanationsJudgedOn", lang), asOf],
    [word("generated", lang), generatedAt],
    [word("version", lang), meetlatVersion],
    [word("note", lang), word("shareRule", lang)],
  ];
  return [[{ header: word("key", lang) }, { header: word("value", lang), maxWidth: 100 }], rows];
}
