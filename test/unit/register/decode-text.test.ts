import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeText } from "../../../src/register/decode-text.ts";
import { ProblemList } from "../../../src/register/import-problem.ts";

const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe("decoding register text files", () => {
  it("accepts UTF-8 and drops a byte-order mark", () => {
    const p = new ProblemList("f");
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Fryslân")]), "utf-8", p), "Fryslân");
    assert.ok(p.ok);
  });

  it("reports every line that is not UTF-8, naming the byte and its Windows-1252 meaning", () => {
    const p = new ProblemList("f.csv");
    assert.equal(decodeText(cp1252("domain,organisation\nx.nl,S\xfadwest\nok.nl,fine\ny.nl,Frysl\xe2n\n"), "utf-8", p), undefined);
    assert.equal(p.total, 3);
    assert.match(p.problems[0]!.message, /not valid UTF-8 \(2 lines\).*Windows-1252.*--encoding windows-1252/);
    assert.deepEqual(p.problems.slice(1).map((x) => [x.line, x.message]), [
      [2, "not valid UTF-8: byte 0xFA (\"ú\" in Windows-1252) at byte 7 of the line"],
      [4, "not valid UTF-8: byte 0xE2 (\"â\" in Windows-1252) at byte 11 of the line"],
    ]);
  });

  it("decodes Windows-1252 when told to", () => {
    const p = new ProblemList("f");
    assert.equal(decodeText(cp1252("S\xfadwest-Frysl\xe2n \x80"), "windows-1252", p), "Súdwest-Fryslân €");
    assert.ok(p.ok);
  });

  it("does not call bytes Windows-1252 cannot mean Windows-1252", () => {
    const p = new ProblemList("f");
    decodeText(Uint8Array.of(0x61, 0x81, 0x0a), "utf-8", p);
    assert.doesNotMatch(p.problems[0]!.message, /Windows-1252/);
  });

  it("refuses UTF-16", () => {
    const p = new ProblemList("f");
    assert.equal(decodeText(Uint8Array.of(0xff, 0xfe, 0x61, 0x00), "utf-8", p), undefined);
    assert.match(p.problems[0]!.message, /UTF-16/);
  });
});
