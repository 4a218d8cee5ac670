// The standards a profile judges, whatever its kind, so reports have one list to show:
// - standards profiles: their own list;
// - score profiles: one standard per (test type, category), id `${type}-${category}`, over every
//   known test of that category that carries points (also tests not implemented yet: a category
//   is only met when all of it was measured);
// - severity profiles: per test type `${type}-no-high` (no high findings) and `${type}-no-medium`
//   (no high or medium findings), over the tests meetlat implements (catalogue.ts): severity
//   judges what was measured, and a test the run did not select leaves it "not measured".

import { TEST_CATALOGUE } from "../checks/catalogue.ts";
import type { Category } from "../checks/catalogue.ts";
import { KNOWN_TESTS } from "../checks/known-tests.ts";
import type { TestType } from "../checks/result.ts";
import type { LocalisedText, ProfileDefinition, SeverityLevel, StandardDefinition } from "./types.ts";

const TEST_TYPES: readonly TestType[] = ["web", "mail"];

const TYPE_LABELS: Readonly<Record<TestType, LocalisedText>> = {
  web: { en: "website", nl: "website" },
  mail: { en: "mail", nl: "e-mail" },
};

const CATEGORY_LABELS: Readonly<Record<Category, LocalisedText>> = {
  ipv6: { en: "IPv6", nl: "IPv6" },
  dnssec: { en: "DNSSEC", nl: "DNSSEC" },
  https: { en: "HTTPS", nl: "HTTPS" },
  appsecpriv: { en: "Security options", nl: "Beveiligingsopties" },
  auth: { en: "Authenticity marks (DMARC, DKIM, SPF)", nl: "Echtheidswaarmerken (DMARC, DKIM, SPF)" },
  starttls: { en: "STARTTLS and DANE", nl: "STARTTLS en DANE" },
  rpki: { en: "RPKI", nl: "RPKI" },
};

/** The severity standards: which finding levels each one forbids. */
export const SEVERITY_STANDARDS: readonly { suffix: string; forbidden: readonly SeverityLevel[]; title: LocalisedText }[] = [
  { suffix: "no-high", forbidden: ["high"], title: { en: "No high-severity findings", nl: "Geen bevindingen met hoge ernst" } },
  { suffix: "no-medium", forbidden: ["high", "medium"], title: { en: "No high- or medium-severity findings", nl: "Geen bevindingen met hoge of middelhoge ernst" } },
];

function withType(title: LocalisedText, type: TestType): LocalisedText {
  return { en: `${title.en} (${TYPE_LABELS[type].en})`, nl: `${title.nl ?? title.en} (${TYPE_LABELS[type].nl})` };
}

export function scoreCategoryTests(type: TestType, category: string): string[] {
  return KNOWN_TESTS.filter((t) => t.type === type && t.category === category && t.fullPoints > 0).map((t) => t.id);
}

export function standardsOf(profile: ProfileDefinition): StandardDefinition[] {
  switch (profile.kind) {
    case "standards":
      return profile.standards;
    case "score":
      return TEST_TYPES.flatMap((type) => profile.categories[type].map((category) => ({
        id: `${type}-${category}`,
        title: withType(CATEGORY_LABELS[category as Category] ?? { en: category }, type),
        testType: type,
        tests: scoreCategoryTests(type, category),
      })));
    case "severity":
      return TEST_TYPES.flatMap((type) => SEVERITY_STANDARDS.map((s) => ({
        id: `${type}-${s.suffix}`,
        title: withType(s.title, type),
        testType: type,
        tests: TEST_CATALOGUE.filter((t) => t.type === type).map((t) => t.id),
      })));
  }
}
