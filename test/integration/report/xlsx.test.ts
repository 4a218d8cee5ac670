// The XLSX report read back by two independent readers — exceljs, and Python's openpyxl
// (Debian's python3-openpyxl; test/setup/install-report-tools.sh installs it) — with the same
// numbers as the JSON report: shares stored as numbers with a percentage format, counts as
// numbers, frozen header rows, auto filters, readable widths.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { buildReport } from "../../../src/report/build-report.ts";
import { renderJson } from "../../../src/report/formats/json.ts";
import { typeWord, word } from "../../../src/report/formats/words.ts";
import { writeXlsx } from "../../../src/report/formats/xlsx.ts";
import type { Report } from "../../../src/report/model.ts";
import { complianceShare } from "../../../src/report/model.ts";
import { reportFixture, TEST_PROFILE } from "./report-fixture.ts";
import type { ReportFixture } from "./report-fixture.ts";

const READER = new URL("../../helpers/read-xlsx.py", import.meta.url).pathname;

/** A Python that has openpyxl: Debian's first (a pyenv or venv python earlier in PATH may lack it). */
function pythonWithOpenpyxl(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(python, ["-c", "import openpyxl"], { timeout: 30_000 }).status === 0) return python;
  }
  return undefined;
}

const PYTHON = pythonWithOpenpyxl();

interface OpenpyxlSheet {
  title: string;
  freeze: string | null;
  autoFilter: string | null;
  widths: (number | null)[];
  rows: (string | number | boolean | null)[][];
  formats: (string | null)[][];
}

describe("XLSX report", () => {
  let f: ReportFixture;
  let report: Report;
  let dir: string;
  let path: string;
  before(async () => {
    f = await reportFixture();
    report = await buildReport(f.store, { profile: TEST_PROFILE, includeDomains: true });
    dir = mkdtempSync(join(tmpdir(), "meetlat-xlsx-"));
    path = join(dir, "report.xlsx");
    await writeXlsx(report, path, "nl");
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await f.dispose();
  });

  it("leaves only the finished file (written under a temporary name, then renamed)", () => {
    assert.deepEqual(readdirSync(dir), ["report.xlsx"]);
  });

  it("opens with exceljs: one sheet per level, frozen bold header rows, filters, widths, numbers as numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    assert.deepEqual(wb.worksheets.map((s) => s.name), [word("sheetSummary", "nl"), word("sheetOrganisations", "nl"), word("sheetDomains", "nl"), word("sheetAbout", "nl")]);
    const summary = wb.worksheets[0]!;
    assert.equal(summary.views[0]?.state, "frozen");
    assert.equal((summary.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(summary.getRow(1).getCell(1).font?.bold, true);
    assert.ok(summary.autoFilter, "the summary sheet has an auto filter");
    const headers = (summary.getRow(1).values as unknown[]).slice(1) as string[];
    const shareColumn = headers.indexOf(word("shareDomains", "nl")) + 1;
    const cell = summary.getRow(2).getCell(shareColumn);
    assert.equal(typeof cell.value, "number");
    assert.equal(cell.numFmt, "0.0%");
    headers.forEach((h, i) => assert.ok((summary.getColumn(i + 1).width ?? 0) >= Math.min(h.length, 40), `column "${h}" is wide enough`));
    // The domains sheet: every test of every domain.
    assert.equal(wb.worksheets[2]!.rowCount, 1 + report.domains!.reduce((n, d) => n + d.tests.length, 0));
  });

  it("opens with openpyxl with the JSON report's numbers", { skip: PYTHON || process.env.CI ? false : "python3 with openpyxl is not installed (sudo bash test/setup/install-report-tools.sh)" }, () => {
    // In CI a missing reader fails here instead of skipping, as for PostgreSQL.
    assert.ok(PYTHON, "python3 with openpyxl is not installed (bash test/setup/install-report-tools.sh)");
    const out = spawnSync(PYTHON!, [READER, path], { encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
    assert.equal(out.status, 0, out.stderr);
    const sheets = (JSON.parse(out.stdout) as { sheets: OpenpyxlSheet[] }).sheets;
    assert.deepEqual(sheets.map((s) => s.title), [word("sheetSummary", "nl"), word("sheetOrganisations", "nl"), word("sheetDomains", "nl"), word("sheetAbout", "nl")]);
    for (const s of sheets) {
      assert.equal(s.freeze, "A2", `${s.title}: header row frozen`);
      assert.match(s.autoFilter ?? "", new RegExp(`^A1:[A-Z]+${s.rows.length}$`), `${s.title}: filter over all rows`);
      assert.ok(s.widths.every((w) => w !== null && w >= 8), `${s.title}: column widths set`);
    }

    const json = JSON.parse(renderJson(report, "type")) as Report;
    const [summary, organisations, domains] = sheets as [OpenpyxlSheet, OpenpyxlSheet, OpenpyxlSheet];
    const col = (sheet: OpenpyxlSheet, header: string) => { const i = sheet.rows[0]!.indexOf(header); assert.ok(i >= 0, `column ${header}`); return i; };
    const c = {
      type: col(summary, word("organisationType", "nl")), compliant: col(summary, word("compliantDomains", "nl")), measured: col(summary, word("measuredDomains", "nl")),
      share: col(summary, word("shareDomains", "nl")), orgShare: col(summary, word("shareOrganisations", "nl")), change: col(summary, word("changeDomains", "nl")),
      orgCompliant: col(summary, word("compliantOrganisations", "nl")), explained: col(summary, word("explainedDomains", "nl")),
    };
    const expected = json.byType.flatMap((t) => t.standards.map((s) => ({ t, s })));
    assert.equal(summary.rows.length - 1, expected.length);
    expected.forEach(({ t, s }, i) => {
      const row = summary.rows[i + 1]!;
      const formats = summary.formats[i + 1]!;
      assert.equal(row[c.type], typeWord(t.organisationType, "nl"));
      assert.equal(row[c.compliant], s.domains.met + s.domains.explained);
      assert.equal(row[c.measured], s.domains.met + s.domains.explained + s.domains.notMet);
      assert.equal(row[c.share], complianceShare(s.domains));
      assert.equal(row[c.orgShare], complianceShare(s.organisations));
      assert.equal(row[c.orgCompliant], s.organisations.met + s.organisations.explained);
      assert.equal(row[c.explained], s.domains.explained);
      if (row[c.share] !== null) assert.equal(formats[c.share], "0.0%");
      const before = s.previous ? complianceShare(s.previous.domains) : null;
      const now = complianceShare(s.domains);
      assert.equal(row[c.change], now === null || before === null ? null : (now - before) * 100);
    });
    const dnssec = summary.rows.find((r) => r[c.type] === "Gemeenten" && r[1] === "DNSSEC (website)")!;
    assert.equal(dnssec[c.share], 0.75);
    assert.equal(dnssec[c.change], -25);

    const orgJson = (JSON.parse(renderJson(report, "org")) as Report).organisations;
    assert.equal(organisations.rows.length - 1, orgJson.reduce((n, o) => n + o.standards.length, 0));
    const met = col(organisations, word("compliantDomains", "nl"));
    const measured = col(organisations, word("measuredDomains", "nl"));
    const key = col(organisations, word("key", "nl"));
    let i = 1;
    for (const o of orgJson) {
      for (const s of o.standards) {
        const row = organisations.rows[i++]!;
        assert.deepEqual([row[key], row[met], row[measured]], [o.key, s.domainsMet, s.domainsMeasured]);
      }
    }
    assert.equal(domains.rows.length - 1, report.domains!.reduce((n, d) => n + d.tests.length, 0));
  });
});
