// The register's vocabulary: organisations (typed, with official codes, a parent, a validity
// period and — after a merger — the organisation they merged into) and domains (with purpose,
// tags and source), linked many-to-many. A link is `owner` (the organisation responsible for
// the domain; one at a time) or `related` (uses or oversees it; any number).

import type { TestType } from "../checks/result.ts";
import organisationTypes from "./organisation-types.json" with { type: "json" };

export const PURPOSES = ["web", "mail", "both"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The test types each purpose calls for: a mail-only domain gets no website test. */
export const TEST_TYPES_FOR_PURPOSE: Readonly<Record<Purpose, readonly TestType[]>> = {
  web: ["web"],
  mail: ["mail"],
  both: ["web", "mail"],
};

export const LINK_ROLES = ["owner", "related"] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const ORGANISATION_TYPES: readonly string[] = Object.keys(organisationTypes.types);
export type OrganisationType = string;

export function isOrganisationType(value: string): boolean {
  return ORGANISATION_TYPES.includes(value);
}

/**
 * One organisation as a register file describes it; references are by key. A field left
 * undefined was not stated in the file and keeps its stored value (new organisations get the
 * defaults: type "other", no codes, no parent, open validity).
 */
export interface OrganisationInput {
  key: string;
  name?: string;
  type?: OrganisationType;
  /** Official codes by scheme, e.g. { cbs: "GM0014" }; merged into the stored ones. */
  codes?: Record<string, string>;
  parentKey?: string;
  mergedIntoKey?: string;
  validFrom?: string;
  validTo?: string;
  source?: string;
}

/** A domain as a file describes it; purpose and source undefined = keep (new: "both", the import's source). */
export interface DomainInput {
  name: string;
  purpose?: Purpose;
  /** Added to the stored tags (tags are removed only by `register tag --remove`). */
  tags: string[];
  source?: string;
}

export interface LinkInput {
  organisationKey: string;
  domain: string;
  role: LinkRole;
}

/** What one import adds or updates; validated before it reaches the store. */
export interface RegisterChangeSet {
  organisations: OrganisationInput[];
  domains: DomainInput[];
  links: LinkInput[];
}

/** Purposes combine: a domain seen as web in one source and mail in another is both. */
export function combinePurposes(a: Purpose, b: Purpose): Purpose {
  return a === b ? a : "both";
}
