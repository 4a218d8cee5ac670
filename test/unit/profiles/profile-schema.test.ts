import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatPath, parseProfile, ProfileError } from "../../../src/profiles/profile-schema.ts";

function standardsProfile(standards: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "test-profile", kind: "standards", title: { en: "Test", nl: "Test" }, description: { en: "A test profile" }, source: "a test",
    standards, ...extra,
  };
}

const dnssec = { id: "web-dnssec", title: { en: "DNSSEC" }, testType: "web", tests: ["web_dnssec_exist", "web_dnssec_valid"] };

function problems(json: unknown): string[] {
  try {
    parseProfile(json, "my.json");
  } catch (err) {
    assert.ok(err instanceof ProfileError);
    assert.equal(err.message, err.problems.join("\n"));
    return [...err.problems];
  }
  assert.fail("the profile was accepted");
}

describe("profile schema", () => {
  it("accepts a valid profile and returns it", () => {
    const p = parseProfile(standardsProfile([dnssec]), "my.json");
    assert.equal(p.kind, "standards");
    assert.deepEqual(p.kind === "standards" ? p.standards[0]?.tests : [], ["web_dnssec_exist", "web_dnssec_valid"]);
  });

  it("names the file and the JSON path of an unknown test id, with the likely fix", () => {
    const bad = { ...dnssec, id: "web-x", tests: ["web_dnssec_exist"], notTestedMeets: [] };
    const list = problems(standardsProfile([dnssec, { ...bad, tests: ["web_dnssec_exist", "web_dnsec_valid"] }]));
    assert.deepEqual(list, ['my.json: standards[1].tests[1]: unknown test id "web_dnsec_valid" (did you mean web_dnssec_valid?)']);
  });

  it("rejects a bad kind", () => {
    assert.deepEqual(problems({ ...standardsProfile([dnssec]), kind: "ranking" }), ['my.json: kind: must be one of "standards", "score", "severity"']);
  });

  it("reports a missing title, and every problem at once", () => {
    const { title: _title, ...noTitle } = standardsProfile([{ ...dnssec, tests: ["web_nothing_at_all"], deadline: "2019-13-01" }]);
    const list = problems({ ...noTitle, colour: "red" });
    assert.ok(list.includes("my.json: title: missing (object required)"), list.join("\n"));
    assert.ok(list.includes('my.json: standards[0].tests[0]: unknown test id "web_nothing_at_all"'), list.join("\n"));
    assert.ok(list.includes("my.json: standards[0].deadline: must be a date YYYY-MM-DD"), list.join("\n"));
    assert.ok(list.some((p) => p.startsWith("my.json: (root): ") && p.includes("colour")), list.join("\n"));
    assert.equal(list.length, 4);
  });

  it("catches tests of the wrong type, duplicates and exemptions that refer to nothing", () => {
    const list = problems(standardsProfile([
      dnssec,
      { ...dnssec, tests: ["web_dnssec_exist", "mail_dnssec_mailto_valid", "web_dnssec_exist"], notTestedMeets: ["web_dnssec_valid"], requireVerdicts: [{ test: "web_ipv6_ns_reach", verdicts: ["good"] }] },
    ]));
    assert.deepEqual(list.sort(), [
      'my.json: standards[1].id: duplicate standard id "web-dnssec"',
      "my.json: standards[1].notTestedMeets[0]: web_dnssec_valid is not one of the standard's tests",
      "my.json: standards[1].requireVerdicts[0].test: web_ipv6_ns_reach is not one of the standard's tests",
      "my.json: standards[1].tests: lists a test twice",
      "my.json: standards[1].tests[1]: mail_dnssec_mailto_valid is a mail test, the standard is of type web",
    ]);
  });

  it("checks score categories and severity tables", () => {
    const score = { id: "s", kind: "score", title: { en: "S" }, description: { en: "S" }, source: "x", categories: { web: ["dnssec", "appsecpriv"], mail: ["auth"] }, passScore: 100 };
    assert.deepEqual(problems(score), ['my.json: categories.web[1]: "appsecpriv" is not a scored web category (ipv6, dnssec, https, rpki)']);
    assert.deepEqual(problems({ ...score, passScore: 120 }), ["my.json: passScore: Too big: expected number to be <=100"]);
    const severity = { id: "v", kind: "severity", title: { en: "V" }, description: { en: "V" }, source: "x", defaultSeverity: "medium", severities: { web_dnssec_valid: "high", web_dnssec_vaild: "low", web_ipv6_ns_reach: "urgent" } };
    const list = problems(severity);
    assert.equal(list.length, 2, list.join("\n"));
    assert.ok(list.includes('my.json: severities.web_dnssec_vaild: unknown test id "web_dnssec_vaild" (did you mean web_dnssec_valid?)'), list.join("\n"));
    assert.ok(list.some((p) => p.startsWith("my.json: severities.web_ipv6_ns_reach: ")), list.join("\n"));
  });

  it("formats JSON paths", () => {
    assert.equal(formatPath([]), "(root)");
    assert.equal(formatPath(["standards", 3, "metWhen", 0, "test"]), "standards[3].metWhen[0].test");
  });
});
