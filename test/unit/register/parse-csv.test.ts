import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProblemList } from "../../../src/register/import-problem.ts";
import { parseCsv } from "../../../src/register/parse-csv.ts";

const cells = (t: ReturnType<typeof parseCsv>) => t!.rows.map((r) => [r.line, ...[...r.cells.values()].map((c) => c.value)]);

describe("reading CSV registers", () => {
  it("reads comma and semicolon files alike, with line numbers", () => {
    for (const sep of [",", ";", "\t"]) {
      const p = new ProblemList("f");
      const t = parseCsv(`domain${sep}organisation\na.nl${sep}A\n\nb.nl${sep}"B${sep} inc"\n`, p);
      assert.deepEqual(t!.headers.map((h) => h.text), ["domain", "organisation"]);
      assert.deepEqual(cells(t), [[2, "a.nl", "A"], [4, "b.nl", `B${sep} inc`]]);
      assert.ok(p.ok);
    }
  });

  it("gives a record that spans lines the line it starts on", () => {
    const t = parseCsv("domain,organisation\n\"a.nl\",\"two\nlines\"\nb.nl,B\n", new ProblemList("f"));
    assert.deepEqual(cells(t).map((r) => r[0]), [2, 4]);
  });

  it("reports rows with the wrong number of fields, and goes on", () => {
    const p = new ProblemList("f");
    const t = parseCsv("domain,organisation\na.nl\nb.nl,B,extra\n\"c.nl\"x,C\nd.nl,D\n", p);
    assert.deepEqual(p.sorted().map((x) => [x.line, x.message]), [
      [2, "has 1 field, the header has 2 (is a delimiter or quote missing?)"],
      [3, "has 3 fields, the header has 2 (is a delimiter or quote missing?)"],
    ]);
    // A stray quote stays in the value, for validation to report on its own line.
    assert.deepEqual(cells(t), [[4, "\"c.nl\"x", "C"], [5, "d.nl", "D"]]);
  });

  it("reports a quote that is never closed", () => {
    const p = new ProblemList("f");
    parseCsv("domain,organisation\na.nl,\"A\nb.nl,B\n", p);
    assert.match(p.problems[0]!.message, /^not valid CSV: Quote Not Closed/);
  });
});
