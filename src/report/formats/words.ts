// The words the terminal table and the XLSX print, in Dutch and English: one table, the same
// keys in both languages. Organisation-type names and profile titles come from i18n.ts and the
// profile; numbers are formatted with the language's conventions (81,2 % and 81.2%).

import type { StandardState } from "../../profiles/types.ts";
import { label, localise, organisationTypeLabel } from "../i18n.ts";
import type { LocalisedText } from "../../profiles/types.ts";
import type { ReportLanguage } from "../model.ts";
import { NO_ORGANISATION_TYPE } from "../run-pass.ts";

const EN = {
  report: "meetlat report",
  profile: "profile",
  run: "run",
  started: "started",
  comparedWith: "compared with run",
  noComparison: "no earlier run to compare with",
  explanationsJudgedOn: "explanations judged on",
  organisations: "organisations",
  domains: "domains",
  domain: "domain",
  standard: "standard",
  testType: "test type",
  change: "change (pp)",
  notMeasured: "not measured",
  nothingMeasured: "—",
  partlyMeasured: "partly measured",
  explained: "explained",
  errors: "errors",
  meanScore: "mean score",
  previousRun: "previous run",
  worstFinding: "organisations by worst finding",
  failing: "failing",
  until: "until",
  by: "by",
  score: "score",
  severity: "severity",
  noOrganisation: "domains without an organisation",
  organisation: "organisation",
  organisationType: "organisation type",
  key: "key",
  name: "name",
  codes: "codes",
  state: "state",
  compliantDomains: "domains compliant",
  measuredDomains: "domains measured",
  shareDomains: "% domains",
  changeDomains: "change domains (pp)",
  compliantOrganisations: "organisations compliant",
  measuredOrganisations: "organisations measured",
  shareOrganisations: "% organisations",
  changeOrganisations: "change organisations (pp)",
  explainedDomains: "domains explained",
  errorDomains: "domains with errors",
  notMeasuredDomains: "domains not measured",
  note: "note",
  test: "test",
  title: "title",
  status: "status",
  verdict: "verdict",
  reason: "reason",
  explanation: "explanation",
  explainedUntil: "explained until",
  failingTests: "failing tests",
  explainedTests: "explained tests",
  sheetSummary: "Summary by type",
  sheetOrganisations: "Organisations",
  sheetDomains: "Domains",
  sheetAbout: "About",
  shareRule: "share = (met + explained) / (met + explained + not met); errors and not measured are counted apart",
  generated: "generated",
  version: "meetlat version",
  source: "source",
  value: "value",
  high: "high",
  medium: "medium",
  low: "low",
  none: "none",
} as const;

type WordKey = keyof typeof EN;

const NL: Record<WordKey, string> = {
  report: "meetlat-rapport",
  profile: "profiel",
  run: "run",
  started: "gestart",
  comparedWith: "vergeleken met run",
  noComparison: "geen eerdere run om mee te vergelijken",
  explanationsJudgedOn: "uitleg beoordeeld op",
  organisations: "organisaties",
  domains: "domeinen",
  domain: "domein",
  standard: "standaard",
  testType: "testsoort",
  change: "verschil (pp)",
  notMeasured: "niet gemeten",
  nothingMeasured: "—",
  partlyMeasured: "deels gemeten",
  explained: "uitgelegd",
  errors: "fouten",
  meanScore: "gemiddelde score",
  previousRun: "vorige run",
  worstFinding: "organisaties naar ernstigste bevinding",
  failing: "niet in orde",
  until: "tot",
  by: "door",
  score: "score",
  severity: "ernst",
  noOrganisation: "domeinen zonder organisatie",
  organisation: "organisatie",
  organisationType: "soort organisatie",
  key: "sleutel",
  name: "naam",
  codes: "codes",
  state: "stand",
  compliantDomains: "domeinen die voldoen",
  measuredDomains: "domeinen gemeten",
  shareDomains: "% domeinen",
  changeDomains: "verschil domeinen (pp)",
  compliantOrganisations: "organisaties die voldoen",
  measuredOrganisations: "organisaties gemeten",
  shareOrganisations: "% organisaties",
  changeOrganisations: "verschil organisaties (pp)",
  explainedDomains: "domeinen uitgelegd",
  errorDomains: "domeinen met fouten",
  notMeasuredDomains: "domeinen niet gemeten",
  note: "opmerking",
  test: "test",
  title: "titel",
  status: "status",
  verdict: "oordeel",
  reason: "reden",
  explanation: "uitleg",
  explainedUntil: "uitgelegd tot",
  failingTests: "tests niet in orde",
  explainedTests: "uitgelegde tests",
  sheetSummary: "Samenvatting per soort",
  sheetOrganisations: "Organisaties",
  sheetDomains: "Domeinen",
  sheetAbout: "Over dit rapport",
  shareRule: "aandeel = (voldoet + uitgelegd) / (voldoet + uitgelegd + voldoet niet); fouten en niet gemeten worden apart geteld",
  generated: "gemaakt",
  version: "meetlat-versie",
  source: "bron",
  value: "waarde",
  high: "hoog",
  medium: "middel",
  low: "laag",
  none: "geen",
};

export function word(key: WordKey, lang: ReportLanguage): string {
  return lang === "nl" ? NL[key] : EN[key];
}

/** The state as the HTML report says it too (i18n.ts). */
export function stateWord(state: StandardState, lang: ReportLanguage): string {
  return label(`state.${state}`, lang);
}

/** "1 domein", "5 domeinen". */
export function counted(n: number, singular: WordKey, plural: WordKey, lang: ReportLanguage): string {
  return `${integer(n, lang)} ${word(n === 1 ? singular : plural, lang)}`;
}

export function typeWord(type: string, lang: ReportLanguage): string {
  return type === NO_ORGANISATION_TYPE ? word("noOrganisation", lang) : organisationTypeLabel(type, lang);
}

export function text(t: LocalisedText, lang: ReportLanguage): string {
  return localise(t, lang);
}

const LOCALES: Record<ReportLanguage, string> = { nl: "nl-NL", en: "en-GB" };

// Building an Intl.NumberFormat is costly; a report formats thousands of numbers.
const formats = new Map<string, Intl.NumberFormat>();

function format(lang: ReportLanguage, kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], options);
    formats.set(key, f);
  }
  return f;
}

/** 81,2% / 81.2%: one decimal, the language's separators. */
export function percent(share: number, lang: ReportLanguage): string {
  return format(lang, "percent", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

export function integer(n: number, lang: ReportLanguage): string {
  return format(lang, "integer", { maximumFractionDigits: 0 }).format(n);
}

/** Signed percentage points with one decimal: +2,1 / -0,5 / 0,0. */
export function points(value: number, lang: ReportLanguage): string {
  return format(lang, "points", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
}

export function decimal(n: number, lang: ReportLanguage): string {
  return format(lang, "decimal", { maximumFractionDigits: 1 }).format(n);
}
