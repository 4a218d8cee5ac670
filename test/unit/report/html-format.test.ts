// The small pieces every section relies on: escaping by the `html` tag, and numbers, shares,
// changes and dates in each language.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatChange, formatDateTime, formatShare } from "../../../src/report/html/format.ts";
import { escapeHtml, html, trusted } from "../../../src/report/html/safe-html.ts";
import { tallyText } from "../../../src/report/html/tally-text.ts";

describe("the html tag", () => {
  it("escapes every interpolated text, in content and in attributes", () => {
    const name = `<img src=x onerror="alert(1)"> & 'x'`;
    const out = html`<p title="${name}">${name}</p>`.value;
    assert.equal(out, `<p title="${escapeHtml(name)}">${escapeHtml(name)}</p>`);
    assert.ok(!out.includes("<img"));
    assert.equal(escapeHtml(`<&>"'`), "&lt;&amp;&gt;&quot;&#39;");
  });

  it("keeps nested fragments and trusted markup, renders lists, and leaves out null/false", () => {
    const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
    assert.equal(html`<ul>${items}</ul>${null}${false}${undefined}${0}`.value, "<ul><li>a&lt;b</li><li>c</li></ul>0");
    assert.equal(html`${trusted("<br>")}`.value, "<br>");
  });
});

describe("formats", () => {
  it("prints shares per language with at most one decimal", () => {
    assert.equal(formatShare(0.875, "nl"), "87,5%");
    assert.equal(formatShare(0.875, "en"), "87.5%");
    assert.equal(formatShare(1, "en"), "100%");
    assert.equal(formatShare(2 / 3, "en"), "66.7%");
  });

  it("prints a missing share as not measured, never as 0 %", () => {
    assert.equal(formatShare(null, "nl"), "niet gemeten");
    assert.equal(formatShare(null, "en"), "not measured");
    const nothingJudged = { met: 0, explained: 0, notMet: 0, error: 3, notMeasured: 2, total: 5 };
    assert.equal(tallyText(nothingJudged, "en"), "not measured");
    assert.equal(tallyText({ met: 2, explained: 1, notMet: 1, error: 4, notMeasured: 0, total: 8 }, "en"), "75% (3 of 4)");
  });

  it("prints changes in percentage points, and none without a comparison", () => {
    assert.equal(formatChange(0.75, 0.5, "en"), "+25 pp");
    assert.equal(formatChange(0.5, 0.625, "nl"), "−12,5 %-punt");
    assert.equal(formatChange(0.5, 0.5, "en"), "unchanged");
    assert.equal(formatChange(null, 0.5, "en"), null);
    assert.equal(formatChange(0.5, null, "en"), null);
  });

  it("prints times in UTC and says so", () => {
    assert.equal(formatDateTime("2025-03-01T12:34:56Z", "nl"), "1 maart 2025 om 12:34 UTC");
    assert.equal(formatDateTime("2025-03-01T12:34:56Z", "en"), "1 March 2025 at 12:34 UTC");
    assert.equal(formatDateTime("not a date", "en"), "not a date");
  });
});
