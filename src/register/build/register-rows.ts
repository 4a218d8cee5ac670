// The builders' output: organisations and domains collected from the sources, written as a
// register file in the import format (one row per organisation–domain link; an organisation
// without domains and a domain without organisation each get a row of their own).

import type { ColumnName } from "../map-columns.ts";
import type { LinkRole, Purpose } from "../model.ts";

export interface BuiltOrganisation {
  key: string;
  name: string;
  type: string;
  codes: Record<string, string>;
  parent?: string;
  validFrom?: string;
  validTo?: string;
  mergedInto?: string;
}

export interface BuiltDomain {
  name: string;
  purposes: Set<"web" | "mail">;
  tags: Set<string>;
  sources: Set<string>;
  links: Map<string, LinkRole>;
}

export type RegisterRow = Partial<Record<ColumnName, string>>;

export const OUTPUT_COLUMNS: readonly ColumnName[] = [
  "organisation_id", "organisation", "organisation_type", "codes", "parent", "valid_from", "valid_to", "merged_into",
  "domain", "purpose", "role", "tags", "source",
];

export function newDomain(name: string): BuiltDomain {
  return { name, purposes: new Set(), tags: new Set(), sources: new Set(), links: new Map() };
}

function purposeOf(d: BuiltDomain): Purpose {
  return d.purposes.size === 1 ? [...d.purposes][0]! : "both";
}

function organisationCells(o: BuiltOrganisation): RegisterRow {
  return {
    organisation_id: o.key, organisation: o.name, organisation_type: o.type,
    codes: Object.entries(o.codes).map(([s, c]) => `${s}:${c}`).join(";"),
    parent: o.parent ?? "", valid_from: o.validFrom ?? "", valid_to: o.validTo ?? "", merged_into: o.mergedInto ?? "",
  };
}

function domainCells(d: BuiltDomain): RegisterRow {
  return { domain: d.name, purpose: purposeOf(d), tags: [...d.tags].sort().join(";"), source: [...d.sources].sort().join("; ") };
}

/** Rows sorted by organisation key then domain; unattached domains last. */
export function toRows(organisations: Iterable<BuiltOrganisation>, domains: Iterable<BuiltDomain>, orgSource: (o: BuiltOrganisation) => string): RegisterRow[] {
  const byOrg = new Map<string, BuiltDomain[]>();
  const unattached: BuiltDomain[] = [];
  for (const d of domains) {
    if (d.links.size === 0) unattached.push(d);
    for (const key of d.links.keys()) byOrg.set(key, [...(byOrg.get(key) ?? []), d]);
  }
  const rows: RegisterRow[] = [];
  for (const o of [...organisations].sort((a, b) => a.key.localeCompare(b.key))) {
    const own = (byOrg.get(o.key) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    if (own.length === 0) rows.push({ ...organisationCells(o), source: orgSource(o) });
    for (const d of own) rows.push({ ...organisationCells(o), ...domainCells(d), role: d.links.get(o.key)! });
  }
  for (const d of unattached.sort((a, b) => a.name.localeCompare(b.name))) rows.push(domainCells(d));
  return rows;
}

function csvField(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value;
}

export function rowsToCsv(rows: readonly RegisterRow[]): string {
  const lines = [OUTPUT_COLUMNS.join(",")];
  for (const r of rows) lines.push(OUTPUT_COLUMNS.map((c) => csvField(r[c] ?? "")).join(","));
  return lines.join("\n") + "\n";
}
