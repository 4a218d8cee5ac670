// `--select EXPR` parsing: no expression selects everything; each KEY=VALUE term fills one field
// of the register's domain filter (domain= terms collect a set of normalised names); anything
// malformed or contradictory is a SelectionError whose message tells the user what to write.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSelection, SelectionError } from "../../../src/runs/selection.ts";

/** Asserts that `expr` is refused with a SelectionError whose message matches every pattern. */
function refuses(expr: string, ...patterns: RegExp[]): void {
  assert.throws(() => parseSelection(expr), (err: unknown) => {
    assert.ok(err instanceof SelectionError, `${expr}: expected a SelectionError, got ${String(err)}`);
    for (const p of patterns) assert.match(err.message, p, expr);
    return true;
  });
}

describe("parseSelection", () => {
  describe("no expression selects every domain", () => {
    it("undefined: an empty filter, no domain list, text \"all\"", () => {
      assert.deepEqual(parseSelection(undefined), { filter: {}, text: "all" });
    });

    for (const expr of ["", "   ", ",", " , ,"]) {
      it(`${JSON.stringify(expr)}: an empty filter and no domain list`, () => {
        const s = parseSelection(expr);
        assert.deepEqual(s.filter, {});
        assert.equal(s.domains, undefined);
      });
    }
  });

  describe("each key fills its field of the filter", () => {
    const cases: { expr: string; filter: Record<string, string> }[] = [
      { expr: "type=gemeente", filter: { organisationType: "gemeente" } },
      { expr: "type=gemeenschappelijke regeling", filter: { organisationType: "gemeenschappelijke regeling" } },
      { expr: "org=gm0014", filter: { organisationKey: "gm0014" } },
      { expr: "org=GM0014", filter: { organisationKey: "gm0014" } },
      { expr: "tag=wdo", filter: { tag: "wdo" } },
      { expr: "purpose=web", filter: { purpose: "web" } },
      { expr: "purpose=mail", filter: { purpose: "mail" } },
      { expr: "purpose=both", filter: { purpose: "both" } },
    ];
    for (const { expr, filter } of cases) {
      it(expr, () => {
        const s = parseSelection(expr);
        assert.deepEqual(s.filter, filter);
        assert.equal(s.domains, undefined, "no domain= term, no domain list");
        assert.equal(s.text, expr, "the expression is kept as given, for the run's stored options");
      });
    }

    it("domain= gives a domain list and leaves the filter empty", () => {
      const s = parseSelection("domain=example.nl");
      assert.deepEqual(s.filter, {});
      assert.deepEqual(s.domains, new Set(["example.nl"]));
    });

    it("all keys at once must all hold: they combine into one filter", () => {
      const s = parseSelection("type=gemeente,org=gm0014,tag=wdo,purpose=mail,domain=a.example.nl");
      assert.deepEqual(s.filter, { organisationType: "gemeente", organisationKey: "gm0014", tag: "wdo", purpose: "mail" });
      assert.deepEqual(s.domains, new Set(["a.example.nl"]));
    });

    it("spaces around terms and values are ignored, and so are empty terms", () => {
      const s = parseSelection(" type=gemeente , ,tag= wdo ,");
      assert.deepEqual(s.filter, { organisationType: "gemeente", tag: "wdo" });
    });

    it("a value may itself contain '='", () => {
      assert.deepEqual(parseSelection("tag=a=b").filter, { tag: "a=b" });
    });
  });

  describe("domain= terms", () => {
    it("several domain= terms collect every name, each once", () => {
      const s = parseSelection("domain=a.example.nl,domain=b.example.nl,domain=c.example.nl,domain=a.example.nl");
      assert.deepEqual(s.domains, new Set(["a.example.nl", "b.example.nl", "c.example.nl"]));
    });

    it("names are normalised: case, trailing dot, surrounding spaces", () => {
      const s = parseSelection("domain=Example.NL.,domain= WWW.Example.nl ");
      assert.deepEqual(s.domains, new Set(["example.nl", "www.example.nl"]));
    });

    it("internationalised names become their IDNA (punycode) form", () => {
      const s = parseSelection("domain=súdwest-fryslân.nl,domain=BÜCHER.example");
      assert.deepEqual(s.domains, new Set(["xn--sdwest-frysln-teb26a.nl", "xn--bcher-kva.example"]));
    });

    it("the Unicode and the punycode spelling of one name are the same domain", () => {
      const s = parseSelection("domain=súdwest-fryslân.nl,domain=XN--SDWEST-FRYSLN-TEB26A.NL");
      assert.deepEqual(s.domains, new Set(["xn--sdwest-frysln-teb26a.nl"]));
    });

    it("domain= combines with the other keys", () => {
      const s = parseSelection("domain=a.example.nl,purpose=web,domain=b.example.nl");
      assert.deepEqual(s.filter, { purpose: "web" });
      assert.deepEqual(s.domains, new Set(["a.example.nl", "b.example.nl"]));
    });
  });

  describe("errors are SelectionErrors with a helpful message", () => {
    it("an unknown key names the term and lists the keys there are", () => {
      refuses("colour=red", /"colour=red"/, /type=/, /org=/, /tag=/, /purpose=/, /domain=/, /commas/);
    });

    it("a key in capitals is not a key", () => {
      refuses("Type=gemeente", /"Type=gemeente"/, /type=/);
    });

    it("a term without '=' names the term and shows the KEY=VALUE form", () => {
      refuses("gemeente", /"gemeente"/, /type=\.\.\./);
      refuses("type=gemeente,wdo", /"wdo"/);
    });

    it("a term without a value is refused", () => {
      refuses("type=", /"type="/);
      refuses("tag= ,type=gemeente", /"tag="/);
    });

    it("a purpose other than web, mail or both lists the three", () => {
      refuses("purpose=dns", /purpose/, /web/, /mail/, /both/);
      refuses("purpose=all", /purpose/);
    });

    it("the same key twice with different values names the key", () => {
      refuses("type=gemeente,type=provincie", /type/, /twice/);
      refuses("org=gm0014,org=gm0034", /org/, /twice/);
      refuses("tag=wdo,tag=other", /tag/, /twice/);
      refuses("purpose=web,purpose=mail", /purpose/, /twice/);
    });

    it("the same key twice with the same value is harmless", () => {
      assert.deepEqual(parseSelection("tag=wdo,tag=wdo").filter, { tag: "wdo" });
      assert.deepEqual(parseSelection("org=GM0014,org=gm0014").filter, { organisationKey: "gm0014" }, "the same key after lower-casing");
    });

    it("an invalid domain says what is wrong with it", () => {
      refuses("domain=https://example.nl", /--select/, /"https:\/\/example\.nl"/, /without scheme/);
      refuses("domain=example.nl/path", /--select/, /not a domain name/);
      refuses("domain=exa mple.nl", /--select/, /"exa mple\.nl"/);
      refuses("domain=a..b.nl", /--select/, /"a\.\.b\.nl"/);
      refuses("domain=bad!name.nl", /--select/, /not allowed/);
    });

    it("an invalid domain among valid ones is still refused", () => {
      refuses("domain=good.example.nl,domain=bad name.nl", /"bad name\.nl"/);
    });
  });

  // The register stores tags and organisation types lower-cased, types with spaces
  // (register/parse-row.ts); --select matches them as stored, and refuses unknown types.
  it("tag= and type= are matched as the register stores them (lower case)", () => {
    assert.deepEqual(parseSelection("tag=WDO,type=Gemeente").filter, { tag: "wdo", organisationType: "gemeente" });
    assert.deepEqual(parseSelection("type=gemeenschappelijke_regeling").filter, { organisationType: "gemeenschappelijke regeling" });
    assert.throws(() => parseSelection("type=gemeent"), (e: unknown) => e instanceof SelectionError && /not an organisation type/.test(e.message));
  });
});
