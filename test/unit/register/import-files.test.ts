// Bad register files give precise problems — file, line, field, what is wrong, every one of them
// — and good ones give the change set they describe. No store here: see
// test/integration/store/import-all-or-nothing.test.ts for "and nothing changes".

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatProblem } from "../../../src/register/import-problem.ts";
import { importRegisterBytes, importRegisterFile } from "../../../src/register/import-register.ts";
import type { ImportOutcome } from "../../../src/register/import-register.ts";
import { goodWorkbook, workbookWithFormulas, workbookWithMergedCells } from "../../fixtures/register/workbooks.ts";

const fixture = (name: string) => new URL(`../../fixtures/register/${name}`, import.meta.url).pathname;

async function check(name: string): Promise<ImportOutcome> {
  return importRegisterFile(undefined, fixture(name), { displayName: name });
}

/** Problems as "line field: message" (message shortened to its start). */
function brief(o: ImportOutcome, length = 40): string[] {
  return o.problems.map((p) => `${p.line} ${p.field ?? "-"}: ${p.message.slice(0, length)}`);
}

describe("register files that must import", () => {
  it("good.csv: organisations, codes, a merger, a shared domain, a parent, an IDN", async () => {
    const o = await check("good.csv");
    assert.deepEqual(o.problems, []);
    assert.equal(o.ok, true);
    const c = o.changes!;
    assert.deepEqual(c.organisations.map((x) => x.key), ["gm0014", "gm0501", "gm1992", "ministerie-az", "ministerie-bzk", "logius"]);
    assert.deepEqual(c.organisations.find((x) => x.key === "gm0501"), {
      key: "gm0501", name: "Gemeente Brielle", type: "gemeente", mergedIntoKey: "gm1992", validTo: "2022-12-31", codes: { cbs: "GM0501" },
    });
    assert.equal(c.organisations.find((x) => x.key === "logius")!.parentKey, "ministerie-bzk");
    assert.deepEqual(c.domains.find((d) => d.name === "groningen.nl"), { name: "groningen.nl", tags: ["gemeente", "mail"], purpose: "mail" });
    assert.ok(c.domains.some((d) => d.name === "xn--bcher-kva.example"));
    assert.deepEqual(c.links.filter((l) => l.domain === "brielle.nl").map((l) => `${l.organisationKey}:${l.role}`), ["gm0501:owner", "gm1992:owner"]);
    assert.deepEqual(c.links.filter((l) => l.domain === "rijksoverheid.nl").map((l) => `${l.organisationKey}:${l.role}`), ["ministerie-az:owner", "ministerie-bzk:related"]);
  });

  it("good.json: tags as a list, codes as an object, keys derived from names", async () => {
    const o = await check("good.json");
    assert.deepEqual(o.problems, []);
    assert.deepEqual(o.changes!.organisations.map((x) => x.key), ["gm0014", "provincie-groningen"]);
    assert.deepEqual(o.changes!.organisations[0]!.codes, { cbs: "GM0014" });
  });

  it("an XLSX workbook, dates included", async () => {
    const o = await importRegisterBytes(undefined, await goodWorkbook(), "good.xlsx");
    assert.deepEqual(o.problems, []);
    assert.equal(o.format, "xlsx");
    assert.equal(o.changes!.organisations.find((x) => x.key === "gemeente-brielle")!.validTo, "2022-12-31");
  });

  it("a Windows-1252 file when the encoding is given", async () => {
    const o = await importRegisterFile(undefined, fixture("windows-1252.csv"), { encoding: "windows-1252" });
    assert.deepEqual(o.problems, []);
    assert.deepEqual(o.changes!.organisations.map((x) => x.name), ["Gemeente Súdwest-Fryslân", "Gemeente Leeuwarden", "Gemeente Noardeast-Fryslân"]);
  });
});

describe("register files that must be refused, with every problem named", () => {
  it("wrong columns", async () => {
    const o = await check("wrong-columns.csv");
    assert.equal(o.ok, false);
    assert.deepEqual(o.problems.map(formatProblem), [
      "wrong-columns.csv:1: cbs: unknown column (the columns are: domain, purpose, tags, source, organisation_id, organisation, organisation_type, codes, parent, valid_from, valid_to, merged_into, role)",
      "wrong-columns.csv:1: domain: missing column \"domain\" (the header has: domian, organisation, organisation type, cbs, purpose)",
      "wrong-columns.csv:1: domian: unknown column; did you mean \"domain\"?",
    ]);
  });

  it("missing columns", async () => {
    assert.deepEqual(brief(await check("missing-columns.csv"), 100), ["1 domain: missing column \"domain\" (the header has: organisation, organisation_type)"]);
  });

  it("duplicate domains, also in another spelling", async () => {
    assert.deepEqual(brief(await check("duplicate-domains.csv"), 200), [
      "4 domain: duplicate domain \"groningen.nl\" for organisation \"gemeente-groningen\": also on line 2",
      "5 domain: duplicate domain \"example.nl\": also on line 3",
    ]);
  });

  it("invalid names, one problem per line", async () => {
    const o = await check("invalid-names.csv");
    assert.deepEqual(o.problems.map((p) => [p.line, p.field]), [2, 3, 4, 5, 6, 7].map((l) => [l, "domain"]));
    assert.match(o.problems[0]!.message, /without scheme, port or path/);
  });

  it("a domain under two organisations as owner at the same time", async () => {
    const o = await check("two-owners.csv");
    assert.deepEqual(o.problems.map(formatProblem), [
      "two-owners.csv:3: role: domain \"rijksoverheid.nl\" would have two owners at the same time: \"ministerie-bzk\" and \"ministerie-az\" (line 2); a domain has one owner at a time — make one link role \"related\", or end the former owner with valid_to",
    ]);
  });

  it("a merged municipality without valid_to", async () => {
    assert.deepEqual(brief(await check("merged-without-valid-to.csv"), 200), ["2 valid_to: \"gm0501\" merged into \"gm1992\" but has no valid_to (the last day it existed)"]);
  });

  it("several bad cells in one row: all reported, and the rows still checked against each other", async () => {
    assert.deepEqual((await check("many-problems.csv")).problems.map(formatProblem), [
      "many-problems.csv:2: codes: \"PV20\" is not a cbs code for a gemeente (^GM\\d{4}$)",
      "many-problems.csv:2: purpose: \"webmail\" is not a purpose; use \"web\", \"mail\", \"both\"",
      "many-problems.csv:2: role: \"boss\" is not a role; use \"owner\", \"related\"",
      "many-problems.csv:2: tags: \"not ok\": tags are letters, digits and . _ : - (at most 64)",
      "many-problems.csv:2: valid_from: \"2024-02-30\" is not a date (YYYY-MM-DD)",
      "many-problems.csv:3: organisation_type: \"province\" is not an organisation type; use \"ministerie\", \"gemeente\", \"provincie\", \"waterschap\", \"uitvoeringsorganisatie\", \"gemeenschappelijke regeling\", \"other\"",
      "many-problems.csv:4: codes: cbs:GM0014 is also the code of \"org-b\" (line 3)",
      "many-problems.csv:4: valid_to: valid_to 2023-01-01 is before valid_from 2024-01-01",
      "many-problems.csv:5: role: needs an organisation on the same row",
    ]);
  });

  it("a wrong encoding (Windows-1252)", async () => {
    const o = await check("windows-1252.csv");
    assert.deepEqual(o.problems.map(formatProblem), [
      "windows-1252.csv: the file is not valid UTF-8 (2 lines); the file looks like Windows-1252 (Excel's \"CSV\" on Windows): save it as \"CSV UTF-8\", or import it with --encoding windows-1252",
      "windows-1252.csv:2: not valid UTF-8: byte 0xFA (\"ú\" in Windows-1252) at byte 29 of the line",
      "windows-1252.csv:4: not valid UTF-8: byte 0xE2 (\"â\" in Windows-1252) at byte 46 of the line",
    ]);
  });

  it("an XLSX with formulas", async () => {
    const o = await importRegisterBytes(undefined, await workbookWithFormulas(), "formulas.xlsx");
    assert.deepEqual(o.problems.map(formatProblem), [
      "formulas.xlsx:2: domain (A2): contains a formula (=\"groningen\"&\".nl\"); replace it by its value (copy, then Paste Special → Values)",
      "formulas.xlsx:3: valid_to (E3): contains a formula (=DATE(2022,12,31)); replace it by its value (copy, then Paste Special → Values)",
    ]);
  });

  it("an XLSX with merged cells", async () => {
    const o = await importRegisterBytes(undefined, await workbookWithMergedCells(), "merged.xlsx");
    assert.deepEqual(o.problems.map(formatProblem), ["merged.xlsx:2: organisation (B2): cells B2:B4 are merged; unmerge them and repeat the value in each row"]);
  });

  it("an XLSX named .csv, and a CSV forced to be XLSX", async () => {
    const asCsv = await importRegisterBytes(undefined, await goodWorkbook(), "register.csv");
    assert.match(asCsv.problems[0]!.message, /is an XLSX workbook, not CSV/);
    const asXlsx = await importRegisterBytes(undefined, new TextEncoder().encode("domain\na.nl\n"), "r.csv", { format: "xlsx" });
    assert.match(asXlsx.problems[0]!.message, /not an XLSX workbook/);
  });

  for (const [name, message] of [
    ["empty.csv", "the file is empty"],
    ["blank-lines.csv", "the file is empty (no header, no rows)"],
    ["header-only.csv", "the file has a header but no rows"],
    ["empty.json", "the file is an empty list: no rows"],
    ["not-an-array.json", "expected a JSON array of rows ([{\"domain\": \"…\", \"organisation\": \"…\"}, …])"],
  ] as const) {
    it(`an empty file: ${name}`, async () => {
      assert.deepEqual((await check(name)).problems.map((p) => p.message), [message]);
    });
  }

  it("JSON that does not parse, with its line", async () => {
    const o = await check("broken.json");
    assert.deepEqual(o.problems.map((p) => p.line), [3]);
    assert.match(o.problems[0]!.message, /^not valid JSON: /);
  });

  it("a 50 MB file, refused before it is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meetlat-big-"));
    try {
      const path = join(dir, "big.csv");
      writeFileSync(path, "domain,organisation\n");
      // A sparse file: 50 MB on paper, nothing on disk, and never read.
      const fd = openSync(path, "r+");
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
      const o = await importRegisterFile(undefined, path, { displayName: "big.csv" });
      assert.deepEqual(o.problems.map(formatProblem), ["big.csv: the file is 50.0 MB; the limit is 32.0 MB (--max-size)"]);
      const allowed = await importRegisterFile(undefined, path, { maxBytes: 64 * 1024 * 1024 });
      assert.equal(allowed.ok, false, "raising the limit reads the file (whose NUL bytes are not a register)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists at most 1000 problems but counts them all", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `bad_${i}.example,`).join("\n");
    const o = await importRegisterBytes(undefined, new TextEncoder().encode(`domain,organisation\n${rows}\n`), "many.csv");
    assert.equal(o.totalProblems, 1500);
    assert.equal(o.problems.length, 1000);
  });
});
