import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isKnownTestId, KNOWN_TESTS } from "../../../src/checks/known-tests.ts";
import { builtinProfiles, findProfile, loadProfileFile } from "../../../src/profiles/load-profiles.ts";
import { standardsOf } from "../../../src/profiles/standards-of.ts";

const dir = mkdtempSync(join(tmpdir(), "meetlat-profiles-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("builtin profiles", () => {
  it("all five load, sorted by id, with Dutch and English titles", () => {
    const profiles = builtinProfiles();
    assert.deepEqual(profiles.map((p) => p.id), ["bod-18-01", "forum-standaardisatie", "internetnl-score", "severity", "wdo"]);
    assert.deepEqual(profiles.map((p) => p.kind), ["standards", "standards", "score", "severity", "standards"]);
    for (const p of profiles) {
      assert.ok(p.title.nl && p.title.en && p.description.nl && p.description.en, p.id);
      for (const s of standardsOf(p)) {
        assert.ok(s.title.nl, `${p.id} ${s.id} has a Dutch title`);
        assert.ok(s.tests.length > 0 && s.tests.every(isKnownTestId), `${p.id} ${s.id}`);
      }
    }
  });

  it("record the TLS guidelines they judge by", () => {
    assert.equal(findProfile("wdo").tlsGuidelines, "ncsc-2.1.1");
    assert.equal(findProfile("forum-standaardisatie").tlsGuidelines, "ncsc-2025");
  });

  it("give the Forum's deadlines and split its lists into standards", () => {
    const p = findProfile("forum-standaardisatie");
    const deadline = (id: string) => standardsOf(p).find((s) => s.id === id)?.deadline;
    assert.equal(deadline("web-dnssec"), "2017-12-31");
    assert.equal(deadline("web-hsts"), "2018-12-31");
    assert.equal(deadline("mail-dane"), "2019-12-31");
    assert.equal(deadline("web-ipv6"), "2021-12-31");
    assert.equal(deadline("mail-rpki"), "2024-12-31");
    assert.deepEqual(standardsOf(p).find((s) => s.id === "web-tls")?.tests.length, 14);
  });

  it("severity classifies every known test explicitly", () => {
    const p = findProfile("severity");
    assert.equal(p.kind, "severity");
    if (p.kind !== "severity") return;
    for (const t of KNOWN_TESTS) assert.ok(p.severities[t.id], t.id);
    assert.equal(p.severities.web_dnssec_valid, "high");
    assert.equal(p.severities.web_ipv6_ns_reach, "medium");
    assert.equal(p.severities.web_appsecpriv_csp, "low");
  });

  it("are copies: changing one does not change the next caller's", () => {
    const first = builtinProfiles();
    first[0]!.title.en = "changed";
    assert.notEqual(builtinProfiles()[0]!.title.en, "changed");
  });
});

describe("loading a profile file", () => {
  const valid = { id: "mine", kind: "standards", title: { en: "Mine" }, description: { en: "My profile" }, source: "me", standards: [{ id: "dnssec", title: { en: "DNSSEC" }, testType: "web", tests: ["web_dnssec_exist"] }] };

  it("loads a valid file", async () => {
    const p = await loadProfileFile(file("mine.json", JSON.stringify(valid)));
    assert.equal(p.id, "mine");
  });

  it("says when the file is missing", async () => {
    const path = join(dir, "absent.json");
    await assert.rejects(loadProfileFile(path), { message: `${path}: cannot read the profile: no such file` });
  });

  it("gives the position of a JSON syntax error", async () => {
    const path = file("broken.json", '{\n  "id": "x",\n  "kind" "score"\n}');
    await assert.rejects(loadProfileFile(path), (err: Error) => err.message.startsWith(`${path}: not valid JSON: `) && err.message.includes("line 3"));
  });

  it("lists schema problems with the file name", async () => {
    const path = file("typo.json", JSON.stringify({ ...valid, standards: [{ ...valid.standards[0], tests: ["web_dnssec_exits"] }] }));
    await assert.rejects(loadProfileFile(path), { message: `${path}: standards[0].tests[0]: unknown test id "web_dnssec_exits" (did you mean web_dnssec_exist?)` });
  });
});

describe("finding a profile", () => {
  it("lists the known ids for an unknown one", () => {
    assert.throws(() => findProfile("forum"), { message: 'unknown profile "forum"; known profiles: bod-18-01, forum-standaardisatie, internetnl-score, severity, wdo' });
  });

  it("finds extra profiles, which replace a builtin of the same id", () => {
    const wdo = findProfile("wdo");
    const mine = { ...wdo, title: { en: "My Wdo" } };
    assert.equal(findProfile("wdo", [mine]).title.en, "My Wdo");
    const other = { ...wdo, id: "other" };
    assert.equal(findProfile("other", [other]).id, "other");
    assert.throws(() => findProfile("nope", [other]), /known profiles: bod-18-01, forum-standaardisatie, internetnl-score, other, severity, wdo/);
  });
});
