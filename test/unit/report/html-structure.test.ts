// The HTML report's structure on a fixture Report: self-contained (CSP meta, no scripts, nothing
// that loads), escaped data, both languages, headings in order, a caption for every figure,
// and "not measured" shown as such — never as a share.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LABEL_CATALOGUES } from "../../../src/report/i18n.ts";
import { REPORT_CSP, renderHtmlReport } from "../../../src/report/html/render-html.ts";
import { ESCAPE_PROBE_NAME, ESCAPE_PROBE_REASON, fixtureReport } from "../../helpers/report-fixture.ts";
import { elements, startTags, textOf } from "../../helpers/html-scan.ts";

const nl = renderHtmlReport(fixtureReport({ compare: true }), { lang: "nl" });
const en = renderHtmlReport(fixtureReport({ compare: true }), { lang: "en" });

describe("the HTML report is self-contained", () => {
  for (const [lang, doc] of [["nl", nl], ["en", en]] as const) {
    it(`(${lang}) declares the strict Content-Security-Policy before anything else loads`, () => {
      const metas = startTags(doc, "meta").filter((m) => m.attrs["http-equiv"]?.toLowerCase() === "content-security-policy");
      assert.equal(metas.length, 1);
      assert.equal(metas[0]!.attrs["content"], "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      assert.equal(REPORT_CSP, metas[0]!.attrs["content"]);
      assert.ok(metas[0]!.index < doc.indexOf("<style"), "the CSP comes before the stylesheet");
    });

    it(`(${lang}) has no scripts, and every src/href stays inside the document`, () => {
      assert.equal(startTags(doc, "script").length, 0);
      assert.equal(startTags(doc, "link").length, 0);
      const refs = startTags(doc).flatMap((t) => Object.entries(t.attrs).filter(([k]) => ["src", "href", "xlink:href", "action", "srcset", "poster", "data", "background"].includes(k)).map(([k, v]) => `${t.name} ${k}=${v}`));
      assert.ok(refs.length > 0, "the table of contents links to the sections");
      for (const ref of refs) assert.match(ref, /=#[\w-]+$/, `${ref} leaves the document`);
      for (const m of doc.matchAll(/url\(([^)]*)\)/g)) assert.match(m[1]!, /^#[\w-]+$/, `url(${m[1]}) loads something`);
      assert.doesNotMatch(doc, /@import|@font-face/);
      // The only "://" in the file is the SVG namespace name, which is an identifier, not a request.
      assert.doesNotMatch(doc.replaceAll('xmlns="http://www.w3.org/2000/svg"', ""), /:\/\//);
    });

    it(`(${lang}) states its language`, () => {
      assert.equal(startTags(doc, "html")[0]?.attrs["lang"], lang);
      assert.match(doc, /^<!DOCTYPE html>\n<html lang=/);
      assert.equal(startTags(doc, "meta").filter((m) => m.attrs["charset"] === "utf-8").length, 1);
    });
  }
});

describe("text from the data is escaped", () => {
  it("shows names, reasons, explanations and profile texts with <&\"' as text", () => {
    for (const doc of [nl, en]) {
      assert.ok(!doc.includes(ESCAPE_PROBE_NAME), "the raw name must not appear");
      assert.ok(doc.includes("Gemeente &lt;b&gt;&quot;Dubbel&quot;&lt;/b&gt; &amp; &#39;Co&#39;"));
      assert.ok(!doc.includes(ESCAPE_PROBE_REASON));
      assert.ok(doc.includes("record &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"));
      assert.ok(doc.includes("Migratie naar nieuwe hoster &lt;in 2026&gt;"));
      assert.ok(doc.includes("Forum Standaardisatie, &quot;pas toe of leg uit&quot; &lt;lijst&gt;"));
      assert.equal(startTags(doc, "b").length, 0);
    }
  });
});

describe("both languages", () => {
  const sectionKeys = Object.keys(LABEL_CATALOGUES.en).filter((k) => k.startsWith("section."));
  it("titles every section in the report's language", () => {
    for (const key of sectionKeys) {
      assert.ok(nl.includes(`>${LABEL_CATALOGUES.nl[key]}</h2>`), `nl ${key}`);
      assert.ok(en.includes(`>${LABEL_CATALOGUES.en[key]}</h2>`), `en ${key}`);
      assert.ok(!en.includes(`>${LABEL_CATALOGUES.nl[key]}</h2>`), `en shows the Dutch ${key}`);
    }
  });

  it("uses the profile's and standards' own titles per language", () => {
    assert.ok(nl.includes("DNSSEC e-maildomein") && !nl.includes("DNSSEC mail domain"));
    assert.ok(en.includes("DNSSEC mail domain") && !en.includes("DNSSEC e-maildomein"));
    assert.ok(nl.includes("Testprofiel &lt;&amp;&gt;") && en.includes("Test profile &lt;&amp;&gt;"));
  });

});

describe("accessible structure", () => {
  for (const [lang, doc] of [["nl", nl], ["en", en]] as const) {
    it(`(${lang}) has one h1 and headings that never skip a level`, () => {
      const levels = [...doc.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      assert.equal(levels[0], 1);
      assert.equal(levels.filter((l) => l === 1).length, 1);
      for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `h${levels[i - 1]} followed by h${levels[i]}`);
    });

    it(`(${lang}) gives every figure a caption and every chart a text alternative`, () => {
      const figures = elements(doc.replace(/<figure/g, "\n<figure"), "figure");
      assert.ok(figures.length >= 10);
      for (const f of figures) assert.notEqual(textOf(elements(f.inner, "figcaption")[0]?.inner ?? ""), "");
      const ids = new Set(startTags(doc).map((t) => t.attrs["id"]).filter(Boolean));
      const charts = startTags(doc, "svg").filter((s) => /\b(chart|map)\b/.test(s.attrs["class"] ?? ""));
      assert.ok(charts.length >= 5);
      for (const svg of charts) {
        assert.equal(svg.attrs["role"], "img");
        assert.ok(ids.has(svg.attrs["aria-labelledby"] ?? ""), `${svg.attrs["aria-labelledby"]} is not an element`);
      }
    });

    it(`(${lang}) has print styles with a page of its own for the map`, () => {
      assert.match(doc, /@media print \{[\s\S]*\.map-section \{ break-before: page; break-after: page; \}/);
    });
  }
});

describe("not measured is shown as such", () => {
  const notMeasured = LABEL_CATALOGUES.nl["common.notMeasured"]!;
  it("in the summary: the standard none of whose tests ran has no share", () => {
    const rows = elements(nl, "tr").filter((r) => r.attrs["class"] === "not-measured" && r.inner.includes(">HTTPS<"));
    assert.ok(rows.length >= 4, "one HTTPS row per organisation type");
    for (const row of rows) {
      const text = textOf(row.inner);
      assert.ok(text.includes(notMeasured), text);
      assert.doesNotMatch(text, /\d\s?%/, `a share in ${text}`);
    }
  });

  it("in the bar charts: a caption instead of bars", () => {
    const figure = elements(nl.replace(/<figure/g, "\n<figure"), "figure").find((f) => f.inner.includes("<strong>HTTPS</strong>") && !f.inner.includes("trend"));
    assert.ok(figure);
    assert.ok(textOf(figure.inner).includes(notMeasured));
    assert.equal(startTags(figure.inner, "rect").length, 0);
  });

  it("in the trend: a run in which a standard was not measured breaks its line instead of dropping to 0 %", () => {
    const figure = elements(nl.replace(/<figure/g, "\n<figure"), "figure").find((f) => f.attrs["class"]?.includes("trend-figure") && f.inner.includes("IPv6 naamservers e-mail"));
    assert.ok(figure);
    const lines = startTags(figure.inner, "polyline");
    assert.equal(lines.length, 2, "organisations and domains");
    for (const line of lines) assert.equal(line.attrs["points"]?.split(" ").length, 2, "3 runs, the first not measured");
  });

  it("in the per-organisation table: an organisation with nothing measured says so", () => {
    const row = elements(nl, "tr").find((r) => r.inner.includes("Gemeente Rotterdam"));
    assert.ok(row);
    assert.ok(textOf(row.inner).includes(notMeasured));
    assert.doesNotMatch(textOf(row.inner), /\d\s?%/);
  });
});

describe("the trend", () => {
  it("says there is no trend yet when the store has one run, and still shows its figures", () => {
    const doc = renderHtmlReport(fixtureReport({ trendRuns: 1 }), { lang: "en" });
    const section = /<section id="trend"[\s\S]*?<\/section>/.exec(doc)?.[0] ?? "";
    assert.ok(section.includes("There is only one run in the store"));
    assert.equal(startTags(section, "polyline").length, 0);
    assert.ok(startTags(section, "table").length === 1);
  });

  it("draws a line per series and standard over several runs", () => {
    const doc = renderHtmlReport(fixtureReport({ trendRuns: 4 }), { lang: "en" });
    const section = /<section id="trend"[\s\S]*?<\/section>/.exec(doc)?.[0] ?? "";
    // 4 measured standards x 2 series; HTTPS was never measured.
    assert.equal(startTags(section, "polyline").length, 8);
    assert.ok(section.includes("Not measured in any run."));
  });
});

describe("bar charts", () => {
  it("write each bar's value as text beside it", () => {
    const figure = elements(en.replace(/<figure/g, "\n<figure"), "figure").find((f) => f.inner.includes("<strong>DNSSEC website</strong>"));
    assert.ok(figure);
    const svg = /<svg[\s\S]*<\/svg>/.exec(figure.inner)?.[0] ?? "";
    const bars = startTags(svg, "rect").filter((r) => r.attrs["class"] === "bar");
    assert.equal(bars.length, 8, "4 organisation types x organisations and domains");
    const values = elements(svg, "text").map((t) => textOf(t.inner)).filter((t) => /\(\d+ of \d+\)$/.test(t));
    assert.equal(values.length, bars.length);
  });
});
