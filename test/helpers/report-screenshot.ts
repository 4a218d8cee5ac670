// Pictures of an HTML report taken with headless chromium (chromium.ts). Headless screenshots
// show the top of the page only and cannot scroll, so to picture one section (the map for the
// README) a copy of the report is rendered with an extra inline style that hides the other
// sections: the header and that section appear exactly as in the report itself.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { screenshot } from "./chromium.ts";

export interface ReportScreenshotOptions {
  /** Show only the report's header and this section (e.g. "map"). */
  section?: string;
  width?: number;
  height?: number;
  timeoutMs?: number;
}

/** The report with every section but `section` (and the contents list and footer) hidden. */
export function sectionOnly(reportHtml: string, section: string): string {
  if (!/^[\w-]+$/.test(section)) throw new Error(`not a section id: ${section}`);
  if (!reportHtml.includes(`<section id="${section}"`)) throw new Error(`the report has no section "${section}"`);
  const style = `<style>nav.toc, footer, main > section:not(#${section}) { display: none !important; }</style>`;
  return reportHtml.replace("</head>", `${style}\n</head>`);
}

export async function screenshotReport(reportFile: string, out: string, opts: ReportScreenshotOptions = {}): Promise<void> {
  if (!opts.section) {
    await screenshot(reportFile, out, opts);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "meetlat-report-view-"));
  try {
    const view = join(dir, "report.html");
    writeFileSync(view, sectionOnly(readFileSync(reportFile, "utf8"), opts.section));
    await screenshot(view, out, opts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
