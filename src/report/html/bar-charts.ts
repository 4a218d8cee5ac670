// Bar charts: one figure per standard, a pair of bars per organisation type (organisations and
// domains that comply), each with its value written beside it so the chart reads without colour.
// The figure's text alternative is a summary sentence and the table of the same figures.

import { complianceShare } from "../model.ts";
import type { Report, ReportLanguage, ReportStandard, Tally } from "../model.ts";
import { label, localise, organisationTypeLabel } from "../i18n.ts";
import { formatShare } from "./format.ts";
import { CHART_COLOURS } from "./palette.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";
import { tallyText } from "./tally-text.ts";

const WIDTH = 640;
const LABEL_RIGHT = 196;
const BAR_X = 204;
const BAR_WIDTH = 260;
const VALUE_X = BAR_X + BAR_WIDTH + 8;
const TOP = 40;
const ROW = 34;
const BAR_HEIGHT = 11;

interface ChartRow {
  type: string;
  organisations: Tally;
  domains: Tally;
}

function rowsFor(report: Report, standard: ReportStandard): ChartRow[] {
  return report.byType.flatMap((t) => {
    const s = t.standards.find((x) => x.standardId === standard.id);
    return s ? [{ type: t.organisationType, organisations: s.organisations, domains: s.domains }] : [];
  });
}

function bar(y: number, t: Tally, fill: string, lang: ReportLanguage): SafeHtml {
  const share = complianceShare(t);
  if (share === null) return html`<text x="${BAR_X}" y="${y + 9}" class="nm">${t.partial ? tallyText(t, lang) : label("common.notMeasured", lang)}</text>`;
  const w = Math.round(share * BAR_WIDTH * 10) / 10;
  return html`<rect x="${BAR_X}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="${CHART_COLOURS.track}"/><rect class="bar" x="${BAR_X}" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="${fill}"/><text x="${VALUE_X}" y="${y + 9}">${tallyText(t, lang)}</text>`;
}

function chartSvg(rows: ChartRow[], labelledBy: string, lang: ReportLanguage): SafeHtml {
  const height = TOP + rows.length * ROW + 4;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((g) => {
    const x = BAR_X + g * BAR_WIDTH;
    return html`<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${height - 4}" stroke="${CHART_COLOURS.grid}" stroke-width="0.6"/><text x="${x}" y="${TOP - 9}" text-anchor="middle" class="tick">${formatShare(g, lang)}</text>`;
  });
  const legend = html`<rect x="${BAR_X}" y="4" width="12" height="10" fill="${CHART_COLOURS.organisations}"/><text x="${BAR_X + 16}" y="13">${label("charts.organisations", lang)}</text><rect x="${BAR_X + 130}" y="4" width="12" height="10" fill="${CHART_COLOURS.domains}"/><text x="${BAR_X + 146}" y="13">${label("charts.domains", lang)}</text>`;
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW;
    return html`<g class="bar-row"><text x="${LABEL_RIGHT}" y="${y + 16}" text-anchor="end">${organisationTypeLabel(r.type, lang)}</text>${bar(y, r.organisations, CHART_COLOURS.organisations, lang)}${bar(y + BAR_HEIGHT + 3, r.domains, CHART_COLOURS.domains, lang)}</g>`;
  });
  return html`<svg class="chart bar-chart" role="img" aria-labelledby="${labelledBy}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">${grid}${legend}${bars}</svg>`;
}

function summarySentence(rows: ChartRow[], lang: ReportLanguage): string {
  const judged = rows.flatMap((r) => {
    const share = complianceShare(r.organisations);
    return share === null ? [] : [{ type: organisationTypeLabel(r.type, lang), share }];
  });
  if (judged.length === 0) return label("charts.noneMeasured", lang);
  const sorted = [...judged].sort((a, b) => b.share - a.share);
  const best = sorted[0]!;
  const worst = sorted[sorted.length - 1]!;
  if (judged.length === 1) return label("charts.single", lang, { type: best.type, value: formatShare(best.share, lang) });
  return label("charts.range", lang, { best: best.type, bestValue: formatShare(best.share, lang), worst: worst.type, worstValue: formatShare(worst.share, lang) });
}

function dataTable(rows: ChartRow[], lang: ReportLanguage): SafeHtml {
  return html`<details class="data"><summary>${label("common.dataTable", lang)}</summary><table>
<thead><tr><th scope="col">${label("col.organisationType", lang)}</th><th scope="col">${label("col.organisationsComply", lang)}</th><th scope="col">${label("col.domainsComply", lang)}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${organisationTypeLabel(r.type, lang)}</th><td class="num">${tallyText(r.organisations, lang)}</td><td class="num">${tallyText(r.domains, lang)}</td></tr>`)}</tbody>
</table></details>`;
}

function standardFigure(report: Report, standard: ReportStandard, index: number, lang: ReportLanguage): SafeHtml {
  const id = `bar-chart-${index}`;
  const title = localise(standard.title, lang);
  const rows = rowsFor(report, standard);
  if (standard.notMeasured || rows.length === 0) {
    return html`<figure class="chart-figure not-measured" id="${id}"><figcaption id="${id}-caption"><strong>${title}</strong>: ${label("charts.notMeasured", lang)}</figcaption></figure>`;
  }
  return html`<figure class="chart-figure" id="${id}">
<figcaption id="${id}-caption"><strong>${title}</strong> — ${label("charts.caption", lang)} ${summarySentence(rows, lang)}</figcaption>
${chartSvg(rows, `${id}-caption`, lang)}
${dataTable(rows, lang)}
</figure>`;
}

export function renderBarChartsSection(report: Report, lang: ReportLanguage): SafeHtml {
  return html`<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">${label("section.charts", lang)}</h2>
<p>${label("charts.intro", lang)}</p>
<div class="chart-grid">${report.standards.map((s, i) => standardFigure(report, s, i, lang))}</div>
</section>`;
}
