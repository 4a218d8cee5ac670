// Every text the reports print, in Dutch and English (i18n/nl.json, i18n/en.json: one flat
// catalogue per language, the same keys in both — a unit test fails on a key missing in one).
// Titles of profiles and standards come from the profile itself (LocalisedText).

import type { LocalisedText } from "../profiles/types.ts";
import type { ReportLanguage } from "./model.ts";
import en from "./i18n/en.json" with { type: "json" };
import nl from "./i18n/nl.json" with { type: "json" };

export type LabelKey = keyof typeof en;
export type LabelParams = Record<string, string | number>;

export const REPORT_LANGUAGES: readonly ReportLanguage[] = ["nl", "en"];
export const DEFAULT_REPORT_LANGUAGE: ReportLanguage = "nl";

export const LABEL_CATALOGUES: Readonly<Record<ReportLanguage, Readonly<Record<string, string>>>> = { en, nl };

/**
 * The text for `key` in `lang`, with `{name}` placeholders filled from `params`. A key missing
 * in one language falls back to English (the unit test keeps that from happening); a placeholder
 * without a value is a programming error and throws.
 */
export function label(key: LabelKey, lang: ReportLanguage, params?: LabelParams): string {
  const text = LABEL_CATALOGUES[lang][key] ?? LABEL_CATALOGUES.en[key];
  if (text === undefined) throw new Error(`no report label "${key}"`);
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`report label "${key}" needs a value for {${name}}`);
    return String(value);
  });
}

export function isLabelKey(key: string): key is LabelKey {
  return Object.hasOwn(LABEL_CATALOGUES.en, key);
}

/** A profile's text in the language, English when it has no translation. */
export function localise(text: LocalisedText, lang: ReportLanguage): string {
  return (lang === "nl" ? text.nl : undefined) ?? text.en;
}

/** The plural heading for an organisation type ("Gemeenten"); an unknown type shows as stored. */
export function organisationTypeLabel(type: string, lang: ReportLanguage): string {
  const key = `orgType.${type}`;
  return isLabelKey(key) ? label(key, lang) : type;
}
