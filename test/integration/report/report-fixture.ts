// A small store for the report tests, built through the store API: a register of three
// municipalities, a province and an unattached domain (one domain owned by the province and
// related to a municipality), two recorded runs and one explanation. The outcomes are chosen so
// every figure can be counted by hand (see the expectations in build-report.test.ts).

import type { TestResult, TestStatus } from "../../../src/checks/result.ts";
import type { StandardsProfile } from "../../../src/profiles/types.ts";
import type { DomainScan, TypeScanResult } from "../../../src/scan/engine.ts";
import type { Store } from "../../../src/store/store.ts";
import { STORE_ENGINES } from "../store/store-engines.ts";
import type { StoreEngine } from "../store/store-engines.ts";

/** Independent of the shipped profiles' data, so the expectations below stay hand-countable. */
export const TEST_PROFILE: StandardsProfile = {
  id: "test-profile",
  kind: "standards",
  title: { en: "Test profile", nl: "Testprofiel" },
  description: { en: "Four standards over the implemented tests and one that is not.", nl: "Vier standaarden." },
  source: "report tests",
  standards: [
    { id: "web-dnssec", title: { en: "DNSSEC (website)", nl: "DNSSEC (website)" }, testType: "web", tests: ["web_dnssec_exist", "web_dnssec_valid"] },
    { id: "web-ipv6", title: { en: "IPv6 (website)", nl: "IPv6 (website)" }, testType: "web", tests: ["web_ipv6_ns_address", "web_ipv6_ws_address"] },
    { id: "web-https", title: { en: "HTTPS", nl: "HTTPS" }, testType: "web", tests: ["web_https_http_available"] },
    { id: "mail-dnssec", title: { en: "DNSSEC (mail)", nl: "DNSSEC (e-mail)" }, testType: "mail", tests: ["mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid"] },
  ],
};

export interface Outcome {
  dnssec: "good" | "bogus" | "error";
  ipv6: boolean;
  /** Absent for web-only domains (no mail results recorded). */
  mail?: "good" | "bogus";
}

function test(status: TestStatus, verdict: string, points?: number): TestResult {
  return { status, verdict, reason: `${verdict} (reason)`, details: { verdict }, ...(points !== undefined ? { points } : {}) };
}

export function scanOf(domain: string, o: Outcome): DomainScan {
  const web: TypeScanResult = {
    domain, type: "web", score: null,
    tests: {
      web_ipv6_ns_address: o.ipv6 ? test("passed", "good") : test("failed", "ns_no_ipv6"),
      web_ipv6_ws_address: o.ipv6 ? test("passed", "good") : test("failed", "no_ipv6"),
      web_dnssec_exist: test("passed", "signed"),
      web_dnssec_valid: o.dnssec === "good" ? test("passed", "secure", 10) : o.dnssec === "bogus" ? test("failed", "bogus", 0) : test("error", "lookup_error"),
    },
  };
  const results = [web];
  if (o.mail) {
    results.push({
      domain, type: "mail", score: null,
      tests: {
        mail_dnssec_mailto_exist: test("passed", "signed"),
        mail_dnssec_mailto_valid: o.mail === "good" ? test("passed", "secure", 10) : test("failed", "bogus", 0),
      },
    });
  }
  return { domain, evidence: { domain, webHost: { host: domain, ipv4: ["192.0.2.1"], ipv6: o.ipv6 ? ["2001:db8::1"] : [], ignoredMappedIpv6: [], cnameChain: [] } }, results };
}

/** Run 2 (the one reported on). */
export const RUN2: Record<string, Outcome> = {
  "aa.nl": { dnssec: "good", ipv6: true, mail: "good" },
  "aa-web.nl": { dnssec: "bogus", ipv6: true },
  "bee.nl": { dnssec: "good", ipv6: false, mail: "bogus" },
  "cee.nl": { dnssec: "error", ipv6: true },
  "pee.nl": { dnssec: "good", ipv6: true, mail: "good" },
  "shared.nl": { dnssec: "good", ipv6: false },
  "loose.nl": { dnssec: "bogus", ipv6: false, mail: "good" },
};

/** Run 1 (compared with): aa-web.nl was still signed and bee.nl's mail domain validated. */
export const RUN1: Record<string, Outcome> = { ...RUN2, "aa-web.nl": { dnssec: "good", ipv6: true }, "bee.nl": { dnssec: "good", ipv6: false, mail: "good" } };

/** A name with a comma and a quote: CSV must quote it. */
export const BEE_NAME = 'Gemeente "Bee", Noord';

export const EXPLANATION = { domain: "bee.nl", testId: "mail_dnssec_mailto_valid", reason: "new signer in May", until: "2024-12-31", by: "CISO Bee" };

export interface ReportFixture {
  store: Store;
  location: string;
  runIds: [number, number];
  dispose(): Promise<void>;
}

async function recordRun(store: Store, outcomes: Record<string, Outcome>, startedAt: string): Promise<number> {
  const run = await store.runs.create({ requestedBy: "test", testTypes: ["web", "mail"], startedAt });
  await store.runs.record(run.id, Object.entries(outcomes).map(([d, o]) => scanOf(d, o)));
  await store.runs.finish(run.id, "finished");
  return run.id;
}

/** The fixture in a fresh store of `engine` (default SQLite). */
export async function reportFixture(engine: StoreEngine = STORE_ENGINES[0]!): Promise<ReportFixture> {
  let clock = Date.parse("2024-03-01T00:00:00.000Z");
  const opened = await engine.open({ now: () => new Date(clock) });
  const store = opened.store;
  const org = (key: string, name: string, type: string, cbs?: string) => ({ key, name, type, ...(cbs ? { codes: { cbs } } : {}) });
  await store.register.apply({
    organisations: [org("gm0001", "Gemeente Aa", "gemeente", "GM0001"), org("gm0002", BEE_NAME, "gemeente", "GM0002"), org("gm0003", "Gemeente Cee", "gemeente", "GM0003"), org("pv01", "Provincie Pee", "provincie")],
    domains: [
      { name: "aa.nl", purpose: "both", tags: [] }, { name: "aa-web.nl", purpose: "web", tags: [] }, { name: "bee.nl", purpose: "both", tags: [] },
      { name: "cee.nl", purpose: "web", tags: [] }, { name: "pee.nl", purpose: "both", tags: [] }, { name: "shared.nl", purpose: "web", tags: [] },
      { name: "loose.nl", purpose: "both", tags: [] },
    ],
    links: [
      { organisationKey: "gm0001", domain: "aa.nl", role: "owner" }, { organisationKey: "gm0001", domain: "aa-web.nl", role: "owner" },
      { organisationKey: "gm0002", domain: "bee.nl", role: "owner" }, { organisationKey: "gm0003", domain: "cee.nl", role: "owner" },
      { organisationKey: "pv01", domain: "pee.nl", role: "owner" }, { organisationKey: "pv01", domain: "shared.nl", role: "owner" },
      { organisationKey: "gm0003", domain: "shared.nl", role: "related" },
    ],
  }, { source: "test", fileName: null, fileSha256: null, format: "json", rowCount: 7 });
  clock = Date.parse("2024-03-01T10:00:00.000Z");
  const run1 = await recordRun(store, RUN1, "2024-03-01T10:00:00.000Z");
  clock = Date.parse("2024-03-02T10:00:00.000Z");
  const run2 = await recordRun(store, RUN2, "2024-03-02T10:00:00.000Z");
  await store.explanations.add(EXPLANATION);
  return { store, location: opened.location, runIds: [run1, run2], dispose: () => opened.dispose() };
}
