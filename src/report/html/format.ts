// Numbers, shares and dates as readers of each language expect them ("87,5 %" and "87.5%").
// Times are printed in UTC, said so, so the same report reads the same anywhere.

import type { ReportLanguage } from "../model.ts";
import { label } from "../i18n.ts";

const LOCALES: Record<ReportLanguage, string> = { nl: "nl-NL", en: "en-GB" };

const percentFormats = new Map<ReportLanguage, Intl.NumberFormat>();
const numberFormats = new Map<ReportLanguage, Intl.NumberFormat>();

function percentFormat(lang: ReportLanguage): Intl.NumberFormat {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 1 });
    percentFormats.set(lang, f);
  }
  return f;
}

export function formatCount(n: number, lang: ReportLanguage): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 });
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

/** A share in 0..1 as a percentage with at most one decimal; null is "not measured", never 0 %. */
export function formatShare(share: number | null, lang: ReportLanguage): string {
  return share === null ? label("common.notMeasured", lang) : percentFormat(lang).format(share);
}

/** Change between two shares in percentage points ("+5,0 pp"); null when either is missing. */
export function formatChange(current: number | null, previous: number | null, lang: ReportLanguage): string | null {
  if (current === null || previous === null) return null;
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return label("change.unchanged", lang);
  const value = formatCount(Math.abs(points), lang);
  return label(points > 0 ? "change.up" : "change.down", lang, { value });
}

/** "3 maart 2025 10:04 UTC"; the ISO text itself when it does not parse. */
export function formatDateTime(iso: string, lang: ReportLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" }).format(date);
  return `${text} UTC`;
}

/** "3 maart 2025"; for YYYY-MM-DD dates (deadlines, expiry of explanations). */
export function formatDate(isoDate: string, lang: ReportLanguage): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** "2025-03-03": compact dates for chart axes. */
export function formatShortDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}
