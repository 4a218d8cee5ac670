// The report's opening: what was measured when, judged by which profile (and where its rules
// come from), compared with which run, made when and by which meetlat.

import type { Report, ReportLanguage, ReportRunInfo } from "../model.ts";
import { label, localise } from "../i18n.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";

function runText(run: ReportRunInfo, lang: ReportLanguage): string {
  const finished = run.finishedAt ? formatDateTime(run.finishedAt, lang) : label("header.notFinished", lang);
  return label("header.runValue", lang, {
    id: run.id,
    started: formatDateTime(run.startedAt, lang),
    finished,
    status: run.status,
    types: run.testTypes.map((t) => label(`testType.${t}`, lang)).join(", "),
  });
}

export function renderHeader(report: Report, lang: ReportLanguage): SafeHtml {
  const { meta } = report;
  const profileTitle = localise(meta.profile.title, lang);
  const rows: [string, string][] = [
    [label("header.run", lang), runText(meta.run, lang)],
    [label("header.compareRun", lang), meta.compareRun ? runText(meta.compareRun, lang) : label("header.noCompareRun", lang)],
    [label("header.profile", lang), `${profileTitle} (${meta.profile.id})`],
    [label("header.source", lang), meta.profile.source],
  ];
  if (meta.profile.tlsGuidelines) rows.push([label("header.tlsGuidelines", lang), meta.profile.tlsGuidelines]);
  rows.push(
    [label("header.asOf", lang), formatDate(meta.asOf, lang)],
    [label("header.generatedAt", lang), formatDateTime(meta.generatedAt, lang)],
    [label("header.version", lang), `meetlat ${meta.meetlatVersion}`],
  );
  return html`<header class="report-header">
<h1>${label("report.title", lang, { profile: profileTitle })}</h1>
<p class="lead">${localise(meta.profile.description, lang)}</p>
<dl class="meta">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
</header>`;
}
