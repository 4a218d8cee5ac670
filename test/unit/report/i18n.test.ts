// The report labels: both languages have exactly the same keys and the same placeholders in
// each text, placeholders are filled, and every organisation type of the register has a name.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { LABEL_CATALOGUES, label, localise, organisationTypeLabel } from "../../../src/report/i18n.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("report labels", () => {
  it("has every key in both languages", () => {
    const en = Object.keys(LABEL_CATALOGUES.en).sort();
    const nl = Object.keys(LABEL_CATALOGUES.nl).sort();
    assert.deepEqual(en.filter((k) => !nl.includes(k)), [], "keys missing in nl.json");
    assert.deepEqual(nl.filter((k) => !en.includes(k)), [], "keys missing in en.json");
  });

  it("uses the same placeholders in both languages, and no empty texts", () => {
    for (const [key, en] of Object.entries(LABEL_CATALOGUES.en)) {
      const nl = LABEL_CATALOGUES.nl[key] ?? "";
      assert.ok(en.trim() !== "" && nl.trim() !== "", `empty text for ${key}`);
      assert.deepEqual(placeholders(nl), placeholders(en), `placeholders of ${key}`);
    }
  });

  it("fills placeholders and refuses to print one without a value", () => {
    assert.equal(label("tally.countOf", "nl", { n: 3, of: 4 }), "3 van 4");
    assert.equal(label("tally.countOf", "en", { n: 3, of: 4 }), "3 of 4");
    assert.throws(() => label("tally.countOf", "en", { n: 3 }), /needs a value for \{of\}/);
  });

  it("names every organisation type of the register, and shows an unknown type as stored", () => {
    const types = Object.keys((JSON.parse(readFileSync(new URL("../../../src/register/organisation-types.json", import.meta.url), "utf8")) as { types: Record<string, string> }).types);
    for (const type of types) {
      for (const lang of ["nl", "en"] as const) assert.notEqual(organisationTypeLabel(type, lang), type, `${type} in ${lang}`);
    }
    assert.equal(organisationTypeLabel("county", "en"), "county");
  });

  it("takes a profile's Dutch text, and English when there is none", () => {
    assert.equal(localise({ nl: "Gemeenten", en: "Municipalities" }, "nl"), "Gemeenten");
    assert.equal(localise({ nl: "Gemeenten", en: "Municipalities" }, "en"), "Municipalities");
    assert.equal(localise({ en: "Only English" }, "nl"), "Only English");
  });
});
