// What the profile asks: each standard with its test type, tests and deadline, and whether this
// run measured it at all (a standard none of whose tests ran is "not measured", never met).

import type { Report, ReportLanguage } from "../model.ts";
import { label, localise } from "../i18n.ts";
import { formatDate } from "./format.ts";
import { html } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";

export function renderStandardsSection(report: Report, lang: ReportLanguage): SafeHtml {
  const rows = report.standards.map((s) => html`<tr${s.notMeasured ? html` class="not-measured"` : ""}>
<th scope="row">${localise(s.title, lang)}</th>
<td>${label(`testType.${s.testType}`, lang)}</td>
<td class="tests">${s.tests.length > 0 ? s.tests.join(", ") : "—"}</td>
<td>${s.deadline ? formatDate(s.deadline, lang) : "—"}</td>
<td>${s.notMeasured ? html`<span class="nm">${label("common.notMeasured", lang)}</span>` : label("standards.measured", lang)}</td>
</tr>`);
  return html`<section id="standards" aria-labelledby="standards-h">
<h2 id="standards-h">${label("section.standards", lang)}</h2>
<p>${label("standards.intro", lang)}</p>
<div class="scroll"><table>
<caption>${label("standards.caption", lang)}</caption>
<thead><tr><th scope="col">${label("col.standard", lang)}</th><th scope="col">${label("col.testType", lang)}</th><th scope="col">${label("col.tests", lang)}</th><th scope="col">${label("col.deadline", lang)}</th><th scope="col">${label("col.measured", lang)}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`;
}
