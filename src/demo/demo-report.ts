// The demo's reports: the forum-standaardisatie profile applied to the demo run, the table by
// organisation type for the terminal, and the HTML report (with the municipality map) and the
// spreadsheet written side by side.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { findProfile } from "../profiles/load-profiles.ts";
import { buildReport } from "../report/build-report.ts";
import { renderTable } from "../report/formats/table.ts";
import { writeXlsx } from "../report/formats/xlsx.ts";
import { renderHtmlReport } from "../report/html/render-html.ts";
import type { Report, ReportLanguage } from "../report/model.ts";
import type { Store } from "../store/store.ts";

export const DEMO_PROFILE = "forum-standaardisatie";
export const HTML_REPORT_FILE = "meetlat-report.html";
export const XLSX_REPORT_FILE = "meetlat-report.xlsx";

export interface DemoReportOptions {
  runId: number;
  /** The run to compare with; null for none. */
  compareRunId: number | null;
  outDir: string;
  lang: ReportLanguage;
}

export interface DemoReports {
  report: Report;
  /** The report by organisation type, as text for the terminal. */
  table: string;
  htmlPath: string;
  xlsxPath: string;
}

export async function writeDemoReports(store: Store, o: DemoReportOptions): Promise<DemoReports> {
  const profile = findProfile(DEMO_PROFILE);
  const report = await buildReport(store, { runId: o.runId, profile, compareRunId: o.compareRunId });
  await mkdir(o.outDir, { recursive: true });
  const htmlPath = join(o.outDir, HTML_REPORT_FILE);
  const xlsxPath = join(o.outDir, XLSX_REPORT_FILE);
  await writeFile(htmlPath, renderHtmlReport(report, { lang: o.lang }));
  await writeXlsx(report, xlsxPath, o.lang);
  return { report, table: renderTable(report, "type", o.lang), htmlPath, xlsxPath };
}
