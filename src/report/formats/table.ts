// The terminal report. By type: the table a measurement report opens with — per organisation
// type and standard, the share of domains and of organisations that comply, with counts and the
// change in percentage points against the compared run. By organisation and by domain: one block
// each, with the standards, the failing tests and the explanations.

import type { Report, ReportLanguage, ReportLevel, ReportStandard, Tally, TypeSummary } from "../model.ts";
import { complianceShare } from "../model.ts";
import { changeInPoints, compliantOf } from "../tally.ts";
import { alignColumns } from "./text-columns.ts";
import { NO_ORGANISATION_TYPE } from "../run-pass.ts";
import { counted, decimal, integer, percent, points, stateWord, text, typeWord, word } from "./words.ts";

export function renderTable(report: Report, level: ReportLevel, lang: ReportLanguage): string {
  const body = level === "type" ? byType(report, lang) : level === "org" ? byOrganisation(report, lang) : byDomain(report, lang);
  return [...heading(report, lang), ...body].join("\n") + "\n";
}

function heading(report: Report, lang: ReportLanguage): string[] {
  const { run, compareRun, profile, asOf } = report.meta;
  const started = `${run.startedAt.slice(0, 16).replace("T", " ")} UTC`;
  const compared = compareRun ? `${word("comparedWith", lang)} ${compareRun.id} (${compareRun.startedAt.slice(0, 10)})` : word("noComparison", lang);
  return [
    `${word("report", lang)} · ${word("profile", lang)}: ${text(profile.title, lang)} (${profile.id})`,
    `${word("run", lang)} ${run.id}, ${word("started", lang)} ${started} · ${compared} · ${word("explanationsJudgedOn", lang)} ${asOf}`,
  ];
}

function standardTitle(s: ReportStandard, lang: ReportLanguage): string {
  return text(s.title, lang);
}

/** "812/1.000": compliant of measured. */
function counts(t: Tally, lang: ReportLanguage): string {
  const { compliant, measured } = compliantOf(t);
  return `${integer(compliant, lang)}/${integer(measured, lang)}`;
}

function share(t: Tally, lang: ReportLanguage): string {
  const s = complianceShare(t);
  if (t.partial) return word("partlyMeasured", lang);
  return s === null ? word("nothingMeasured", lang) : percent(s, lang);
}

function change(current: Tally, previous: Tally | undefined, lang: ReportLanguage): string {
  const c = changeInPoints(current, previous);
  return c === null ? "" : points(Math.round(c * 10) / 10, lang);
}

/** Explained and error counts, and domains not measured (a standard some of whose tests did not run). */
function notes(t: Tally, lang: ReportLanguage): string {
  const parts: [number, string][] = [[t.explained, word("explained", lang)], [t.error, word("errors", lang)], [t.notMeasured, word("notMeasured", lang)]];
  return parts.filter(([n]) => n > 0).map(([n, w]) => `${w}: ${integer(n, lang)}`).join(", ");
}

function byType(report: Report, lang: ReportLanguage): string[] {
  const compared = report.meta.compareRun !== null;
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  const out: string[] = [];
  for (const t of report.byType) {
    const unattached = t.organisationType === NO_ORGANISATION_TYPE;
    out.push("", `${typeWord(t.organisationType, lang)} — ${unattached ? "" : `${counted(t.organisations, "organisation", "organisations", lang)}, `}${counted(t.domains, "domain", "domains", lang)}`);
    const header = [word("standard", lang), word("domains", lang), "", ...(compared ? ["±pp"] : []), word("organisations", lang), "", ...(compared ? ["±pp"] : []), ""];
    const rows = t.standards.map((row) => {
      const s = standards.get(row.standardId)!;
      if (s.notMeasured) return [standardTitle(s, lang), word("notMeasured", lang)];
      // Domains without an organisation have no organisation figures.
      const organisations = unattached ? ["", "", ...(compared ? [""] : [])]
        : [share(row.organisations, lang), counts(row.organisations, lang), ...(compared ? [change(row.organisations, row.previous?.organisations, lang)] : [])];
      return [
        standardTitle(s, lang),
        share(row.domains, lang), counts(row.domains, lang), ...(compared ? [change(row.domains, row.previous?.domains, lang)] : []),
        ...organisations,
        notes(row.domains, lang),
      ];
    });
    const right = compared ? [false, true, true, true, true, true, true, false] : [false, true, true, true, true, false];
    out.push(...alignColumns([header, ...rows], right, "  "));
    out.push(...extras(t, lang));
  }
  return out;
}

function extras(t: TypeSummary, lang: ReportLanguage): string[] {
  const out: string[] = [];
  if (t.meanScore) {
    const fmt = (n: number | null) => (n === null ? word("nothingMeasured", lang) : decimal(n, lang));
    out.push(`  ${word("meanScore", lang)}: ${fmt(t.meanScore.current)}${t.meanScore.previous !== null ? ` (${word("previousRun", lang)}: ${fmt(t.meanScore.previous)})` : ""}`);
  }
  if (t.severity) {
    const levels = (["high", "medium", "low", "none"] as const).map((l) => `${word(l, lang)} ${integer(t.severity![l], lang)}`);
    out.push(`  ${word("worstFinding", lang)}: ${levels.join(" · ")}`);
  }
  return out;
}

function byOrganisation(report: Report, lang: ReportLanguage): string[] {
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  const out: string[] = [];
  for (const o of report.organisations) {
    const codes = Object.entries(o.codes).map(([scheme, code]) => `${scheme} ${code}`);
    out.push("", [o.name, o.type, ...codes, counted(o.domains.length, "domain", "domains", lang)].join(" · "));
    out.push(...alignColumns(o.standards.map((s) => {
      const def = standards.get(s.standardId)!;
      return [standardTitle(def, lang), stateWord(s.state, lang), def.notMeasured ? "" : `${integer(s.domainsMet, lang)}/${integer(s.domainsMeasured, lang)}`];
    }), [false, false, true], "  "));
    if (o.score !== undefined) out.push(`  ${word("score", lang)}: ${o.score === null ? word("nothingMeasured", lang) : decimal(o.score, lang)}`);
    if (o.severity !== undefined) out.push(`  ${word("severity", lang)}: ${o.severity === null ? word("nothingMeasured", lang) : word(o.severity, lang)}`);
    if (o.failing.length > 0) {
      out.push(`  ${word("failing", lang)}:`);
      out.push(...alignColumns(o.failing.map((f) => [f.domain, f.testId, f.verdict, f.reason]), [], "    "));
    }
    if (o.explained.length > 0) {
      out.push(`  ${word("explained", lang)}:`);
      out.push(...alignColumns(o.explained.map((e) => [e.domain, e.testId, e.verdict, explanationText(e.explanation, lang)]), [], "    "));
    }
  }
  return out;
}

function explanationText(e: { reason: string; until: string; by: string | null }, lang: ReportLanguage): string {
  return `"${e.reason}" (${word("until", lang)} ${e.until}${e.by ? `, ${word("by", lang)} ${e.by}` : ""})`;
}

function byDomain(report: Report, lang: ReportLanguage): string[] {
  if (!report.domains) throw new Error("this report was built without its domain level (buildReport with includeDomains)");
  const standards = new Map(report.standards.map((s) => [s.id, s]));
  const out: string[] = [];
  for (const d of report.domains) {
    out.push("", [d.domain, ...d.organisations.map((o) => o.name)].join(" — "));
    out.push(...alignColumns(d.tests.map((t) => [t.type, t.testId, t.status, t.verdict, t.reason + (t.explanation ? ` [${word("explained", lang)}: ${explanationText(t.explanation, lang)}]` : "")]), [], "  "));
    const states = d.standards.filter((s) => standards.has(s.standardId)).map((s) => `${text(standards.get(s.standardId)!.title, lang)}: ${stateWord(s.state, lang)}`);
    if (states.length > 0) out.push(`  ${states.join(" · ")}`);
    if (typeof d.score === "number") out.push(`  ${word("score", lang)}: ${decimal(d.score, lang)}`);
    if (d.severity !== undefined && d.severity !== null) out.push(`  ${word("severity", lang)}: ${word(d.severity, lang)}`);
  }
  return out;
}
