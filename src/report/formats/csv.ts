// CSV for machines and spreadsheets (docs/reports.md): RFC 4180 — comma-separated, CRLF line
// ends, a field quoted when it holds a comma, quote, CR or LF (quotes doubled) — in UTF-8 with a
// byte-order mark, which Excel needs to read UTF-8 (csv-parse and most readers skip it; its
// `bom` option does). Column keys are stable English snake_case; values are not localised:
// shares as fractions (0.8125), changes in percentage points, states as the model's keys.
// One row per (type, standard), (organisation, standard) or (domain, test).

import type { Report, ReportLevel } from "../model.ts";
import { complianceShare } from "../model.ts";
import { changeInPoints } from "../tally.ts";

type Cell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

export const CSV_COLUMNS: Readonly<Record<ReportLevel, readonly string[]>> = {
  type: [
    "run_id", "profile_id", "organisation_type", "type_organisations", "type_domains", "standard_id", "standard_title", "test_type", "not_measured",
    "domains_met", "domains_explained", "domains_not_met", "domains_error", "domains_not_measured", "domains_total", "domains_share",
    "organisations_met", "organisations_explained", "organisations_not_met", "organisations_error", "organisations_not_measured", "organisations_total", "organisations_share",
    "compare_run_id", "previous_domains_share", "previous_organisations_share", "domains_change_pp", "organisations_change_pp", "mean_score", "previous_mean_score",
  ],
  org: [
    "run_id", "profile_id", "organisation_key", "organisation_name", "organisation_type", "organisation_codes", "domains", "score", "severity",
    "standard_id", "test_type", "state", "domains_met", "domains_measured", "failing_tests", "explained_tests",
  ],
  domain: [
    "run_id", "profile_id", "domain", "organisation_keys", "organisation_types", "test_type", "test_id", "test_title", "status", "verdict", "reason",
    "explained", "explanation_reason", "explanation_until", "explanation_by",
  ],
};

function field(value: Cell): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Fractions to 6 decimals, points to 4: exact enough, and no binary noise like 0.30000000000000004. */
function round(value: number | null, decimals: number): number | null {
  return value === null ? null : Number(value.toFixed(decimals));
}

export function renderCsv(report: Report, level: ReportLevel): string {
  const lines = [CSV_COLUMNS[level].join(","), ...rows(report, level).map((r) => r.map(field).join(","))];
  return BOM + lines.map((l) => l + "\r\n").join("");
}

function rows(report: Report, level: ReportLevel): Cell[][] {
  const runId = report.meta.run.id;
  const profileId = report.meta.profile.id;
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  if (level === "type") {
    return report.byType.flatMap((t) => t.standards.map((row): Cell[] => {
      const s = standards.get(row.standardId)!;
      const d = row.domains;
      const o = row.organisations;
      return [
        runId, profileId, t.organisationType, t.organisations, t.domains, s.id, s.title.en, s.testType, s.notMeasured,
        d.met, d.explained, d.notMet, d.error, d.notMeasured, d.total, round(complianceShare(d), 6),
        o.met, o.explained, o.notMet, o.error, o.notMeasured, o.total, round(complianceShare(o), 6),
        report.meta.compareRun?.id, round(row.previous ? complianceShare(row.previous.domains) : null, 6), round(row.previous ? complianceShare(row.previous.organisations) : null, 6),
        round(changeInPoints(d, row.previous?.domains), 4), round(changeInPoints(o, row.previous?.organisations), 4),
        t.meanScore?.current, t.meanScore?.previous,
      ];
    }));
  }
  if (level === "org") {
    return report.organisations.flatMap((o) => o.standards.map((row): Cell[] => {
      const tests = new Set(standards.get(row.standardId)!.tests);
      return [
        runId, profileId, o.key, o.name, o.type, Object.entries(o.codes).map(([k, v]) => `${k}:${v}`).join("; "), o.domains.length, o.score, o.severity,
        row.standardId, standards.get(row.standardId)!.testType, row.state, row.domainsMet, row.domainsMeasured,
        o.failing.filter((f) => tests.has(f.testId)).map((f) => `${f.domain} ${f.testId} ${f.verdict}`).join("; "),
        o.explained.filter((e) => tests.has(e.testId)).map((e) => `${e.domain} ${e.testId} ${e.verdict}`).join("; "),
      ];
    }));
  }
  if (!report.domains) throw new Error("this report was built without its domain level (buildReport with includeDomains)");
  return report.domains.flatMap((d) => d.tests.map((t): Cell[] => [
    runId, profileId, d.domain, d.organisations.map((o) => o.key).join("; "), [...new Set(d.organisations.map((o) => o.type))].join("; "),
    t.type, t.testId, t.title, t.status, t.verdict, t.reason,
    t.explanation !== undefined, t.explanation?.reason, t.explanation?.until, t.explanation?.by,
  ]));
}
