// The report's one stylesheet, inlined (the file loads nothing). System fonts only; text is
// near-black on white (contrast above 15:1); print keeps light backgrounds, opens the
// collapsed tables and puts the map on a page of its own.

export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #00204c; }
h3 { font-size: 1.05rem; display: inline; margin: 0; }
p { max-width: 75ch; }
.lead { color: #333; }
.note { font-style: italic; }
.muted { color: #555; }
.nm { font-style: italic; color: #4a4a4a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: .2rem 1.5rem; margin: 1rem 0; }
dl.meta div { display: flex; gap: .5rem; }
dl.meta dt { font-weight: 600; min-width: 9.5rem; }
dl.meta dd { margin: 0; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; padding-left: 1.2rem; }
nav.toc a { color: #00204c; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid #d0d0d0; padding: .3rem .55rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.type-row th { background: #eef1f6; font-size: 1rem; padding-top: .55rem; }
tr.not-measured td, tr.not-measured th { color: #4a4a4a; font-style: italic; }
td.tests { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .82rem; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1rem 1.5rem; }
.trend-grid { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
figure { margin: 0 0 1rem; }
figcaption { font-size: .9rem; margin: .2rem 0 .4rem; }
svg.chart { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; fill: #1a1a1a; }
svg.chart .tick { font-size: 10px; fill: #4a4a4a; }
svg.chart text.nm { font-style: italic; fill: #4a4a4a; }
details.data summary, details.org-group summary { cursor: pointer; padding: .3rem 0; }
details.data summary { font-size: .88rem; color: #00204c; }
.legend-inline span { margin-right: 1.2rem; white-space: nowrap; }
.map-layout { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
svg.map { width: 560px; max-width: 100%; height: auto; }
svg.map .attribution { font: 11px system-ui, sans-serif; fill: #1a1a1a; }
svg.map path.municipality:hover { stroke: #000; stroke-width: 1.2; }
table.legend td, table.legend th { vertical-align: middle; }
table.legend svg { display: block; }
p.attribution { font-size: .85rem; color: #333; }
ul.failing, ul.explained { margin: 0; padding-left: 1rem; font-size: .88rem; }
ul.failing code { font-size: .82rem; }
.org-table .not_met { color: #1a1a1a; }
.org-table .error, .org-table .not_measured { color: #4a4a4a; }
footer { margin-top: 2.5rem; font-size: .85rem; color: #333; border-top: 1px solid #d0d0d0; padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  .map-section { break-before: page; break-after: page; }
  .scroll { overflow: visible; }
  tr.type-row th { background: none; border-bottom: 2px solid #1a1a1a; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: block; }
  svg.map path.municipality:hover { stroke-width: .35; }
}
`;
