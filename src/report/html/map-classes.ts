// How a municipality is coloured, per kind of profile: the class rules are data (the tables
// below), the colours come from palette.ts. Standards: the share of its measured standards met;
// score: the score; severity: the worst finding. Nothing measured is "no data", never a value.

import type { StandardState } from "../../profiles/types.ts";
import type { OrganisationReport, Report, ReportLanguage } from "../model.ts";
import { label, localise } from "../i18n.ts";
import { formatCount, formatShare } from "./format.ts";
import { CIVIDIS_4, CIVIDIS_5, NO_DATA_FILL } from "./palette.ts";

/** Classes of a sequential value: a value belongs to the last class whose `from` it reaches. */
const STANDARDS_SHARE_CLASSES = [
  { id: "share-0", from: 0 },
  { id: "share-25", from: 0.25 },
  { id: "share-50", from: 0.5 },
  { id: "share-75", from: 0.75 },
  { id: "share-100", from: 1 },
] as const;

const SCORE_CLASSES = [
  { id: "score-0", from: 0 },
  { id: "score-50", from: 50 },
  { id: "score-70", from: 70 },
  { id: "score-90", from: 90 },
  { id: "score-100", from: 100 },
] as const;

/** Worst first, so darker means worse as on the other scales. */
const SEVERITY_CLASSES = ["high", "medium", "low", "none"] as const;

export const NO_DATA_CLASS_ID = "no-data";

export interface MapClass {
  id: string;
  fill: string;
  label: string;
}

export interface MunicipalityValue {
  classId: string;
  /** One line: the value that chose the class ("3 of 4 measured standards met (75 %)"). */
  value: string;
  /** What fails (standards not met, failing tests), empty when nothing does. */
  problems: string[];
}

export interface MapScale {
  /** What the colours show, for the legend heading. */
  metric: string;
  /** Classes from worst to best, then the no-data class last. */
  classes: MapClass[];
  classify(org: OrganisationReport | undefined): MunicipalityValue;
}

const MAX_LISTED_TESTS = 6;

function sequentialClassId<T extends { id: string; from: number }>(table: readonly T[], value: number): string {
  let id = table[0]?.id ?? NO_DATA_CLASS_ID;
  for (const c of table) if (value >= c.from) id = c.id;
  return id;
}

function rangeLabels<T extends { from: number }>(table: readonly T[], show: (n: number) => string, lang: ReportLanguage): string[] {
  return table.map((c, i) => {
    const next = table[i + 1];
    return next ? label("map.range", lang, { from: show(c.from), to: show(next.from) }) : show(c.from);
  });
}

function problemsOf(org: OrganisationReport, report: Report, lang: ReportLanguage): string[] {
  const titles = new Map(report.standards.map((s) => [s.id, localise(s.title, lang)]));
  const named = (state: StandardState) => org.standards.filter((s) => s.state === state).map((s) => titles.get(s.standardId) ?? s.standardId);
  const problems: string[] = [];
  const notMet = named("not_met");
  if (notMet.length > 0) problems.push(label("map.notMet", lang, { list: notMet.join(", ") }));
  const errors = named("error");
  if (errors.length > 0) problems.push(label("map.errors", lang, { list: errors.join(", ") }));
  const tests = [...new Set(org.failing.map((f) => f.testId))];
  if (tests.length > 0) {
    const shown = tests.slice(0, MAX_LISTED_TESTS).join(", ");
    const more = tests.length > MAX_LISTED_TESTS ? label("map.more", lang, { n: tests.length - MAX_LISTED_TESTS }) : "";
    problems.push(label("map.failingTests", lang, { list: shown + more }));
  }
  return problems;
}

/** No value: not in the report, or nothing judged (the title still says what ended in error). */
function noData(org: OrganisationReport | undefined, report: Report, lang: ReportLanguage): MunicipalityValue {
  return { classId: NO_DATA_CLASS_ID, value: label(org ? "map.notMeasured" : "map.notInReport", lang), problems: org ? problemsOf(org, report, lang) : [] };
}

export function mapScaleFor(report: Report, lang: ReportLanguage): MapScale {
  const noDataClass: MapClass = { id: NO_DATA_CLASS_ID, fill: NO_DATA_FILL, label: label("map.noData", lang) };
  const kind = report.meta.profile.kind;

  if (kind === "score") {
    const labels = rangeLabels(SCORE_CLASSES, (n) => formatCount(n, lang), lang);
    return {
      metric: label("map.metric.score", lang),
      classes: [...SCORE_CLASSES.map((c, i) => ({ id: c.id, fill: CIVIDIS_5[i] ?? CIVIDIS_5[0], label: labels[i] ?? c.id })), noDataClass],
      classify(org) {
        if (!org || org.score === null || org.score === undefined) return noData(org, report, lang);
        return { classId: sequentialClassId(SCORE_CLASSES, org.score), value: label("map.value.score", lang, { score: formatCount(org.score, lang) }), problems: problemsOf(org, report, lang) };
      },
    };
  }

  if (kind === "severity") {
    return {
      metric: label("map.metric.severity", lang),
      classes: [...SEVERITY_CLASSES.map((level, i) => ({ id: `severity-${level}`, fill: CIVIDIS_4[i] ?? CIVIDIS_4[0], label: label(`severity.${level}`, lang) })), noDataClass],
      classify(org) {
        if (!org || org.severity === null || org.severity === undefined) return noData(org, report, lang);
        return { classId: `severity-${org.severity}`, value: label("map.value.severity", lang, { level: label(`severity.${org.severity}`, lang) }), problems: problemsOf(org, report, lang) };
      },
    };
  }

  const labels = rangeLabels(STANDARDS_SHARE_CLASSES, (n) => formatShare(n, lang), lang);
  return {
    metric: label("map.metric.standards", lang),
    classes: [...STANDARDS_SHARE_CLASSES.map((c, i) => ({ id: c.id, fill: CIVIDIS_5[i] ?? CIVIDIS_5[0], label: labels[i] ?? c.id })), noDataClass],
    classify(org) {
      if (!org) return noData(org, report, lang);
      const met = org.standards.filter((s) => s.state === "met" || s.state === "explained").length;
      const measured = met + org.standards.filter((s) => s.state === "not_met").length;
      if (measured === 0) return noData(org, report, lang);
      const share = met / measured;
      return {
        classId: sequentialClassId(STANDARDS_SHARE_CLASSES, share),
        value: label("map.value.standards", lang, { met, measured, share: formatShare(share, lang) }),
        problems: problemsOf(org, report, lang),
      };
    },
  };
}
