// The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing that loads —
// a strict Content-Security-Policy says so to the browser too), readable offline and when mailed
// as an attachment. It renders a Report only; every figure in it comes from that object.

import type { Report, ReportLanguage } from "../model.ts";
import { label, localise } from "../i18n.ts";
import { renderBarChartsSection } from "./bar-charts.ts";
import { formatDateTime } from "./format.ts";
import { renderHeader } from "./header-section.ts";
import { renderMapSection } from "./municipality-map.ts";
import { renderOrganisationSection } from "./organisation-table.ts";
import { html, trusted } from "./safe-html.ts";
import { renderStandardsSection } from "./standards-section.ts";
import { REPORT_CSS } from "./styles.ts";
import { renderSummarySection } from "./summary-table.ts";
import { renderTrendSection } from "./trend-chart.ts";

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface HtmlReportOptions {
  lang: ReportLanguage;
}

const SECTIONS = [
  ["summary", "section.summary"],
  ["charts", "section.charts"],
  ["trend", "section.trend"],
  ["map", "section.map"],
  ["organisations", "section.organisations"],
  ["standards", "section.standards"],
] as const;

export function renderHtmlReport(report: Report, options: HtmlReportOptions): string {
  const lang = options.lang;
  const title = label("report.title", lang, { profile: localise(report.meta.profile.title, lang) });
  const toc = html`<nav class="toc" aria-label="${label("toc.label", lang)}"><ol>${SECTIONS.map(([id, key]) => html`<li><a href="#${id}">${label(key, lang)}</a></li>`)}</ol></nav>`;
  const doc = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="meetlat ${report.meta.meetlatVersion}">
<title>${title} — ${label("header.runShort", lang, { id: report.meta.run.id })}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${renderHeader(report, lang)}
${toc}
<main>
${renderSummarySection(report, lang)}
${renderBarChartsSection(report, lang)}
${renderTrendSection(report, lang)}
${renderMapSection(report, lang)}
${renderOrganisationSection(report, lang)}
${renderStandardsSection(report, lang)}
</main>
<footer><p>${label("footer.text", lang, { version: report.meta.meetlatVersion, generated: formatDateTime(report.meta.generatedAt, lang) })}</p></footer>
</body>
</html>
`;
  return doc.value;
}
