// Per organisation: the standards met, the failing tests per domain and the explanations,
// grouped by organisation type in collapsible <details> so 400+ organisations stay readable.
// Organisations with very many domains list the first domains with findings and count the rest.

import type { OrganisationReport, Report, ReportLanguage } from "../model.ts";
import type { StandardState } from "../../profiles/types.ts";
import { label, localise, organisationTypeLabel } from "../i18n.ts";
import { formatCount, formatDate } from "./format.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";

const MAX_DOMAINS_WITH_FINDINGS = 25;

function typeOrder(report: Report): string[] {
  const order = report.byType.map((t) => t.organisationType);
  const rest = [...new Set(report.organisations.map((o) => o.type))].filter((t) => !order.includes(t)).sort();
  return [...order, ...rest];
}

function metCount(org: OrganisationReport): { met: number; measured: number } {
  const met = org.standards.filter((s) => s.state === "met" || s.state === "explained").length;
  return { met, measured: met + org.standards.filter((s) => s.state === "not_met").length };
}

function standardsCell(org: OrganisationReport, titles: Map<string, string>, lang: ReportLanguage): SafeHtml {
  const { met, measured } = metCount(org);
  const listed = (state: StandardState, key: "orgs.notMet" | "orgs.errors" | "orgs.notMeasured" | "orgs.explainedStandards") => {
    const names = org.standards.filter((s) => s.state === state).map((s) => titles.get(s.standardId) ?? s.standardId);
    return names.length > 0 ? html`<div class="${state}">${label(key, lang, { list: names.join(", ") })}</div>` : null;
  };
  const head = measured === 0 ? html`<span class="nm">${label("common.notMeasured", lang)}</span>` : label("orgs.metOf", lang, { met, measured });
  return html`<div>${head}</div>${listed("not_met", "orgs.notMet")}${listed("explained", "orgs.explainedStandards")}${listed("error", "orgs.errors")}${listed("not_measured", "orgs.notMeasured")}`;
}

function failingCell(org: OrganisationReport, lang: ReportLanguage): SafeHtml | string {
  if (org.failing.length === 0) return "—";
  const byDomain = new Map<string, OrganisationReport["failing"]>();
  for (const f of org.failing) byDomain.set(f.domain, [...(byDomain.get(f.domain) ?? []), f]);
  const domains = [...byDomain.entries()];
  const shown = domains.slice(0, MAX_DOMAINS_WITH_FINDINGS);
  const more = domains.length - shown.length;
  return html`<ul class="failing">${shown.map(([domain, tests]) => html`<li><span class="domain">${domain}</span>: ${tests.map((t, i) => html`${i > 0 ? ", " : ""}<code title="${t.reason}">${t.testId}</code> (${t.verdict})`)}</li>`)}${more > 0 ? html`<li class="more">${label("orgs.moreDomains", lang, { n: formatCount(more, lang) })}</li>` : ""}</ul>`;
}

function explainedCell(org: OrganisationReport, lang: ReportLanguage): SafeHtml | string {
  if (org.explained.length === 0) return "—";
  return html`<ul class="explained">${org.explained.map((e) => html`<li>${label("orgs.explanation", lang, {
    test: e.testId,
    domain: e.domain,
    reason: e.explanation.reason,
    until: formatDate(e.explanation.until, lang),
    by: e.explanation.by ?? label("orgs.byUnknown", lang),
  })}</li>`)}</ul>`;
}

function extraCell(org: OrganisationReport, report: Report, lang: ReportLanguage): SafeHtml | null {
  const kind = report.meta.profile.kind;
  if (kind === "score") return html`<td class="num">${org.score === null || org.score === undefined ? label("common.notMeasured", lang) : formatCount(org.score, lang)}</td>`;
  if (kind === "severity") return html`<td>${org.severity === null || org.severity === undefined ? label("common.notMeasured", lang) : label(`severity.${org.severity}`, lang)}</td>`;
  return null;
}

function typeGroup(type: string, orgs: OrganisationReport[], report: Report, titles: Map<string, string>, lang: ReportLanguage): SafeHtml {
  const sorted = [...orgs].sort((a, b) => a.name.localeCompare(b.name, "nl"));
  const allMet = orgs.filter((o) => {
    const { met, measured } = metCount(o);
    return measured > 0 && met === measured;
  }).length;
  const kind = report.meta.profile.kind;
  const extraHeader = kind === "score" ? label("col.score", lang) : kind === "severity" ? label("col.worstFinding", lang) : null;
  const summary = label("orgs.groupSummary", lang, { type: organisationTypeLabel(type, lang), n: formatCount(orgs.length, lang), allMet: formatCount(allMet, lang) });
  return html`<details class="org-group" data-type="${type}"><summary><h3>${summary}</h3></summary><div class="scroll"><table class="org-table">
<thead><tr><th scope="col">${label("col.organisation", lang)}</th><th scope="col">${label("col.domains", lang)}</th><th scope="col">${label("col.standardsMet", lang)}</th>${extraHeader ? html`<th scope="col">${extraHeader}</th>` : null}<th scope="col">${label("col.failingTests", lang)}</th><th scope="col">${label("col.explained", lang)}</th></tr></thead>
<tbody>${sorted.map((o) => html`<tr><th scope="row">${o.name}</th><td class="num">${formatCount(o.domains.length, lang)}</td><td>${standardsCell(o, titles, lang)}</td>${extraCell(o, report, lang)}<td>${failingCell(o, lang)}</td><td>${explainedCell(o, lang)}</td></tr>`)}</tbody>
</table></div></details>`;
}

export function renderOrganisationSection(report: Report, lang: ReportLanguage): SafeHtml {
  const titles = new Map(report.standards.map((s) => [s.id, localise(s.title, lang)]));
  const groups = typeOrder(report).flatMap((type) => {
    const orgs = report.organisations.filter((o) => o.type === type);
    return orgs.length > 0 ? [typeGroup(type, orgs, report, titles, lang)] : [];
  });
  return html`<section id="organisations" aria-labelledby="organisations-h">
<h2 id="organisations-h">${label("section.organisations", lang)}</h2>
<p>${label("orgs.intro", lang, { n: formatCount(report.organisations.length, lang) })}</p>
${groups.length > 0 ? groups : html`<p class="note">${label("orgs.none", lang)}</p>`}
</section>`;
}
