// The municipality map: every municipality of the boundaries file drawn exactly once, joined to
// the report on its CBS code, coloured by the profile's class rules with a fill the legend
// shows, a title per municipality, "no data" apart from every value, and the attribution.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { renderHtmlReport } from "../../../src/report/html/render-html.ts";
import { ESCAPE_PROBE_NAME, MUNICIPALITY_PATTERNS, TOPOJSON_PATH, fixtureReport, municipalitiesFromTopojson } from "../../helpers/report-fixture.ts";
import { legendEntries, municipalityPaths, textOf } from "../../helpers/html-scan.ts";

const all = municipalitiesFromTopojson();
const topoCodes = all.map((m) => m.code);

/** The class the standards profile must give pattern p (4 measured standards, p of them met). */
const STANDARDS_CLASS: Record<number, string> = { 4: "share-100", 3: "share-75", 2: "share-50", 1: "share-25", 0: "share-0", [-1]: "no-data" };

describe("the municipality map", () => {
  const doc = renderHtmlReport(fixtureReport({ municipalities: all }), { lang: "nl" });
  const paths = municipalityPaths(doc);
  const legend = legendEntries(doc);

  it("draws each of the 342 municipalities of the boundaries file exactly once", () => {
    assert.equal(topoCodes.length, 342);
    assert.deepEqual(paths.map((p) => p.code).sort(), [...topoCodes].sort());
    assert.equal(new Set(paths.map((p) => p.code)).size, paths.length);
    for (const p of paths) assert.match(p.d, /^M[\d.,LMZ-]+Z$/, `${p.code} has no outline`);
  });

  it("colours each one by the share of its measured standards met, with a fill from the legend", () => {
    const fillByClass = new Map(legend.map((l) => [l.cls, l.fill]));
    assert.equal(legend.length, 6);
    assert.equal(new Set(legend.map((l) => l.fill)).size, 6, "every class has its own fill");
    all.forEach((m, i) => {
      const p = paths.find((x) => x.code === m.code)!;
      assert.equal(p.cls, STANDARDS_CLASS[MUNICIPALITY_PATTERNS[i % MUNICIPALITY_PATTERNS.length]!], m.code);
      assert.equal(p.fill, fillByClass.get(p.cls), `${m.code} fill`);
    });
  });

  it("counts the municipalities per class in the legend", () => {
    for (const l of legend) assert.equal(l.count, paths.filter((p) => p.cls === l.cls).length, l.cls);
    assert.equal(legend.reduce((n, l) => n + l.count, 0), 342);
  });

  it("gives each municipality a title with its name, value and what fails", () => {
    for (const p of paths) assert.ok(p.title.includes(`(${p.code}): `), p.title);
    const utrecht = paths.find((p) => p.code === all[1]!.code)!; // pattern 3 of 4
    assert.match(utrecht.title, /3 van 4 gemeten standaarden voldaan \(75%\)\. Voldoet niet: IPv6 naamservers e-mail\. Falende tests: mail_ipv6_ns_address$/);
    const nothing = paths.find((p) => p.code === all[5]!.code)!; // pattern -1: every standard in error
    assert.match(nothing.title, /: niet gemeten\. Fout: /);
  });

  it("shows the no-data class hatched, not as a value of the scale", () => {
    const noData = legend.find((l) => l.cls === "no-data");
    assert.ok(noData);
    assert.match(noData.fill, /^url\(#[\w-]+\)$/);
    assert.match(doc, /<pattern id="ml-no-data"/);
  });

  it("shows the attribution CBS/PDOK", () => {
    const section = /<section id="map"[\s\S]*?<\/section>/.exec(doc)?.[0] ?? "";
    assert.ok(textOf(section).includes("CBS/PDOK"));
    assert.match(section, /<p class="attribution">[^<]*CBS\/PDOK/);
  });

  it("rounds path coordinates to one decimal", () => {
    for (const p of paths) assert.doesNotMatch(p.d, /\d\.\d\d/, p.code);
  });

  it("has a table of all municipalities as text alternative", () => {
    const table = /<table class="municipality-table">([\s\S]*?)<\/table>/.exec(doc)?.[1] ?? "";
    assert.equal((table.match(/<tr>/g) ?? []).length, 343, "a header row and 342 municipalities");
  });
});

describe("municipalities the report does not cover", () => {
  const doc = renderHtmlReport(fixtureReport(), { lang: "en" }); // 6 municipalities, one named with <&
  const paths = municipalityPaths(doc);

  it("are drawn as no data, said to be not in the report", () => {
    assert.equal(paths.length, 342);
    const absent = paths.filter((p) => p.title.includes("not in this report"));
    assert.equal(absent.length, 336);
    for (const p of absent) assert.equal(p.cls, "no-data");
  });

  it("escape the names in the titles", () => {
    const probe = paths.find((p) => p.code === "GM0518")!;
    assert.ok(probe.title.startsWith(`${ESCAPE_PROBE_NAME} (GM0518)`));
    assert.ok(!doc.includes(`<title>${ESCAPE_PROBE_NAME}`));
  });

  it("are listed when their code is not on the 2025 map", () => {
    const doc2 = renderHtmlReport(fixtureReport({ municipalities: [{ code: "GM0501", name: "Gemeente Brielle" }, { code: "GM0014", name: "Gemeente Groningen" }] }), { lang: "en" });
    assert.match(textOf(doc2), /Not on the map of 2025 \(merged or renamed\), municipalities of the report: Gemeente Brielle \(GM0501\)\./);
    assert.equal(municipalityPaths(doc2).length, 342);
  });

  it("leave out the map when the report has no municipalities at all", () => {
    const doc3 = renderHtmlReport(fixtureReport({ municipalities: [] }), { lang: "en" });
    assert.equal(municipalityPaths(doc3).length, 0);
    assert.ok(textOf(doc3).includes("This report has no municipalities with a CBS code, so there is no map."));
  });
});

describe("other kinds of profile", () => {
  it("score: coloured by score class", () => {
    const doc = renderHtmlReport(fixtureReport({ kind: "score", municipalities: all }), { lang: "en" });
    const paths = municipalityPaths(doc);
    const expected: Record<number, string> = { 4: "score-100", 3: "score-90", 2: "score-70", 1: "score-50", 0: "score-0", [-1]: "no-data" };
    all.forEach((m, i) => assert.equal(paths.find((p) => p.code === m.code)?.cls, expected[MUNICIPALITY_PATTERNS[i % 6]!]));
    assert.deepEqual(legendEntries(doc).map((l) => l.label), ["0 to under 50", "50 to under 70", "70 to under 90", "90 to under 100", "100", "no data / not measured"]);
  });

  it("severity: coloured by the worst finding", () => {
    const doc = renderHtmlReport(fixtureReport({ kind: "severity", municipalities: all }), { lang: "nl" });
    const paths = municipalityPaths(doc);
    const expected: Record<number, string> = { 4: "severity-none", 3: "severity-low", 2: "severity-low", 1: "severity-medium", 0: "severity-high", [-1]: "no-data" };
    all.forEach((m, i) => assert.equal(paths.find((p) => p.code === m.code)?.cls, expected[MUNICIPALITY_PATTERNS[i % 6]!]));
    assert.deepEqual(legendEntries(doc).map((l) => l.cls), ["severity-high", "severity-medium", "severity-low", "severity-none", "no-data"]);
  });
});

describe("the boundaries file", () => {
  it("is the shared CBS/PDOK file with its source recorded", () => {
    const here = readFileSync(TOPOJSON_PATH, "utf8");
    assert.ok(here.length > 100_000);
    const sources = readFileSync(new URL("../../../data/geo/SOURCES.md", import.meta.url), "utf8");
    assert.match(sources, /CBS\/PDOK/);
    assert.match(sources, /CC BY 4\.0/);
  });
});
