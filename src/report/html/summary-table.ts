// The table a measurement report opens with: per organisation type and standard, the share of
// organisations and of domains that comply, with counts and the change against the compared run.

import { complianceShare } from "../model.ts";
import type { Report, ReportLanguage, TypeSummary } from "../model.ts";
import { label, localise, organisationTypeLabel } from "../i18n.ts";
import { formatCount } from "./format.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";
import { changeText, notJudgedText, tallyText } from "./tally-text.ts";

const COLUMNS = 7;

function changeCell(text: string | null, lang: ReportLanguage): SafeHtml {
  return text === null ? html`<td class="num muted" title="${label("change.none", lang)}">—</td>` : html`<td class="num">${text}</td>`;
}

function scoreChange(current: number | null, previous: number | null, lang: ReportLanguage): string | null {
  if (current === null || previous === null) return null;
  const delta = Math.round((current - previous) * 10) / 10;
  if (delta === 0) return label("change.unchanged", lang);
  return label(delta > 0 ? "change.upPoints" : "change.downPoints", lang, { value: formatCount(Math.abs(delta), lang) });
}

function typeRows(summary: TypeSummary, report: Report, lang: ReportLanguage): SafeHtml {
  const byId = new Map(summary.standards.map((s) => [s.standardId, s]));
  const rows = report.standards.flatMap((standard) => {
    const s = byId.get(standard.id);
    if (!s) return [];
    const nm = standard.notMeasured || complianceShare(s.domains) === null;
    const explained = s.organisations.explained + s.domains.explained > 0
      ? label("tally.explainedBoth", lang, { organisations: formatCount(s.organisations.explained, lang), domains: formatCount(s.domains.explained, lang) })
      : "—";
    return [html`<tr${nm ? html` class="not-measured"` : ""}>
<th scope="row">${localise(standard.title, lang)}</th>
<td class="num">${tallyText(s.organisations, lang)}</td>
${changeCell(changeText(s.organisations, s.previous?.organisations, lang), lang)}
<td class="num">${tallyText(s.domains, lang)}</td>
${changeCell(changeText(s.domains, s.previous?.domains, lang), lang)}
<td class="num">${explained}</td>
<td>${notJudgedText(s.domains, lang) ?? "—"}</td>
</tr>`];
  });
  const score = summary.meanScore
    ? html`<tr class="score-row"><th scope="row">${label("summary.meanScore", lang)}</th><td class="num" colspan="3">${summary.meanScore.current === null ? label("common.notMeasured", lang) : formatCount(summary.meanScore.current, lang)}</td>${changeCell(scoreChange(summary.meanScore.current, summary.meanScore.previous, lang), lang)}<td colspan="2"></td></tr>`
    : null;
  const heading = label("summary.typeHeading", lang, {
    type: organisationTypeLabel(summary.organisationType, lang),
    organisations: formatCount(summary.organisations, lang),
    domains: formatCount(summary.domains, lang),
  });
  return html`<tbody><tr class="type-row"><th scope="rowgroup" colspan="${COLUMNS}">${heading}</th></tr>${rows}${score}</tbody>`;
}

function severityTable(report: Report, lang: ReportLanguage): SafeHtml | null {
  const levels = ["high", "medium", "low", "none"] as const;
  const rows = report.byType.filter((t) => t.severity).map((t) => html`<tr><th scope="row">${organisationTypeLabel(t.organisationType, lang)}</th>${levels.map((l) => html`<td class="num">${formatCount(t.severity?.[l] ?? 0, lang)}</td>`)}</tr>`);
  if (rows.length === 0) return null;
  return html`<div class="scroll"><table class="severity-table">
<caption>${label("summary.severityCaption", lang)}</caption>
<thead><tr><th scope="col">${label("col.organisationType", lang)}</th>${levels.map((l) => html`<th scope="col">${label(`severity.${l}`, lang)}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export function renderSummarySection(report: Report, lang: ReportLanguage): SafeHtml {
  const compared = report.meta.compareRun ? label("summary.compared", lang, { run: report.meta.compareRun.id }) : label("summary.notCompared", lang);
  return html`<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">${label("section.summary", lang)}</h2>
<p>${label("summary.intro", lang)} ${compared}</p>
<div class="scroll"><table class="summary-table">
<caption>${label("summary.caption", lang)}</caption>
<thead><tr>
<th scope="col">${label("col.standard", lang)}</th>
<th scope="col">${label("col.organisationsComply", lang)}</th>
<th scope="col">${label("col.change", lang)}</th>
<th scope="col">${label("col.domainsComply", lang)}</th>
<th scope="col">${label("col.change", lang)}</th>
<th scope="col">${label("col.explained", lang)}</th>
<th scope="col">${label("col.notJudged", lang)}</th>
</tr></thead>
${report.byType.map((t) => typeRows(t, report, lang))}
</table></div>
${severityTable(report, lang)}
</section>`;
}
