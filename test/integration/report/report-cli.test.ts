// `meetlat report` and `meetlat export` end to end, in a child process, on the recorded store of
// report-fixture.ts: every format, a profile from a file, the compare option, usage errors, and
// the open-data export checked against its schema file's required fields.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { buildReport } from "../../../src/report/build-report.ts";
import { renderCsv } from "../../../src/report/formats/csv.ts";
import type { Report } from "../../../src/report/model.ts";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";
import { reportFixture, RUN2, TEST_PROFILE } from "./report-fixture.ts";
import type { ReportFixture } from "./report-fixture.ts";

const SCHEMA = JSON.parse(readFileSync(new URL("../../../docs/open-data.schema.json", import.meta.url), "utf8")) as {
  $defs: Record<string, { required: string[]; properties: Record<string, { required?: string[]; items?: { required: string[] } }> }>;
};

describe("meetlat report and meetlat export", () => {
  let f: ReportFixture;
  let dir: string;
  let profileFile: string;
  const meetlat = (...args: string[]) => runMeetlat([...args, "--database", f.location]);
  before(async () => {
    f = await reportFixture();
    dir = mkdtempSync(join(tmpdir(), "meetlat-report-cli-"));
    profileFile = join(dir, "test-profile.json");
    writeFileSync(profileFile, JSON.stringify(TEST_PROFILE));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await f.dispose();
  });

  it("prints the table by organisation type with the default profile", async () => {
    const out = await meetlat("report");
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /profiel: Forum Standaardisatie/);
    assert.match(out.stdout, /^Gemeenten — 3 organisaties, 5 domeinen$/m);
    assert.match(out.stdout, /^ {2}DNSSEC \(website\) +75,0% +3\/4 +-25,0/m);
    assert.match(out.stdout, /^ {2}HTTPS +niet gemeten$/m);
  });

  it("writes the CSV of a profile from a file, equal to the report built in-process", async () => {
    const out = await meetlat("report", "--profile-file", profileFile, "--format", "csv");
    assert.equal(out.code, 0, out.stderr);
    const report = await buildReport(f.store, { profile: TEST_PROFILE });
    assert.equal(out.stdout, renderCsv(report, "type"));
  });

  it("gives JSON per organisation for an older run, or without comparison, in English tables", async () => {
    const json = await meetlat("report", "--profile-file", profileFile, "--by", "org", "--format", "json", "--compare", "none");
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as Report & { level: string };
    assert.equal(report.level, "org");
    assert.equal(report.meta.compareRun, null);
    assert.deepEqual(report.organisations.map((o) => o.key).sort(), ["gm0001", "gm0002", "gm0003", "pv01"]);
    const older = await meetlat("report", String(f.runIds[0]), "--profile-file", profileFile, "--by", "domain", "--lang", "en");
    assert.equal(older.code, 0, older.stderr);
    assert.match(older.stdout, /^run 1, started .* no earlier run to compare with/m);
    assert.match(older.stdout, /^aa-web\.nl — Gemeente Aa$/m);
  });

  it("writes XLSX and HTML files with --out, leaving nothing half-written", async () => {
    const xlsx = join(dir, "report.xlsx");
    const out = await meetlat("report", "--profile-file", profileFile, "--format", "xlsx", "--out", xlsx, "--lang", "en");
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^wrote .*report\.xlsx \(run 2, profile test-profile\)$/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ["Summary by type", "Organisations", "Domains", "About"]);
    const html = join(dir, "report.html");
    const page = await meetlat("report", "--format", "html", "--out", html);
    assert.equal(page.code, 0, page.stderr);
    assert.match(readFileSync(html, "utf8"), /<html[^>]*lang="nl"/);
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes(".partial-")), []);
  });

  it("refuses wrong calls with a usage error (exit 2) and a clear message", async () => {
    const cases: [string[], RegExp][] = [
      [["report", "--format", "xlsx"], /--format xlsx writes a file: give --out/],
      [["report", "--by", "nation"], /--by must be one of type, org, domain/],
      [["report", "--format", "pdf"], /--format must be one of/],
      [["report", "--lang", "de"], /--lang must be one of nl, en/],
      [["report", "--profile", "nope"], /unknown profile "nope"/],
      [["report", "--profile-file", join(dir, "missing.json")], /missing\.json: cannot read the profile: no such file/],
      [["report", "99"], /there is no run 99/],
      [["report", "--compare", "abc"], /--compare "abc" is not a run id/],
      [["report", "1", "2"], /at most one RUN/],
      [["report", "--format", "csv", "--out", join(dir, "no-such-dir", "x.csv")], /cannot write .*x\.csv/],
      [["export", "99"], /there is no run 99/],
    ];
    for (const [args, message] of cases) {
      const out = await meetlat(...args);
      assert.equal(out.code, 2, `${args.join(" ")}: ${out.stderr}`);
      assert.match(out.stderr, message, args.join(" "));
    }
    const noStore = await runMeetlat(["report", "--database", join(dir, "absent.sqlite")]);
    assert.equal(noStore.code, 2);
    assert.equal(existsSync(join(dir, "absent.sqlite")), false);
  });

  it("exports a run as JSON Lines with a header line and one line per domain, as the schema file requires", async () => {
    const file = join(dir, "run.jsonl");
    const out = await meetlat("export", "--out", file);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /run 2, 7 domains/);
    const lines = readFileSync(file, "utf8").split("\n");
    assert.equal(lines.pop(), "");
    const [header, ...domains] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const hasRequired = (value: Record<string, unknown>, required: string[]) => assert.deepEqual(required.filter((k) => !(k in value)), []);
    hasRequired(header!, SCHEMA.$defs.runLine!.required);
    hasRequired(header!.run as Record<string, unknown>, SCHEMA.$defs.runLine!.properties.run!.required!);
    assert.equal(header!.kind, "run");
    assert.equal((header!.run as { id: number }).id, f.runIds[1]);
    assert.equal("requestedBy" in (header!.run as object), false);
    assert.deepEqual(domains.map((d) => d.domain), Object.keys(RUN2).sort());
    for (const d of domains) {
      hasRequired(d, SCHEMA.$defs.domainLine!.required);
      for (const o of d.organisations as Record<string, unknown>[]) hasRequired(o, SCHEMA.$defs.domainLine!.properties.organisations!.items!.required);
      for (const r of d.results as { tests: Record<string, Record<string, unknown>> }[]) for (const t of Object.values(r.tests)) hasRequired(t, SCHEMA.$defs.testResult!.required);
    }
    const shared = domains.find((d) => d.domain === "shared.nl")!;
    assert.deepEqual((shared.organisations as { key: string; role: string }[]).map((o) => [o.key, o.role]), [["pv01", "owner"], ["gm0003", "related"]]);
    assert.equal(shared.purpose, "web");
    assert.deepEqual((shared.evidence as { webHost: { host: string } }).webHost.host, "shared.nl");
    const bee = domains.find((d) => d.domain === "bee.nl")!;
    assert.deepEqual((bee.organisations as { codes: Record<string, string> }[])[0]!.codes, { cbs: "GM0002" });

    const stdout = await meetlat("export", String(f.runIds[0]));
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.equal(stdout.stdout.trim().split("\n").length, 1 + Object.keys(RUN2).length);
    assert.equal((JSON.parse(stdout.stdout.split("\n")[0]!) as { run: { id: number } }).run.id, f.runIds[0]);
  });
});
