// The HTML report in a real browser: Debian's chromium (headless, offline flags, see
// test/helpers/chromium.ts) opens a report of all 342 municipalities and the other
// organisation types. The rendered DOM must have the summary table, the charts, the map with
// 342 coloured municipality paths, the legend and the attribution, and the page must log no
// blocked load or error. Screenshots (of the page and of the map) must be real pictures that
// show the map's colours. Set MEETLAT_SCREENSHOT_OUT=FILE.png to keep the map's picture;
// MEETLAT_CHROMIUM=PATH picks the browser (=none skips the test as if chromium were absent).

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { renderHtmlReport } from "../../../src/report/html/render-html.ts";
import { CIVIDIS_5 } from "../../../src/report/html/palette.ts";
import { dumpDom, findChromium, runChromium } from "../../helpers/chromium.ts";
import type { RenderedDom } from "../../helpers/chromium.ts";
import { elements, legendEntries, municipalityPaths, startTags, textOf } from "../../helpers/html-scan.ts";
import { countColour, decodePng } from "../../helpers/png.ts";
import { screenshotReport } from "../../helpers/report-screenshot.ts";
import { fixtureReport, municipalitiesFromTopojson } from "../../helpers/report-fixture.ts";

const chromium = findChromium();
// In CI (CI set) a missing chromium fails the test instead of skipping it, as for PostgreSQL.
const skip = chromium || process.env.CI ? false : "chromium is not installed (sudo bash test/setup/install-report-tools.sh); the browser test of the HTML report is skipped";

describe("the HTML report in chromium", { skip }, () => {
  const municipalities = municipalitiesFromTopojson();
  let dir = "";
  let file = "";
  let rendered: RenderedDom;

  before(async () => {
    assert.ok(chromium, "chromium is not installed (bash test/setup/install-report-tools.sh)");
    dir = mkdtempSync(join(tmpdir(), "meetlat-html-report-"));
    file = join(dir, "report.html");
    writeFileSync(file, renderHtmlReport(fixtureReport({ municipalities, compare: true, trendRuns: 4 }), { lang: "nl" }));
    rendered = await dumpDom(file, { timeoutMs: 90_000 });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loads without a blocked request, a CSP violation or an error", () => {
    assert.deepEqual(rendered.consoleMessages, []);
  });

  it("has the summary table with a group per organisation type", () => {
    const table = elements(rendered.dom, "table").find((t) => t.attrs["class"] === "summary-table");
    assert.ok(table, "summary table");
    const groups = startTags(table.inner, "tbody");
    assert.equal(groups.length, 4);
    assert.match(textOf(table.inner), /Gemeenten — organisaties: 342, domeinen: 684/);
  });

  it("has the bar charts and the trend charts", () => {
    const svgs = startTags(rendered.dom, "svg");
    assert.equal(svgs.filter((s) => s.attrs["class"] === "chart bar-chart").length, 4, "one per measured standard");
    assert.equal(svgs.filter((s) => s.attrs["class"] === "chart trend-chart").length, 5, "one per standard");
    assert.ok(startTags(rendered.dom, "polyline").length >= 8);
  });

  it("has the map with 342 municipality paths, each with a fill from the legend and a title", () => {
    const paths = municipalityPaths(rendered.dom);
    const legend = legendEntries(rendered.dom);
    assert.equal(legend.length, 6);
    const fills = new Set(legend.map((l) => l.fill));
    assert.equal(paths.length, 342);
    assert.deepEqual(new Set(paths.map((p) => p.code)), new Set(municipalities.map((m) => m.code)));
    for (const p of paths) {
      assert.ok(fills.has(p.fill), `${p.code}: fill ${p.fill} is not in the legend`);
      assert.ok(p.title.startsWith("Gemeente ") && p.title.includes(p.code), `${p.code}: title "${p.title}"`);
    }
    assert.equal(new Set(paths.map((p) => p.fill)).size, 6, "every class occurs");
  });

  it("shows the legend and the attribution CBS/PDOK", () => {
    const section = /<section id="map"[\s\S]*?<\/section>/.exec(rendered.dom)?.[0] ?? "";
    assert.ok(startTags(section, "table").some((t) => t.attrs["class"] === "legend"));
    assert.ok(textOf(section).includes("CBS/PDOK"));
  });

  it("renders real pictures: the page, and the map in the report's colours", async () => {
    const page = join(dir, "page.png");
    await screenshotReport(file, page, { width: 1280, height: 1600, timeoutMs: 90_000 });
    const pagePng = decodePng(readFileSync(page));
    assert.equal(pagePng.width, 1280);
    assert.equal(pagePng.height, 1600);
    // The top of the report is text and the summary table: dark text on white, not a blank page.
    assert.ok(countColour(pagePng, "#ffffff", 2) < 0.97 * 1280 * 1600, "the page is not blank");

    const map = process.env["MEETLAT_SCREENSHOT_OUT"] ?? join(dir, "map.png");
    await screenshotReport(file, map, { section: "map", width: 1280, height: 1500, timeoutMs: 90_000 });
    const mapPng = decodePng(readFileSync(map));
    assert.equal(mapPng.width, 1280);
    for (const colour of CIVIDIS_5) {
      // Each class covers dozens of municipalities: thousands of pixels in its colour.
      assert.ok(countColour(mapPng, colour) > 1000, `the map shows too little ${colour}`);
    }
  });

  it("kills chromium that outlives its deadline, and says so", async () => {
    await assert.rejects(runChromium(file, ["--dump-dom"], { timeoutMs: 1 }), /did not finish within 1 ms \(killed\)/);
  });
});
