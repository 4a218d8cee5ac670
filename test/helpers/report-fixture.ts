// A Report built by hand for the report formats' tests, independent of the store and the
// profile engine: municipalities (any list of CBS codes) spread over every class of the map
// (all four measured standards met, 3, 2, 1, none, nothing measured), a few organisations of
// other types, an explained finding, names and reasons with "<&" in them, a standard that was
// not measured, and a trend over several runs with a gap. Tallies are counted from the
// organisations, so the summary agrees with the per-organisation rows.

import { readFileSync } from "node:fs";
import type { SeverityLevel, StandardState } from "../../src/profiles/types.ts";
import type { OrganisationReport, Report, ReportStandard, Tally, TrendPoint, TypeSummary } from "../../src/report/model.ts";

export const TOPOJSON_PATH = new URL("../../data/geo/gemeente_2025.topojson", import.meta.url);

export interface Municipality {
  code: string;
  name: string;
}

/** The 342 municipalities of the boundaries file, as the register knows them. */
export function municipalitiesFromTopojson(): Municipality[] {
  const topo = JSON.parse(readFileSync(TOPOJSON_PATH, "utf8")) as { objects: { gemeente_2025: { geometries: { properties: { statcode: string; statnaam: string } }[] } } };
  return topo.objects.gemeente_2025.geometries.map((g) => ({ code: g.properties.statcode, name: `Gemeente ${g.properties.statnaam}` }));
}

export const FIXTURE_STANDARDS: ReportStandard[] = [
  { id: "web-dnssec", title: { nl: "DNSSEC website", en: "DNSSEC website" }, testType: "web", tests: ["web_dnssec_exist", "web_dnssec_valid"], deadline: "2017-12-31", notMeasured: false, missingTests: [] },
  { id: "web-ipv6", title: { nl: "IPv6 website", en: "IPv6 website" }, testType: "web", tests: ["web_ipv6_ns_address", "web_ipv6_ns_reach", "web_ipv6_ws_address"], deadline: "2021-12-31", notMeasured: false, missingTests: [] },
  { id: "mail-dnssec", title: { nl: "DNSSEC e-maildomein", en: "DNSSEC mail domain" }, testType: "mail", tests: ["mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid"], notMeasured: false, missingTests: [] },
  { id: "mail-ipv6", title: { nl: "IPv6 naamservers e-mail", en: "IPv6 mail name servers" }, testType: "mail", tests: ["mail_ipv6_ns_address", "mail_ipv6_ns_reach"], notMeasured: false, missingTests: [] },
  { id: "web-https", title: { nl: "HTTPS", en: "HTTPS" }, testType: "web", tests: ["web_https_http_available"], deadline: "2018-12-31", notMeasured: true, missingTests: ["web_https_http_available"] },
];
const MEASURED = FIXTURE_STANDARDS.filter((s) => !s.notMeasured);

/** The pattern a municipality gets from its position: how many of the 4 measured standards it meets; -1 nothing measured. */
export const MUNICIPALITY_PATTERNS = [4, 3, 2, 1, 0, -1] as const;
export const ESCAPE_PROBE_NAME = `Gemeente <b>"Dubbel"</b> & 'Co'`;
export const ESCAPE_PROBE_REASON = `record <script>alert("x")</script> & more`;

export interface FixtureOptions {
  kind?: "standards" | "score" | "severity";
  municipalities?: Municipality[];
  /** Runs in the trend (the report's own run is the last). */
  trendRuns?: number;
  compare?: boolean;
}

function states(metCount: number): StandardState[] {
  if (metCount < 0) return MEASURED.map(() => "error");
  // One of the met standards is met by explanation, to show "explained" in every output.
  return MEASURED.map((_s, i) => (i < metCount ? (i === 1 ? "explained" : "met") : "not_met"));
}

function organisation(key: string, name: string, type: string, codes: Record<string, string>, metCount: number, kind: FixtureOptions["kind"]): OrganisationReport {
  const domains = [`${key}.example.nl`, `www.${key}.example.nl`];
  const s = states(metCount);
  const standards = [
    ...MEASURED.map((std, i) => ({ standardId: std.id, state: s[i]!, domainsMet: s[i] === "met" || s[i] === "explained" ? 2 : 0, domainsMeasured: s[i] === "error" ? 0 : 2 })),
    { standardId: "web-https", state: "not_measured" as const, domainsMet: 0, domainsMeasured: 0 },
  ];
  const failing = MEASURED.flatMap((std, i) => (s[i] === "not_met" ? [{ domain: domains[0]!, testId: std.tests[0]!, verdict: "bad", reason: key === "gm-escape" ? ESCAPE_PROBE_REASON : `${std.id} does not hold` }] : []));
  const explained = s[1] === "explained" ? [{ domain: domains[0]!, testId: MEASURED[1]!.tests[0]!, verdict: "ns_no_ipv6", explanation: { id: 7, reason: "Migratie naar nieuwe hoster <in 2026>", until: "2026-06-30", by: "CIO & team" } }] : [];
  const org: OrganisationReport = { key, name, type, codes, domains, standards, failing, explained };
  if (kind === "score") org.score = metCount < 0 ? null : [30, 55, 75, 95, 100][metCount]!;
  if (kind === "severity") org.severity = metCount < 0 ? null : (["high", "medium", "low", "low", "none"] as const)[metCount]!;
  return org;
}

function tally(orgs: OrganisationReport[], standardId: string, unit: "organisations" | "domains"): Tally {
  const t: Tally = { met: 0, explained: 0, notMet: 0, error: 0, notMeasured: 0, total: 0 };
  for (const o of orgs) {
    const st = o.standards.find((x) => x.standardId === standardId);
    if (!st) continue;
    const n = unit === "organisations" ? 1 : o.domains.length;
    t.total += n;
    if (st.state === "met") t.met += n;
    else if (st.state === "explained") t.explained += n;
    else if (st.state === "not_met") t.notMet += n;
    else if (st.state === "error") t.error += n;
    else t.notMeasured += n;
  }
  return t;
}

/** The compared run: one organisation fewer met each standard then. */
function earlier(t: Tally): Tally {
  return t.met > 0 ? { ...t, met: t.met - 1, notMet: t.notMet + 1 } : t;
}

function typeSummary(type: string, orgs: OrganisationReport[], opts: FixtureOptions): TypeSummary {
  const summary: TypeSummary = {
    organisationType: type,
    organisations: orgs.length,
    domains: orgs.reduce((n, o) => n + o.domains.length, 0),
    standards: FIXTURE_STANDARDS.map((std) => {
      const organisations = tally(orgs, std.id, "organisations");
      const domains = tally(orgs, std.id, "domains");
      return { standardId: std.id, organisations, domains, previous: opts.compare ? { organisations: earlier(organisations), domains: earlier(domains) } : null };
    }),
  };
  if (opts.kind === "score") {
    const scores = orgs.flatMap((o) => (typeof o.score === "number" ? [o.score] : []));
    const mean = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
    summary.meanScore = { current: mean, previous: opts.compare && mean !== null ? mean - 2.5 : null };
  }
  if (opts.kind === "severity") {
    const counts: Record<SeverityLevel | "none", number> = { high: 0, medium: 0, low: 0, none: 0 };
    for (const o of orgs) if (o.severity) counts[o.severity]++;
    summary.severity = counts;
  }
  return summary;
}

function trend(runs: number): TrendPoint[] {
  return Array.from({ length: runs }, (_x, r) => ({
    runId: r + 1,
    startedAt: new Date(Date.UTC(2025, 0, 6 + 7 * r, 9)).toISOString(),
    standards: FIXTURE_STANDARDS.map((std, i) => {
      // mail-ipv6 was not measured in the first run: the trend must show a gap, not 0 %.
      if (std.notMeasured || (std.id === "mail-ipv6" && r === 0)) return { standardId: std.id, domainShare: null, organisationShare: null };
      return { standardId: std.id, domainShare: Math.min(1, 0.3 + 0.1 * i + 0.08 * r), organisationShare: Math.min(1, 0.2 + 0.1 * i + 0.1 * r) };
    }),
  }));
}

export function fixtureReport(opts: FixtureOptions = {}): Report {
  const kind = opts.kind ?? "standards";
  const runs = opts.trendRuns ?? 3;
  const municipalities = opts.municipalities ?? [
    { code: "GM0014", name: "Gemeente Groningen" },
    { code: "GM0034", name: "Gemeente Almere" },
    { code: "GM0363", name: "Gemeente Amsterdam" },
    { code: "GM0344", name: "Gemeente Utrecht" },
    { code: "GM0518", name: ESCAPE_PROBE_NAME },
    { code: "GM0599", name: "Gemeente Rotterdam" },
  ];
  const orgs: OrganisationReport[] = municipalities.map((m, i) => {
    const key = m.name === ESCAPE_PROBE_NAME ? "gm-escape" : m.code.toLowerCase();
    return organisation(key, m.name, "gemeente", { cbs: m.code }, MUNICIPALITY_PATTERNS[i % MUNICIPALITY_PATTERNS.length]!, kind);
  });
  orgs.push(
    organisation("pv20", "Provincie Groningen", "provincie", { cbs: "PV20" }, 4, kind),
    organisation("pv26", "Provincie Utrecht", "provincie", { cbs: "PV26" }, 2, kind),
    organisation("ws-aa", "Waterschap Hunze en Aa's", "waterschap", {}, 3, kind),
    organisation("min-bzk", "Ministerie van Binnenlandse Zaken & Koninkrijksrelaties", "ministerie", {}, 1, kind),
  );
  const types = ["gemeente", "provincie", "waterschap", "ministerie"];
  const run = (id: number, startedAt: string) => ({ id, startedAt, finishedAt: startedAt.replace("T09", "T10"), status: "finished", testTypes: ["web", "mail"] as ("web" | "mail")[] });
  const points = trend(runs);
  const last = points[points.length - 1];
  return {
    meta: {
      run: run(runs, last?.startedAt ?? "2025-01-06T09:00:00.000Z"),
      compareRun: opts.compare && points.length > 1 ? run(runs - 1, points[points.length - 2]!.startedAt) : null,
      profile: {
        id: `fixture-${kind}`,
        kind,
        title: { nl: "Testprofiel <&>", en: "Test profile <&>" },
        description: { nl: "Een profiel voor de tests.", en: "A profile for the tests." },
        source: "Forum Standaardisatie, \"pas toe of leg uit\" <lijst>",
      },
      asOf: (last?.startedAt ?? "2025-01-06").slice(0, 10),
      generatedAt: "2025-03-01T12:34:56.000Z",
      meetlatVersion: "0.1.0",
    },
    standards: FIXTURE_STANDARDS,
    byType: types.map((t) => typeSummary(t, orgs.filter((o) => o.type === t), { ...opts, kind })),
    organisations: orgs,
    trend: points,
  };
}
