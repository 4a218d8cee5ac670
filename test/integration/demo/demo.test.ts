// `meetlat demo` end to end, as a newcomer runs it (the CLI in a child process, in a fresh
// directory): its report by organisation type must show exactly the configurations the demo
// planted — counted here independently, from plantedConfigurations and the register listing,
// not through the profile engine — its HTML map must colour every municipality, the XLSX must
// be there, and a second demo must run and compare itself with the first.

import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { plantedConfigurations } from "../../../src/demo/government-world.ts";
import type { PlantedConfiguration } from "../../../src/demo/government-world.ts";
import type { Tally, TypeSummary } from "../../../src/report/model.ts";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";

/** Generous: the demo's own target is two minutes on a loaded 2-core machine. */
const DEMO_DEADLINE_MS = 600_000;
const MUNICIPALITIES = 342;
/** The report counts domains without any organisation under this type (report/run-pass.ts). */
const NO_ORGANISATION = "none";

interface DemoJson {
  run: number;
  compareRun: number | null;
  status: string;
  summary: { domains: number; errorDomains: number };
  check: { domains: number; agreeing: number; missing: number; totalMismatches: number; mismatches: string[] };
  files: { html: string; xlsx: string };
  byType: TypeSummary[];
}

interface RegisterDomain { name: string; purpose: "web" | "mail" | "both"; organisations: { key: string }[] }
interface RegisterOrganisation { key: string; type: string; mergedIntoKey: string | null; validTo: string | null }

function jsonLines<T>(text: string): T[] {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as T);
}

async function meetlat(args: string[]): Promise<string> {
  const r = await runMeetlat(args, { timeoutMs: DEMO_DEADLINE_MS });
  assert.equal(r.code, 0, `meetlat ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Whether a planted domain meets a standard ("met"/"not_met"), or the standard cannot be decided ("not_measured"). */
type Planted = "met" | "not_met" | "not_measured";

/**
 * What the planted configuration means for the standards the demo can measure today. Standards
 * with tests that no probe runs yet (web-ipv6 needs ws_reach; mail-ipv6 the MX) are not_met when
 * a measured test already fails, else not measured.
 */
const PLANTED: Readonly<Record<string, { type: "web" | "mail"; state(p: PlantedConfiguration): Planted }>> = {
  "web-dnssec": { type: "web", state: (p) => (p.zone.dnssec === "signed" ? "met" : "not_met") },
  "mail-dnssec": { type: "mail", state: (p) => (p.zone.dnssec === "signed" ? "met" : "not_met") },
  "web-rpki": { type: "web", state: (p) => (p.webRoute === "valid" && p.zone.hosting !== "no-roa" ? "met" : "not_met") },
  "mail-rpki": { type: "mail", state: (p) => (p.zone.hosting === "no-roa" ? "not_met" : "not_measured") },
  "web-ipv6": { type: "web", state: (p) => (p.zone.hosting === "ipv4-only" || !p.webIpv6 ? "not_met" : "not_measured") },
  "mail-ipv6": { type: "mail", state: (p) => (p.zone.hosting === "ipv4-only" ? "not_met" : "not_measured") },
};

const PURPOSE_TYPES = { web: ["web"], mail: ["mail"], both: ["web", "mail"] } as const;

interface Expected {
  domains: Map<string, number>;
  tallies: Map<string, Pick<Tally, "met" | "notMet" | "notMeasured">>;
  /** Per type: organisations whose every website domain is signed and valid, and those with one that is not. */
  organisationsWebDnssec: Map<string, { met: number; notMet: number }>;
}

/**
 * The organisation that stands for `key` today: a municipality that has merged (valid-to in the
 * past) is counted as the one it merged into, as the report does (Brielle -> Voorne aan Zee).
 */
function successorOf(key: string, organisations: ReadonlyMap<string, RegisterOrganisation>, today: string): string {
  const o = organisations.get(key)!;
  return o.mergedIntoKey !== null && o.validTo !== null && o.validTo < today ? successorOf(o.mergedIntoKey, organisations, today) : key;
}

/** Per organisation type: domains, and per standard the domains met / not met / not measured. */
function expectedByType(planted: readonly PlantedConfiguration[], register: readonly RegisterDomain[], organisations: ReadonlyMap<string, RegisterOrganisation>): Expected {
  const today = new Date().toISOString().slice(0, 10);
  const types = new Map([...organisations.values()].map((o) => [o.key, o.type]));
  const byName = new Map(planted.map((p) => [p.domain, p]));
  const domains = new Map<string, number>();
  const tallies = new Map<string, { met: number; notMet: number; notMeasured: number }>();
  const organisationSigned = new Map<string, boolean>();
  for (const d of register) {
    const p = byName.get(d.name);
    assert.ok(p, `no planted configuration for ${d.name}`);
    const orgTypes = d.organisations.length === 0 ? [NO_ORGANISATION] : [...new Set(d.organisations.map((o) => types.get(o.key)!))];
    for (const type of orgTypes) {
      domains.set(type, (domains.get(type) ?? 0) + 1);
      for (const [standard, rule] of Object.entries(PLANTED)) {
        if (!(PURPOSE_TYPES[d.purpose] as readonly string[]).includes(rule.type)) continue;
        const key = `${type} ${standard}`;
        const t = tallies.get(key) ?? { met: 0, notMet: 0, notMeasured: 0 };
        const state = rule.state(p);
        if (state === "met") t.met++;
        else if (state === "not_met") t.notMet++;
        else t.notMeasured++;
        tallies.set(key, t);
      }
    }
    if (d.purpose === "mail") continue;
    for (const o of d.organisations) {
      const key = successorOf(o.key, organisations, today);
      organisationSigned.set(key, (organisationSigned.get(key) ?? true) && p.zone.dnssec === "signed");
    }
  }
  const organisationsWebDnssec = new Map<string, { met: number; notMet: number }>();
  for (const [key, signed] of organisationSigned) {
    const type = types.get(key)!;
    const t = organisationsWebDnssec.get(type) ?? { met: 0, notMet: 0 };
    if (signed) t.met++;
    else t.notMet++;
    organisationsWebDnssec.set(type, t);
  }
  return { domains, tallies, organisationsWebDnssec };
}

describe("meetlat demo", () => {
  let dir: string;
  let database: string;
  let first: DemoJson;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "meetlat-demo-test-"));
    database = join(dir, "meetlat.sqlite");
    first = JSON.parse(await meetlat(["demo", "--database", database, "--json", "--lang", "en"])) as DemoJson;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("measures every register domain exactly as planted", () => {
    assert.equal(first.status, "finished");
    assert.equal(first.summary.errorDomains, 0);
    assert.deepEqual(first.check.mismatches, []);
    assert.equal(first.check.missing, 0);
    assert.equal(first.check.agreeing, first.summary.domains);
  });

  it("reports per organisation type the figures the planted configurations give", async () => {
    const register = jsonLines<RegisterDomain>(await meetlat(["register", "list", "--domains", "--json", "--database", database]));
    const organisations = jsonLines<RegisterOrganisation>(await meetlat(["register", "list", "--json", "--database", database]));
    const planted = plantedConfigurations(register.map((d) => d.name));
    const expected = expectedByType(planted, register, new Map(organisations.map((o) => [o.key, o])));

    assert.deepEqual(new Map(first.byType.map((t) => [t.organisationType, t.domains])), expected.domains);
    const municipalities = expected.tallies.get("gemeente web-dnssec");
    assert.ok(municipalities && municipalities.met > 0 && municipalities.notMet > 0, "the municipalities have signed and unsigned domains");
    for (const t of first.byType) {
      for (const standard of Object.keys(PLANTED)) {
        const got = t.standards.find((s) => s.standardId === standard);
        assert.ok(got, `${t.organisationType}: no ${standard} in the report`);
        const want = expected.tallies.get(`${t.organisationType} ${standard}`) ?? { met: 0, notMet: 0, notMeasured: 0 };
        const { met, notMet, notMeasured } = got.domains;
        assert.deepEqual({ met, notMet, notMeasured }, want, `${t.organisationType} ${standard}`);
        assert.equal(got.domains.explained + got.domains.error, 0, `${t.organisationType} ${standard}: nothing explained or in error`);
      }
      const organisations = t.standards.find((s) => s.standardId === "web-dnssec")!.organisations;
      const want = expected.organisationsWebDnssec.get(t.organisationType) ?? { met: 0, notMet: 0 };
      assert.deepEqual({ met: organisations.met, notMet: organisations.notMet }, want, `${t.organisationType} organisations web-dnssec`);
    }
  });

  it("writes the XLSX and an HTML report whose map colours every municipality", async () => {
    const xlsx = await readFile(first.files.xlsx);
    assert.equal(xlsx.subarray(0, 4).toString("hex"), "504b0304", "the XLSX is a zip file");
    assert.equal(first.files.html, join(dir, "meetlat-report.html"));
    const html = await readFile(first.files.html, "utf8");
    const classes = [...html.matchAll(/<path class="municipality"[^>]*\bdata-class="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(classes.length, MUNICIPALITIES);
    assert.deepEqual(classes.filter((c) => c === "no-data"), []);
  });

  it("runs again and compares the second run with the first", async () => {
    const htmlBefore = await stat(first.files.html);
    const second = JSON.parse(await meetlat(["demo", "--database", database, "--json"])) as DemoJson;
    assert.equal(second.status, "finished");
    assert.equal(second.compareRun, first.run);
    assert.ok(second.run > first.run);
    assert.deepEqual(second.check.mismatches, []);
    // The same world, so the same figures, now with the first run's beside them.
    for (const t of second.byType) {
      for (const s of t.standards) assert.deepEqual(s.previous?.domains, s.domains, `${t.organisationType} ${s.standardId}`);
    }
    assert.ok((await stat(second.files.html)).mtimeMs >= htmlBefore.mtimeMs);
  });
});
