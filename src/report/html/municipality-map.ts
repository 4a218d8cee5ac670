// The choropleth of the municipalities: the register's municipalities joined on their CBS code
// (OrganisationReport.codes.cbs = the boundaries' `statcode`), coloured by the profile
// (map-classes.ts), each with a <title> (name, value, what fails), a legend with counts that is
// also the map's table, the full list as text alternative, and the CBS/PDOK attribution.

import type { OrganisationReport, Report, ReportLanguage } from "../model.ts";
import { label } from "../i18n.ts";
import { formatCount } from "./format.ts";
import { mapScaleFor } from "./map-classes.ts";
import type { MapClass, MunicipalityValue } from "./map-classes.ts";
import { municipalityMap } from "./municipality-geometry.ts";
import type { MunicipalityShape } from "./municipality-geometry.ts";
import { CHART_COLOURS, NO_DATA_PATTERN } from "./palette.ts";
import { html, trusted } from "./safe-html.ts";
import type { SafeHtml } from "./safe-html.ts";

const MUNICIPALITY_TYPE = "gemeente";
const CBS_MUNICIPALITY_CODE = /^GM\d{4}$/;

interface Placed {
  shape: MunicipalityShape;
  org: OrganisationReport | undefined;
  value: MunicipalityValue;
  cls: MapClass;
}

/** The report's municipalities by CBS code; the first wins if two share one. */
function municipalitiesByCode(report: Report): Map<string, OrganisationReport> {
  const byCode = new Map<string, OrganisationReport>();
  for (const org of report.organisations) {
    const code = org.codes["cbs"]?.toUpperCase();
    if (org.type === MUNICIPALITY_TYPE && code && CBS_MUNICIPALITY_CODE.test(code) && !byCode.has(code)) byCode.set(code, org);
  }
  return byCode;
}

function titleText(p: Placed): string {
  const name = p.org ? `${p.org.name} (${p.shape.code})` : `${p.shape.name} (${p.shape.code})`;
  return [`${name}: ${p.value.value}`, ...p.value.problems].join(". ");
}

function legendTable(classes: MapClass[], counts: Map<string, number>, metric: string, lang: ReportLanguage): SafeHtml {
  return html`<table class="legend">
<caption>${label("map.legend", lang, { metric })}</caption>
<thead><tr><th scope="col"><span class="visually-hidden">${label("map.colour", lang)}</span></th><th scope="col">${label("map.class", lang)}</th><th scope="col">${label("col.municipalities", lang)}</th></tr></thead>
<tbody>${classes.map((c) => html`<tr data-class="${c.id}"><td><svg class="swatch" width="22" height="16" aria-hidden="true"><rect width="22" height="16" fill="${c.fill}" stroke="${CHART_COLOURS.municipalityBorder}" stroke-width="0.8"/></svg></td><th scope="row">${c.label}</th><td class="num">${formatCount(counts.get(c.id) ?? 0, lang)}</td></tr>`)}</tbody>
</table>`;
}

function summarySentence(classes: MapClass[], counts: Map<string, number>, total: number, lang: ReportLanguage): string {
  const parts = classes.map((c) => label("map.summaryPart", lang, { n: formatCount(counts.get(c.id) ?? 0, lang), class: c.label }));
  return label("map.summary", lang, { total: formatCount(total, lang), parts: parts.join("; ") });
}

function municipalityTable(placed: Placed[], lang: ReportLanguage): SafeHtml {
  const sorted = [...placed].sort((a, b) => a.shape.name.localeCompare(b.shape.name, "nl"));
  return html`<details class="data"><summary>${label("map.tableSummary", lang, { n: formatCount(placed.length, lang) })}</summary><div class="scroll"><table class="municipality-table">
<thead><tr><th scope="col">${label("col.municipality", lang)}</th><th scope="col">${label("col.cbsCode", lang)}</th><th scope="col">${label("map.class", lang)}</th><th scope="col">${label("col.value", lang)}</th><th scope="col">${label("col.problems", lang)}</th></tr></thead>
<tbody>${sorted.map((p) => html`<tr><th scope="row">${p.org?.name ?? p.shape.name}</th><td>${p.shape.code}</td><td>${p.cls.label}</td><td>${p.value.value}</td><td>${p.value.problems.join(". ")}</td></tr>`)}</tbody>
</table></div></details>`;
}

export function renderMapSection(report: Report, lang: ReportLanguage): SafeHtml {
  const heading = html`<h2 id="map-h">${label("section.map", lang)}</h2>`;
  const byCode = municipalitiesByCode(report);
  if (byCode.size === 0) {
    return html`<section id="map" class="map-section" aria-labelledby="map-h">${heading}<p class="note">${label("map.omitted", lang)}</p></section>`;
  }
  const geometry = municipalityMap();
  const scale = mapScaleFor(report, lang);
  const classById = new Map(scale.classes.map((c) => [c.id, c]));
  const noDataClass = scale.classes[scale.classes.length - 1]!;
  const placed: Placed[] = geometry.shapes.map((shape) => {
    const org = byCode.get(shape.code);
    const value = scale.classify(org);
    return { shape, org, value, cls: classById.get(value.classId) ?? noDataClass };
  });
  const counts = new Map<string, number>();
  for (const p of placed) counts.set(p.cls.id, (counts.get(p.cls.id) ?? 0) + 1);

  const onMap = new Set(geometry.shapes.map((s) => s.code));
  const offMap = [...byCode.entries()].filter(([code]) => !onMap.has(code)).map(([code, org]) => `${org.name} (${code})`);

  const paths = placed.map((p) => html`<path class="municipality" d="${trusted(p.shape.path)}" fill="${p.cls.fill}" data-code="${p.shape.code}" data-class="${p.cls.id}"><title>${titleText(p)}</title></path>`);
  const svg = html`<svg class="map" role="img" aria-labelledby="map-caption" viewBox="0 0 ${geometry.width} ${geometry.height}" width="${geometry.width}" height="${geometry.height}" xmlns="http://www.w3.org/2000/svg">
<defs>${trusted(NO_DATA_PATTERN)}</defs>
<g stroke="${CHART_COLOURS.municipalityBorder}" stroke-width="0.35" stroke-linejoin="round">${paths}</g>
<text class="attribution" x="6" y="${geometry.height - 6}">${label("map.attributionShort", lang)}</text>
</svg>`;

  return html`<section id="map" class="map-section" aria-labelledby="map-h">${heading}
<p>${label("map.intro", lang, { metric: scale.metric })}</p>
<figure class="map-figure">
<div class="map-layout">${svg}<div class="map-side">${legendTable(scale.classes, counts, scale.metric, lang)}</div></div>
<figcaption id="map-caption">${label("map.caption", lang, { metric: scale.metric })} ${summarySentence(scale.classes, counts, placed.length, lang)}</figcaption>
<p class="attribution">${label("map.attribution", lang)}</p>
${municipalityTable(placed, lang)}
</figure>
${offMap.length > 0 ? html`<p class="note">${label("map.offMap", lang, { list: offMap.join(", ") })}</p>` : ""}
</section>`;
}
