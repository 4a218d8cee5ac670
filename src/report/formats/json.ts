// JSON: the Report (model.ts) as data, the part for one level, with a schemaVersion that
// changes only when a field changes meaning or goes away (adding fields keeps it).
// type: meta, standards, byType, trend; org: meta, standards, organisations; domain: meta,
// standards, domains. Indented, except the domain level.

import type { Report, ReportLevel } from "../model.ts";

export const REPORT_JSON_SCHEMA_VERSION = 1;

export function renderJson(report: Report, level: ReportLevel): string {
  const { meta, standards } = report;
  const part = level === "type" ? { byType: report.byType, trend: report.trend }
    : level === "org" ? { organisations: report.organisations }
    : { domains: domainsOf(report) };
  // The domain level is large (every test of every domain) and read by programs: not indented.
  return JSON.stringify({ schemaVersion: REPORT_JSON_SCHEMA_VERSION, level, meta, standards, ...part }, null, level === "domain" ? undefined : 2) + "\n";
}

function domainsOf(report: Report): NonNullable<Report["domains"]> {
  if (!report.domains) throw new Error("this report was built without its domain level (buildReport with includeDomains)");
  return report.domains;
}
