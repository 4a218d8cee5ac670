import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProblemList } from "../../../src/register/import-problem.ts";
import { jsonElementLines } from "../../../src/register/json-lines.ts";
import { parseJson } from "../../../src/register/parse-json.ts";

describe("reading JSON registers", () => {
  it("knows the line of each row and of each key", () => {
    const text = '[\n  {"domain": "a.nl",\n   "organisation": "A \\" {[,"},\n  {\n    "domain": "b.nl", "tags": ["x", "y"],\n    "codes": {"cbs": "GM0014"}\n  }, 7\n]';
    const lines = jsonElementLines(text);
    assert.deepEqual(lines.map((l) => [l.line, [...l.keys]]), [
      [2, [["domain", 2], ["organisation", 3]]],
      [4, [["domain", 5], ["tags", 5], ["codes", 6]]],
      [7, []],
    ]);
    const p = new ProblemList("f.json");
    const t = parseJson(text, p);
    assert.deepEqual(t!.rows.map((r) => r.line), [2, 4]);
    assert.deepEqual(p.problems.map((x) => [x.line, x.message]), [[7, "row 3 is not an object"]]);
    assert.deepEqual(t!.rows[1]!.cells.get("tags"), { value: ["x", "y"], line: 5 });
  });

  it("reports where JSON does not parse", () => {
    const p = new ProblemList("f.json");
    assert.equal(parseJson('[\n {"domain": "a.nl"},\n {"domain": }\n]', p), undefined);
    assert.equal(p.problems[0]!.line, 3);
    assert.match(p.problems[0]!.message, /^not valid JSON/);
  });

  it("wants an array", () => {
    const p = new ProblemList("f.json");
    assert.equal(parseJson('{"domain": "a.nl"}', p), undefined);
    assert.match(p.problems[0]!.message, /expected a JSON array/);
  });
});
