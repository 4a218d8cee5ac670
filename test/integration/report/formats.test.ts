// The text formats of one report: CSV (RFC 4180 with a BOM) parses back with csv-parse to the same
// numbers as the JSON, the JSON carries its schema version and level, and the terminal table shows
// the shares, counts and changes in both languages.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { buildReport } from "../../../src/report/build-report.ts";
import { CSV_COLUMNS, renderCsv } from "../../../src/report/formats/csv.ts";
import { renderJson, REPORT_JSON_SCHEMA_VERSION } from "../../../src/report/formats/json.ts";
import { renderTable } from "../../../src/report/formats/table.ts";
import type { Report, Tally } from "../../../src/report/model.ts";
import { complianceShare } from "../../../src/report/model.ts";
import { BEE_NAME, EXPLANATION, reportFixture, TEST_PROFILE } from "./report-fixture.ts";
import type { ReportFixture } from "./report-fixture.ts";

type Row = Record<string, string>;

function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const records = parse(text, { bom: true }) as string[][];
  const [header, ...data] = records;
  return { header: header!, rows: data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

function num(v: string | undefined): number | null {
  return v === undefined || v === "" ? null : Number(v);
}

function round(v: number | null, d: number): number | null {
  return v === null ? null : Number(v.toFixed(d));
}

describe("report formats", () => {
  let f: ReportFixture;
  let report: Report;
  before(async () => {
    f = await reportFixture();
    report = await buildReport(f.store, { profile: TEST_PROFILE, includeDomains: true });
  });
  after(async () => f.dispose());

  it("writes CSV as RFC 4180 in UTF-8 with a byte-order mark and CRLF line ends, quoting where needed", () => {
    const csv = renderCsv(report, "org");
    assert.ok(csv.startsWith("\uFEFFrun_id,"));
    assert.ok(csv.endsWith("\r\n"));
    assert.equal(csv.replace(/\r\n/g, "").includes("\n"), false);
    assert.ok(csv.includes(`,"Gemeente ""Bee"", Noord",`));
  });

  it("by type: the CSV parses back to the JSON report's numbers, one row per (type, standard)", () => {
    const { header, rows } = parseCsv(renderCsv(report, "type"));
    assert.deepEqual(header, CSV_COLUMNS.type);
    const json = JSON.parse(renderJson(report, "type")) as Pick<Report, "byType" | "standards"> & { schemaVersion: number; level: string };
    assert.equal(rows.length, json.byType.length * json.standards.length);
    let i = 0;
    for (const t of json.byType) {
      for (const s of t.standards) {
        const r = rows[i++]!;
        assert.equal(r.organisation_type, t.organisationType);
        assert.equal(r.standard_id, s.standardId);
        assert.equal(num(r.type_domains), t.domains);
        assert.equal(num(r.type_organisations), t.organisations);
        const check = (prefix: "domains" | "organisations", tally: Tally) => {
          assert.deepEqual([r[`${prefix}_met`], r[`${prefix}_explained`], r[`${prefix}_not_met`], r[`${prefix}_error`], r[`${prefix}_not_measured`], r[`${prefix}_total`]].map(num),
            [tally.met, tally.explained, tally.notMet, tally.error, tally.notMeasured, tally.total]);
          assert.equal(num(r[`${prefix}_share`]), round(complianceShare(tally), 6));
        };
        check("domains", s.domains);
        check("organisations", s.organisations);
        assert.equal(num(r.previous_domains_share), round(complianceShare(s.previous!.domains), 6));
        assert.equal(r.not_measured, String(json.standards.find((x) => x.id === s.standardId)!.notMeasured));
      }
    }
    const dnssec = rows.find((r) => r.organisation_type === "gemeente" && r.standard_id === "web-dnssec")!;
    assert.equal(num(dnssec.domains_share), 0.75);
    assert.equal(num(dnssec.domains_change_pp), -25);
    assert.equal(num(dnssec.organisations_change_pp), -50);
    assert.equal(num(dnssec.compare_run_id), f.runIds[0]);
    const https = rows.find((r) => r.organisation_type === "gemeente" && r.standard_id === "web-https")!;
    assert.equal(https.not_measured, "true");
    assert.equal(https.domains_share, "");
  });

  it("by organisation and by domain: one row per (organisation, standard) and per (domain, test), matching the JSON", () => {
    const org = parseCsv(renderCsv(report, "org"));
    assert.deepEqual(org.header, CSV_COLUMNS.org);
    const orgJson = JSON.parse(renderJson(report, "org")) as Pick<Report, "organisations">;
    assert.equal(org.rows.length, orgJson.organisations.reduce((n, o) => n + o.standards.length, 0));
    for (const r of org.rows) {
      const o = orgJson.organisations.find((x) => x.key === r.organisation_key)!;
      const s = o.standards.find((x) => x.standardId === r.standard_id)!;
      assert.deepEqual([r.organisation_name, r.state, num(r.domains_met), num(r.domains_measured), num(r.domains)], [o.name, s.state, s.domainsMet, s.domainsMeasured, o.domains.length]);
    }
    const bee = org.rows.find((r) => r.organisation_key === "gm0002" && r.standard_id === "mail-dnssec")!;
    assert.equal(bee.organisation_name, BEE_NAME);
    assert.equal(bee.organisation_codes, "cbs:GM0002");
    assert.equal(bee.explained_tests, "bee.nl mail_dnssec_mailto_valid bogus");
    assert.equal(org.rows.find((r) => r.organisation_key === "gm0001" && r.standard_id === "web-dnssec")!.failing_tests, "aa-web.nl web_dnssec_valid bogus");

    const domain = parseCsv(renderCsv(report, "domain"));
    assert.deepEqual(domain.header, CSV_COLUMNS.domain);
    assert.equal(domain.rows.length, report.domains!.reduce((n, d) => n + d.tests.length, 0));
    const explained = domain.rows.filter((r) => r.explained === "true");
    assert.deepEqual(explained.map((r) => [r.domain, r.test_id, r.status, r.explanation_reason, r.explanation_until, r.explanation_by]),
      [[EXPLANATION.domain, EXPLANATION.testId, "failed", EXPLANATION.reason, EXPLANATION.until, EXPLANATION.by]]);
    assert.equal(domain.rows.find((r) => r.domain === "shared.nl")!.organisation_keys, "pv01; gm0003");
  });

  it("gives JSON the part of the report for the level, with the schema version", () => {
    const type = JSON.parse(renderJson(report, "type")) as Record<string, unknown>;
    assert.equal(type.schemaVersion, REPORT_JSON_SCHEMA_VERSION);
    assert.deepEqual(Object.keys(type), ["schemaVersion", "level", "meta", "standards", "byType", "trend"]);
    assert.deepEqual(type.byType, report.byType);
    assert.deepEqual(Object.keys(JSON.parse(renderJson(report, "org")) as object), ["schemaVersion", "level", "meta", "standards", "organisations"]);
    assert.deepEqual((JSON.parse(renderJson(report, "domain")) as { domains: unknown }).domains, report.domains);
  });

  it("prints the opening table by type with shares, counts and changes in Dutch and English", () => {
    const nl = renderTable(report, "type", "nl");
    assert.match(nl, /^Gemeenten — 3 organisaties, 5 domeinen$/m);
    assert.match(nl, /^ {2}DNSSEC \(website\) +75,0% +3\/4 +-25,0 +50,0% +1\/2 +-50,0 +fouten: 1$/m);
    assert.match(nl, /^ {2}HTTPS +niet gemeten$/m);
    assert.match(nl, /^ {2}DNSSEC \(e-mail\) +100,0% +2\/2 +0,0 +100,0% +2\/2 +0,0 +uitgelegd: 1$/m);
    assert.match(nl, /^domeinen zonder organisatie — 1 domein$/m);
    const en = renderTable(report, "type", "en");
    assert.match(en, /^Municipalities — 3 organisations, 5 domains$/m);
    assert.match(en, /^ {2}DNSSEC \(website\) +75\.0% +3\/4 +-25\.0 +50\.0% +1\/2 +-50\.0 +errors: 1$/m);
    assert.match(en, /compared with run 1/);
  });

  it("prints organisations and domains as readable blocks", () => {
    const org = renderTable(report, "org", "en");
    assert.match(org, /^Gemeente Aa · gemeente · cbs GM0001 · 2 domains$/m);
    assert.match(org, /^ {2}DNSSEC \(website\) +not met +1\/2$/m);
    assert.match(org, /^ {4}aa-web\.nl +web_dnssec_valid +bogus +bogus \(reason\)$/m);
    assert.match(org, /^ {4}bee\.nl +mail_dnssec_mailto_valid +bogus +"new signer in May" \(until 2024-12-31, by CISO Bee\)$/m);
    const domain = renderTable(report, "domain", "nl");
    assert.match(domain, /^shared\.nl — Provincie Pee — Gemeente Cee$/m);
    assert.match(domain, /^ {2}web +web_dnssec_valid +error +lookup_error +lookup_error \(reason\)$/m);
  });
});
