// The per-organisation part of the HTML report: one collapsible group per organisation type, a
// row per organisation with its standards, failing tests per domain and explanations, and a cap
// on the domains listed for organisations with very many findings.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderHtmlReport } from "../../../src/report/html/render-html.ts";
import { elements, textOf } from "../../helpers/html-scan.ts";
import { fixtureReport, municipalitiesFromTopojson } from "../../helpers/report-fixture.ts";

function section(doc: string): string {
  return /<section id="organisations"[\s\S]*?<\/section>/.exec(doc)?.[0] ?? "";
}

describe("the per-organisation table", () => {
  const report = fixtureReport({ municipalities: municipalitiesFromTopojson() });
  const doc = section(renderHtmlReport(report, { lang: "en" }));
  const groups = elements(doc, "details").filter((d) => d.attrs["class"] === "org-group");

  it("groups the organisations by type, in the summary's order, each group collapsed", () => {
    assert.deepEqual(groups.map((g) => g.attrs["data-type"]), report.byType.map((t) => t.organisationType));
    for (const g of groups) assert.equal(g.attrs["open"], undefined);
    assert.match(textOf(groups[0]!.inner), /^Municipalities — organisations: 342, of which meeting every measured standard: 57/);
  });

  it("has one row per organisation, sorted by name", () => {
    const rows = elements(groups[0]!.inner, "tr").slice(1);
    assert.equal(rows.length, 342);
    const names = rows.map((r) => textOf(elements(r.inner, "th")[0]?.inner ?? ""));
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, "nl")));
  });

  it("shows the standards met, the failing tests per domain and the explanations", () => {
    const row = elements(groups[3]!.inner, "tr").find((r) => r.inner.includes("Binnenlandse Zaken"));
    assert.ok(row);
    const text = textOf(row.inner);
    assert.match(text, /1 of 4 measured/);
    assert.match(text, /Not met: IPv6 website, DNSSEC mail domain, IPv6 mail name servers/);
    assert.match(text, /Not measured: HTTPS/);
    assert.match(text, /min-bzk\.example\.nl: web_ipv6_ns_address \(bad\), mail_dnssec_mailto_exist \(bad\), mail_ipv6_ns_address \(bad\)/);
    const explainedRow = elements(groups[0]!.inner, "tr").find((r) => r.inner.includes("Explained: IPv6 website"));
    assert.ok(explainedRow);
    assert.match(textOf(explainedRow.inner), /web_ipv6_ns_address on [\w.]+: "Migratie naar nieuwe hoster <in 2026>" \(until 30 June 2026, by CIO & team\)/);
  });

  it("lists at most 25 domains with findings per organisation and counts the rest", () => {
    const big = fixtureReport({ municipalities: [] });
    const org = big.organisations.find((o) => o.key === "min-bzk")!;
    org.domains = Array.from({ length: 40 }, (_x, i) => `d${i}.example.nl`);
    org.failing = org.domains.map((domain) => ({ domain, testId: "web_dnssec_exist", verdict: "unsigned", reason: "no DNSKEY" }));
    const out = section(renderHtmlReport(big, { lang: "en" }));
    const row = elements(out, "tr").find((r) => r.inner.includes("Binnenlandse Zaken"))!;
    assert.equal((row.inner.match(/<span class="domain">/g) ?? []).length, 25);
    assert.match(textOf(row.inner), /and more domains with failing tests: 15/);
  });
});
