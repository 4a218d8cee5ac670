import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyLines, copyValue } from "../../../src/store/postgres/copy-text.ts";

describe("COPY text format", () => {
  it("writes null as \\N and numbers and texts as they are", () => {
    assert.equal(copyValue(null), "\\N");
    assert.equal(copyValue(undefined), "\\N");
    assert.equal(copyValue(42), "42");
    assert.equal(copyValue(-0.5), "-0.5");
    assert.equal(copyValue("2024-03-01T00:00:00.000Z"), "2024-03-01T00:00:00.000Z");
    assert.equal(copyValue(""), "");
  });

  it("escapes the escape character and the separators, so that no text can end a column or a row early", () => {
    assert.equal(copyValue("a\\b"), "a\\\\b");
    assert.equal(copyValue("a\tb\nc\rd"), "a\\tb\\nc\\rd");
    // The text "\N" is not null, and "\." on a line of its own is not the end of the data.
    assert.equal(copyValue("\\N"), "\\\\N");
    assert.equal(copyValue("\\."), "\\\\.");
    assert.equal(copyValue('{"a":"say \\"hi\\""}'), '{"a":"say \\\\"hi\\\\""}');
  });

  it("writes the named columns of each row in order, tab-separated, one line per row", () => {
    const rows = [{ id: 1, name: "a.example", note: null }, { id: 2, name: "tab\there", note: "x" }];
    assert.equal(copyLines(rows, ["name", "id", "note"]), "a.example\t1\t\\N\ntab\\there\t2\tx\n");
    assert.equal(copyLines([], ["id"]), "");
  });
});
