// Derives a US register from the CISA .gov registry, through data/registers/us/mapping.json
// only: the proof that the register (types, parents, tags, import) is not Dutch-only.
// Organisations are keyed by state and name (a "City of Alpine" exists in several states);
// a sub-organisation becomes an organisation of its own with its parent.

import mapping from "../../../data/registers/us/mapping.json" with { type: "json" };
import { keyFromName } from "../parse-row.ts";
import { toDomain } from "./hosts.ts";
import type { BuildReport } from "./build-nl.ts";
import { BuildError } from "./build-nl.ts";
import { newDomain, toRows } from "./register-rows.ts";
import type { BuiltDomain, BuiltOrganisation, RegisterRow } from "./register-rows.ts";
import type { SharedSources } from "./sources.ts";

interface Candidate extends BuiltOrganisation {
  types: Set<string>;
}

function typeFor(domainType: string, organisation: string): string {
  const rule = mapping.organisationTypeRules.find((r) =>
    new RegExp(r.domainType).test(domainType) && (r.organisation === undefined || new RegExp(r.organisation).test(organisation)));
  if (!rule) throw new BuildError(`no organisation type for domain type "${domainType}" (data/registers/us/mapping.json)`);
  return rule.type;
}

function preferred(types: Set<string>): string {
  return mapping.organisationTypePreference.find((t) => types.has(t)) ?? [...types][0]!;
}

export function buildUs(src: Pick<SharedSources, "dotgov">): { rows: RegisterRow[]; report: BuildReport } {
  const orgs = new Map<string, Candidate>();
  const domains = new Map<string, BuiltDomain>();
  const federal = new RegExp(mapping.federalDomainType);
  const orgOf = (key: string, name: string) => orgs.get(key) ?? orgs.set(key, { key, name, type: "other", codes: {}, types: new Set() }).get(key)!;

  for (const row of src.dotgov) {
    const { domain: name, error } = toDomain(row.domain);
    if (!name) throw new BuildError(`"${row.domain}": ${error}`);
    if (domains.has(name)) throw new BuildError(`${name} is listed twice`);
    const state = federal.test(row.domainType) || !row.state ? "" : `${row.state.toLowerCase()}:`;
    const top = orgOf(`us:${state}${keyFromName(row.organisation)}`, row.organisation);
    top.types.add(typeFor(row.domainType, row.organisation));
    let owner = top;
    if (row.suborganisation.trim()) {
      owner = orgOf(`${top.key}/${keyFromName(row.suborganisation)}`, row.suborganisation.trim());
      owner.parent = top.key;
      owner.types.add(typeFor(row.domainType, row.suborganisation));
    }
    const d = newDomain(name);
    d.purposes.add("web").add("mail");
    d.sources.add(mapping.source);
    d.tags.add(`dotgov-type:${keyFromName(row.domainType.replace(/ - Election$/, ""))}`);
    for (const t of mapping.domainTags) if (new RegExp(t.domainType).test(row.domainType)) for (const tag of t.tags) d.tags.add(tag);
    if (row.state) d.tags.add(`us-state:${row.state.toLowerCase()}`);
    d.links.set(owner.key, "owner");
    domains.set(name, d);
  }
  for (const o of orgs.values()) o.type = preferred(o.types);

  const byType: Record<string, number> = {};
  for (const o of orgs.values()) byType[`organisations: ${o.type}`] = (byType[`organisations: ${o.type}`] ?? 0) + 1;
  const report: BuildReport = {
    counts: {
      "rows in the registry": src.dotgov.length,
      organisations: orgs.size,
      "sub-organisations (with a parent)": [...orgs.values()].filter((o) => o.parent).length,
      ...Object.fromEntries(Object.entries(byType).sort()),
      domains: domains.size,
    },
    notes: {
      "organisations whose domains map to different types (the preferred type is used)": [...orgs.values()].filter((o) => o.types.size > 1)
        .map((o) => `${o.name} (${o.key}): ${[...o.types].join(", ")} → ${o.type}`),
    },
  };
  if (domains.size !== src.dotgov.length) throw new BuildError(`${domains.size} domains from ${src.dotgov.length} rows`);
  return { rows: toRows(orgs.values(), domains.values(), () => mapping.source), report };
}
