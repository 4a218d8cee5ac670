import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProblemList } from "../../../src/register/import-problem.ts";
import { mapColumns } from "../../../src/register/map-columns.ts";

const headers = (...texts: string[]) => texts.map((text) => ({ text, line: 1 }));

describe("matching a header to the register's columns", () => {
  it("matches case, spacing and Dutch or US aliases", () => {
    const p = new ProblemList("f");
    const m = mapColumns(headers("Domeinnaam", "Organization Name", "organisation-type", "Geldig tot", "CODES"), p);
    assert.ok(p.ok);
    assert.deepEqual([...m], [["domain", "Domeinnaam"], ["organisation", "Organization Name"], ["organisation_type", "organisation-type"], ["valid_to", "Geldig tot"], ["codes", "CODES"]]);
  });

  it("reports unknown columns with a suggestion, duplicates and a missing domain column", () => {
    const p = new ProblemList("f");
    mapColumns(headers("domian", "organisation", "organisatie", "colour"), p);
    assert.deepEqual(p.sorted().map((x) => [x.field, x.message.replace(/\(the .*$/, "(…")]), [
      ["colour", "unknown column (…"],
      ["domain", "missing column \"domain\" (…"],
      ["domian", "unknown column; did you mean \"domain\"?"],
      ["organisatie", "a second \"organisation\" column (…"],
    ]);
  });
});
