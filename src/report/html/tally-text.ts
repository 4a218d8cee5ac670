// A tally as readers see it: the share that complies with its counts ("75 % (15 of 20)"), or
// "not measured" when nothing was judged — never shown as 0 % or 100 %.

import { complianceShare } from "../model.ts";
import type { ReportLanguage, Tally } from "../model.ts";
import { label } from "../i18n.ts";
import { formatChange, formatCount, formatShare } from "./format.ts";

export function complied(t: Tally): number {
  return t.met + t.explained;
}

export function measured(t: Tally): number {
  return t.met + t.explained + t.notMet;
}

/** "15 of 20" (organisations or domains that comply, of those judged). */
export function countText(t: Tally, lang: ReportLanguage): string {
  return label("tally.countOf", lang, { n: formatCount(complied(t), lang), of: formatCount(measured(t), lang) });
}

/** "75 % (15 of 20)", "partly measured (0 of 20)", or "not measured". */
export function tallyText(t: Tally, lang: ReportLanguage): string {
  if (t.partial) return `${label("common.partlyMeasured", lang)} (${countText(t, lang)})`;
  const share = complianceShare(t);
  return share === null ? formatShare(null, lang) : `${formatShare(share, lang)} (${countText(t, lang)})`;
}

/** The change in percentage points against the compared run, or null when there is none. */
export function changeText(current: Tally, previous: Tally | undefined, lang: ReportLanguage): string | null {
  return previous ? formatChange(complianceShare(current), complianceShare(previous), lang) : null;
}

/** What was not judged: "2 errors, 3 not measured"; null when everything was. */
export function notJudgedText(t: Tally, lang: ReportLanguage): string | null {
  const parts: string[] = [];
  if (t.error > 0) parts.push(label("tally.errors", lang, { n: formatCount(t.error, lang) }));
  if (t.notMeasured > 0) parts.push(label("tally.notMeasured", lang, { n: formatCount(t.notMeasured, lang) }));
  return parts.length > 0 ? parts.join(", ") : null;
}
