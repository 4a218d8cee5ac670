// The trend over the runs in the store: one small line chart per standard (share of domains and
// of organisations that comply, per run). One run is no trend: the section says so and shows the
// figures. A share that was not measured in a run leaves a gap, never a drop to 0 %.

import type { Report, ReportLanguage, TrendPoint } from "../model.ts";
import { label, localise } from "../i18n.ts";
import { formatShare, formatShortDate } from "./format.ts";
import { CHART_COLOURS } from "./palette.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";

const WIDTH = 300;
const HEIGHT = 150;
const LEFT = 40;
const RIGHT = 290;
const TOP = 10;
const BOTTOM = 114;

type Series = "domainShare" | "organisationShare";
const SERIES: readonly { key: Series; colour: string; dash: string | null; labelKey: "charts.domains" | "charts.organisations" }[] = [
  { key: "organisationShare", colour: CHART_COLOURS.organisations, dash: null, labelKey: "charts.organisations" },
  { key: "domainShare", colour: CHART_COLOURS.domains, dash: "5 3", labelKey: "charts.domains" },
];

function shareOf(point: TrendPoint, standardId: string, key: Series): number | null {
  return point.standards.find((s) => s.standardId === standardId)?.[key] ?? null;
}

function xOf(i: number, n: number): number {
  return n === 1 ? (LEFT + RIGHT) / 2 : LEFT + (i * (RIGHT - LEFT)) / (n - 1);
}

function yOf(share: number): number {
  return Math.round((BOTTOM - share * (BOTTOM - TOP)) * 10) / 10;
}

function runLabel(p: TrendPoint, lang: ReportLanguage): string {
  return label("trend.run", lang, { id: p.runId, date: formatShortDate(p.startedAt) });
}

function seriesMarks(points: TrendPoint[], standardId: string, s: (typeof SERIES)[number], lang: ReportLanguage): SafeHtml {
  // Consecutive measured points form one segment; a run without a value breaks the line.
  const segments: string[][] = [];
  let current: string[] = [];
  const marks = points.map((p, i) => {
    const share = shareOf(p, standardId, s.key);
    if (share === null) {
      if (current.length > 0) segments.push(current);
      current = [];
      return null;
    }
    const x = Math.round(xOf(i, points.length) * 10) / 10;
    const y = yOf(share);
    current.push(`${x},${y}`);
    const title = `${label(s.labelKey, lang)}, ${runLabel(p, lang)}: ${formatShare(share, lang)}`;
    return s.key === "organisationShare"
      ? html`<circle cx="${x}" cy="${y}" r="3" fill="${s.colour}"><title>${title}</title></circle>`
      : html`<rect x="${x - 2.5}" y="${y - 2.5}" width="5" height="5" fill="${s.colour}"><title>${title}</title></rect>`;
  });
  if (current.length > 0) segments.push(current);
  const lines = segments.filter((seg) => seg.length > 1).map((seg) => html`<polyline class="trend-line" points="${seg.join(" ")}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? html` stroke-dasharray="${s.dash}"` : ""}/>`);
  return html`${lines}${marks}`;
}

function trendSvg(points: TrendPoint[], standardId: string, labelledBy: string, lang: ReportLanguage): SafeHtml {
  const grid = [0, 0.5, 1].map((g) => html`<line x1="${LEFT}" y1="${yOf(g)}" x2="${RIGHT}" y2="${yOf(g)}" stroke="${CHART_COLOURS.grid}" stroke-width="0.6"/><text x="${LEFT - 4}" y="${yOf(g) + 4}" text-anchor="end" class="tick">${formatShare(g, lang)}</text>`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const axis = html`<text x="${LEFT}" y="${BOTTOM + 16}" class="tick">${runLabel(first, lang)}</text><text x="${RIGHT}" y="${BOTTOM + 16}" text-anchor="end" class="tick">${runLabel(last, lang)}</text>`;
  return html`<svg class="chart trend-chart" role="img" aria-labelledby="${labelledBy}" viewBox="0 0 ${WIDTH} ${HEIGHT - 16}" width="${WIDTH}" height="${HEIGHT - 16}" xmlns="http://www.w3.org/2000/svg">${grid}${axis}${SERIES.map((s) => seriesMarks(points, standardId, s, lang))}</svg>`;
}

function trendSentence(points: TrendPoint[], standardId: string, lang: ReportLanguage): string {
  const parts = SERIES.flatMap((s) => {
    const measured = points.flatMap((p) => {
      const share = shareOf(p, standardId, s.key);
      return share === null ? [] : [{ p, share }];
    });
    if (measured.length === 0) return [];
    const a = measured[0]!;
    const b = measured[measured.length - 1]!;
    return [label("trend.fromTo", lang, { series: label(s.labelKey, lang), from: formatShare(a.share, lang), fromRun: a.p.runId, to: formatShare(b.share, lang), toRun: b.p.runId })];
  });
  return parts.length > 0 ? parts.join("; ") + "." : label("trend.neverMeasured", lang);
}

function dataTable(report: Report, points: TrendPoint[], lang: ReportLanguage, open: boolean): SafeHtml {
  const cell = (p: TrendPoint, id: string) => `${formatShare(shareOf(p, id, "domainShare"), lang)} / ${formatShare(shareOf(p, id, "organisationShare"), lang)}`;
  return html`<details class="data"${open ? html` open` : ""}><summary>${label("common.dataTable", lang)}</summary><div class="scroll"><table>
<caption>${label("trend.tableCaption", lang)}</caption>
<thead><tr><th scope="col">${label("col.run", lang)}</th>${report.standards.map((s) => html`<th scope="col">${localise(s.title, lang)}</th>`)}</tr></thead>
<tbody>${points.map((p) => html`<tr><th scope="row">${runLabel(p, lang)}</th>${report.standards.map((s) => html`<td class="num">${cell(p, s.id)}</td>`)}</tr>`)}</tbody>
</table></div></details>`;
}

export function renderTrendSection(report: Report, lang: ReportLanguage): SafeHtml {
  const points = [...report.trend].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId - b.runId);
  const heading = html`<h2 id="trend-h">${label("section.trend", lang)}</h2>`;
  if (points.length === 0) {
    return html`<section id="trend" aria-labelledby="trend-h">${heading}<p class="note">${label("trend.noRuns", lang)}</p></section>`;
  }
  if (points.length === 1) {
    return html`<section id="trend" aria-labelledby="trend-h">${heading}<p class="note">${label("trend.oneRun", lang, { run: runLabel(points[0]!, lang) })}</p>${dataTable(report, points, lang, true)}</section>`;
  }
  const legend = html`<p class="legend-inline">${SERIES.map((s) => html`<span><svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" stroke="${s.colour}" stroke-width="2"${s.dash ? html` stroke-dasharray="${s.dash}"` : ""}/></svg> ${label(s.labelKey, lang)}</span> `)}</p>`;
  const figures = report.standards.map((s, i) => {
    const id = `trend-chart-${i}`;
    return html`<figure class="chart-figure trend-figure" id="${id}"><figcaption id="${id}-caption"><strong>${localise(s.title, lang)}</strong> — ${trendSentence(points, s.id, lang)}</figcaption>${trendSvg(points, s.id, `${id}-caption`, lang)}</figure>`;
  });
  return html`<section id="trend" aria-labelledby="trend-h">${heading}
<p>${label("trend.intro", lang, { runs: points.length, first: runLabel(points[0]!, lang), last: runLabel(points[points.length - 1]!, lang) })}</p>
${legend}
<div class="chart-grid trend-grid">${figures}</div>
${dataTable(report, points, lang, false)}
</section>`;
}
