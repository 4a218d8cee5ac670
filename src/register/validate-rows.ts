// From parsed rows to a register change set, checking everything that involves more than one
// cell: an organisation described differently on two rows, duplicate domains, references to
// organisations that exist nowhere, a merger without an end date, codes used twice, and a
// domain with two owners at the same time — in the file or together with the register as
// stored. Every problem is reported with its line; nothing is written here.

import codeSchemes from "./code-schemes.json" with { type: "json" };
import type { ProblemList } from "./import-problem.ts";
import type { ColumnName } from "./map-columns.ts";
import type { DomainInput, LinkInput, OrganisationInput, Purpose, RegisterChangeSet } from "./model.ts";
import type { ParsedRow } from "./parse-row.ts";
import type { ExistingOrganisation, ExistingOwner, RegisterStore } from "../store/store.ts";

/** The part of the store validation reads (a stub with nothing in it validates a file alone). */
export type RegisterLookups = Pick<RegisterStore, "existingOrganisations" | "existingOwners" | "existingCodes">;

export const EMPTY_REGISTER: RegisterLookups = {
  existingOrganisations: async () => new Map(),
  existingOwners: async () => [],
  existingCodes: async () => new Map(),
};

const PATTERNS_BY_TYPE: Record<string, Record<string, string> | undefined> = Object.fromEntries(
  Object.entries(codeSchemes.schemes).map(([scheme, s]) => [scheme, (s as { patternByOrganisationType?: Record<string, string> }).patternByOrganisationType]),
);

interface Stated<T> {
  value: T;
  line: number;
}

type OrgAttribute = "organisation" | "organisation_type" | "parent" | "valid_from" | "valid_to" | "merged_into";

interface OrgDraft {
  key: string;
  line: number;
  attributes: Map<OrgAttribute, Stated<string>>;
  codes: Map<string, Stated<string>>;
  sources: string[];
}

interface DomainDraft {
  name: string;
  line: number;
  purpose?: Stated<Purpose>;
  tags: Set<string>;
  sources: string[];
}

interface LinkDraft extends LinkInput {
  line: number;
}

const ORG_ATTRIBUTES: readonly [OrgAttribute, (r: ParsedRow) => string | undefined][] = [
  ["organisation", (r) => r.organisation],
  ["organisation_type", (r) => r.organisationType],
  ["parent", (r) => r.parent],
  ["valid_from", (r) => r.validFrom],
  ["valid_to", (r) => r.validTo],
  ["merged_into", (r) => r.mergedInto],
];

function addSource(list: string[], source: string | undefined): void {
  if (source !== undefined && !list.includes(source)) list.push(source);
}

/** Collects the rows into organisations, domains and links, reporting contradictions. */
function consolidate(rows: readonly ParsedRow[], problems: ProblemList, domainColumn: boolean) {
  const orgs = new Map<string, OrgDraft>();
  const domains = new Map<string, DomainDraft>();
  const links = new Map<string, LinkDraft>();
  const bareDomains = new Map<string, number>();

  for (const r of rows) {
    const orgInvalid = r.invalid.has("organisation") || r.invalid.has("organisation_id");
    if (r.organisationKey === undefined && !orgInvalid) {
      for (const [field, get] of ORG_ATTRIBUTES) if (field !== "organisation" && get(r) !== undefined) problems.add(r.line, field, "needs an organisation on the same row", r.cells.get(field));
      if (r.codes !== undefined) problems.add(r.line, "codes", "needs an organisation on the same row", r.cells.get("codes"));
      if (r.role !== undefined) problems.add(r.line, "role", "needs an organisation on the same row", r.cells.get("role"));
    }
    if (r.domain === undefined && domainColumn && !r.invalid.has("domain")) {
      if (r.purpose !== undefined) problems.add(r.line, "purpose", "needs a domain on the same row", r.cells.get("purpose"));
      if (r.tags.length > 0) problems.add(r.line, "tags", "needs a domain on the same row", r.cells.get("tags"));
      if (r.organisationKey === undefined && !orgInvalid) {
        problems.add(r.line, "domain", "the row has neither a domain nor an organisation", r.cells.get("domain"));
        continue;
      }
    }

    if (r.organisationKey !== undefined) {
      const key = r.organisationKey;
      if (!orgs.has(key)) orgs.set(key, { key, line: r.line, attributes: new Map(), codes: new Map(), sources: [] });
      const org = orgs.get(key)!;
      addSource(org.sources, r.source);
      for (const [field, get] of ORG_ATTRIBUTES) {
        const value = get(r);
        if (value === undefined) continue;
        const earlier = org.attributes.get(field);
        if (!earlier) org.attributes.set(field, { value, line: r.line });
        else if (earlier.value !== value) problems.add(r.line, field, `organisation "${key}" is given ${field} "${value}" here but "${earlier.value}" on line ${earlier.line}`, r.cells.get(field));
      }
      for (const [scheme, code] of Object.entries(r.codes ?? {})) {
        const earlier = org.codes.get(scheme);
        if (!earlier) org.codes.set(scheme, { value: code, line: r.line });
        else if (earlier.value !== code) problems.add(r.line, "codes", `organisation "${key}" is given ${scheme} code "${code}" here but "${earlier.value}" on line ${earlier.line}`, r.cells.get("codes"));
      }
      if (org.attributes.get("parent")?.value === key && org.attributes.get("parent")!.line === r.line) problems.add(r.line, "parent", "an organisation cannot be its own parent", r.cells.get("parent"));
      if (org.attributes.get("merged_into")?.value === key && org.attributes.get("merged_into")!.line === r.line) problems.add(r.line, "merged_into", "an organisation cannot merge into itself", r.cells.get("merged_into"));
    }

    if (r.domain !== undefined) {
      const name = r.domain;
      if (!domains.has(name)) domains.set(name, { name, line: r.line, tags: new Set(), sources: [] });
      const d = domains.get(name)!;
      addSource(d.sources, r.source);
      for (const t of r.tags) d.tags.add(t);
      if (r.purpose !== undefined) {
        if (!d.purpose) d.purpose = { value: r.purpose, line: r.line };
        else if (d.purpose.value !== r.purpose) problems.add(r.line, "purpose", `domain "${name}" has purpose "${r.purpose}" here but "${d.purpose.value}" on line ${d.purpose.line}`, r.cells.get("purpose"));
      }
      if (r.organisationKey === undefined) {
        const earlier = bareDomains.get(name);
        if (earlier !== undefined) problems.add(r.line, "domain", `duplicate domain "${name}": also on line ${earlier}`, r.cells.get("domain"));
        else bareDomains.set(name, r.line);
      } else {
        const pair = `${r.organisationKey} ${name}`;
        const earlier = links.get(pair);
        if (earlier) problems.add(r.line, "domain", `duplicate domain "${name}" for organisation "${r.organisationKey}": also on line ${earlier.line}`, r.cells.get("domain"));
        else links.set(pair, { organisationKey: r.organisationKey, domain: name, role: r.role ?? "owner", line: r.line });
      }
    }
  }
  return { orgs, domains, links };
}

interface Validity {
  from: string | null;
  to: string | null;
}

function overlaps(a: Validity, b: Validity): boolean {
  return (a.from ?? "0000-00-00") <= (b.to ?? "9999-99-99") && (b.from ?? "0000-00-00") <= (a.to ?? "9999-99-99");
}

export async function validateRows(
  rows: readonly ParsedRow[],
  lookups: RegisterLookups,
  problems: ProblemList,
  cellOf: (line: number, field: ColumnName) => string | undefined,
  // Without a domain column (already reported), rows are not also blamed one by one for lacking a domain.
  options: { domainColumn: boolean } = { domainColumn: true },
): Promise<RegisterChangeSet> {
  const { orgs, domains, links } = consolidate(rows, problems, options.domainColumn);
  const attr = (o: OrgDraft, a: OrgAttribute) => o.attributes.get(a);

  const referenced = new Set<string>(orgs.keys());
  for (const o of orgs.values()) for (const a of ["parent", "merged_into"] as const) if (attr(o, a)) referenced.add(attr(o, a)!.value);
  const existing = await lookups.existingOrganisations([...referenced]);
  const known = (key: string) => orgs.has(key) || existing.has(key);
  const finalOf = (key: string): { type: string; validity: Validity; inFile: boolean; stored?: ExistingOrganisation } => {
    const o = orgs.get(key);
    const s = existing.get(key);
    return {
      inFile: o !== undefined,
      type: (o && attr(o, "organisation_type")?.value) ?? s?.type ?? "other",
      validity: { from: (o && attr(o, "valid_from")?.value) ?? s?.validFrom ?? null, to: (o && attr(o, "valid_to")?.value) ?? s?.validTo ?? null },
      ...(s ? { stored: s } : {}),
    };
  };

  for (const o of orgs.values()) {
    if (!attr(o, "organisation") && !existing.has(o.key)) {
      problems.add(o.line, "organisation_id", `organisation "${o.key}" is not in the register; give its name (organisation column)`, cellOf(o.line, "organisation_id"));
    }
    for (const a of ["parent", "merged_into"] as const) {
      const ref = attr(o, a);
      if (ref && ref.value !== o.key && !known(ref.value)) problems.add(ref.line, a, `no organisation "${ref.value}" in this file or in the register`, cellOf(ref.line, a));
    }
    const { type, validity } = finalOf(o.key);
    const merged = attr(o, "merged_into");
    if (merged && validity.to === null) {
      problems.add(merged.line, "valid_to", `"${o.key}" merged into "${merged.value}" but has no valid_to (the last day it existed)`, cellOf(merged.line, "valid_to"));
    }
    if (validity.from !== null && validity.to !== null && validity.from > validity.to) {
      const line = (attr(o, "valid_to") ?? attr(o, "valid_from"))!.line;
      problems.add(line, "valid_to", `valid_to ${validity.to} is before valid_from ${validity.from}`, cellOf(line, "valid_to"));
    }
    for (const [scheme, code] of o.codes) {
      const pattern = PATTERNS_BY_TYPE[scheme]?.[type];
      if (pattern && !new RegExp(pattern).test(code.value)) problems.add(code.line, "codes", `"${code.value}" is not a ${scheme} code for a ${type} (${pattern})`, cellOf(code.line, "codes"));
    }
  }
  reportParentCycles(orgs, problems, cellOf);

  // An official code belongs to one organisation.
  const codeHolders = new Map<string, { key: string; line: number }>();
  for (const o of orgs.values()) {
    for (const [scheme, code] of o.codes) {
      const id = `${scheme}:${code.value}`;
      const earlier = codeHolders.get(id);
      if (earlier) problems.add(code.line, "codes", `${id} is also the code of "${earlier.key}" (line ${earlier.line})`, cellOf(code.line, "codes"));
      else codeHolders.set(id, { key: o.key, line: code.line });
    }
  }
  const storedCodes = await lookups.existingCodes([...codeHolders.keys()].map((id) => ({ scheme: id.slice(0, id.indexOf(":")), code: id.slice(id.indexOf(":") + 1) })));
  for (const [id, holder] of codeHolders) {
    const storedKey = storedCodes.get(id);
    if (storedKey !== undefined && storedKey !== holder.key) problems.add(holder.line, "codes", `${id} already belongs to "${storedKey}" in the register`, cellOf(holder.line, "codes"));
  }

  reportOwnershipConflicts([...links.values()], await lookups.existingOwners([...new Set([...links.values()].filter((l) => l.role === "owner").map((l) => l.domain))]), finalOf, problems, cellOf);

  return {
    organisations: [...orgs.values()].map((o) => toOrganisationInput(o)),
    domains: [...domains.values()].map((d): DomainInput => ({
      name: d.name, tags: [...d.tags].sort(),
      ...(d.purpose ? { purpose: d.purpose.value } : {}),
      ...(d.sources.length > 0 ? { source: d.sources.join("; ") } : {}),
    })),
    links: [...links.values()].map(({ organisationKey, domain, role }) => ({ organisationKey, domain, role })),
  };
}

function toOrganisationInput(o: OrgDraft): OrganisationInput {
  const v = (a: OrgAttribute) => o.attributes.get(a)?.value;
  const input: OrganisationInput = { key: o.key };
  if (v("organisation") !== undefined) input.name = v("organisation")!;
  if (v("organisation_type") !== undefined) input.type = v("organisation_type")!;
  if (v("parent") !== undefined) input.parentKey = v("parent")!;
  if (v("merged_into") !== undefined) input.mergedIntoKey = v("merged_into")!;
  if (v("valid_from") !== undefined) input.validFrom = v("valid_from")!;
  if (v("valid_to") !== undefined) input.validTo = v("valid_to")!;
  if (o.codes.size > 0) input.codes = Object.fromEntries([...o.codes].map(([s, c]) => [s, c.value]));
  if (o.sources.length > 0) input.source = o.sources.join("; ");
  return input;
}

function reportParentCycles(orgs: Map<string, OrgDraft>, problems: ProblemList, cellOf: (line: number, field: ColumnName) => string | undefined): void {
  const reported = new Set<string>();
  for (const start of orgs.keys()) {
    const path: string[] = [];
    let key: string | undefined = start;
    while (key !== undefined && orgs.has(key) && !path.includes(key)) {
      path.push(key);
      key = orgs.get(key)!.attributes.get("parent")?.value;
    }
    if (key === start && path.length > 1 && !path.some((k) => reported.has(k))) {
      for (const k of path) reported.add(k);
      const line = orgs.get(start)!.attributes.get("parent")!.line;
      problems.add(line, "parent", `parents form a cycle: ${[...path, start].join(" → ")}`, cellOf(line, "parent"));
    }
  }
}

function reportOwnershipConflicts(
  links: readonly LinkDraft[],
  stored: readonly ExistingOwner[],
  finalOf: (key: string) => { validity: Validity; inFile: boolean },
  problems: ProblemList,
  cellOf: (line: number, field: ColumnName) => string | undefined,
): void {
  const owners = new Map<string, { key: string; line?: number; validity: Validity }[]>();
  for (const l of links) {
    if (l.role === "owner") owners.set(l.domain, [...(owners.get(l.domain) ?? []), { key: l.organisationKey, line: l.line, validity: finalOf(l.organisationKey).validity }]);
  }
  for (const s of stored) {
    const list = owners.get(s.domain);
    if (!list || list.some((o) => o.key === s.organisationKey)) continue;
    // The file may end a stored owner's validity (a merger): then the file's dates count.
    const f = finalOf(s.organisationKey);
    list.push({ key: s.organisationKey, validity: f.inFile ? f.validity : { from: s.validFrom, to: s.validTo } });
  }
  for (const [domain, list] of owners) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        // a comes first: a link from the file; b is a later link in the file or a stored one.
        const [a, b] = [list[j]!, list[i]!];
        if (a.line === undefined || !overlaps(a.validity, b.validity)) continue;
        const line = b.line ?? a.line;
        const [here, other] = b.line === undefined ? [a, b] : [b, a];
        const where = other.line === undefined ? "already in the register" : `line ${other.line}`;
        problems.add(line, "role", `domain "${domain}" would have two owners at the same time: "${here.key}" and "${other.key}" (${where}); a domain has one owner at a time — make one link role "related", or end the former owner with valid_to`, cellOf(line, "role"));
      }
    }
  }
}
