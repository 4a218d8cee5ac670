// Writes a validated register change set: set-based (one statement per chunk of rows, not per
// row), so importing the 16,539 US domains takes about as many statements as importing 50.
// Runs inside the caller's transaction; the caller commits (import) or rolls back (dry run).

import type { Kysely } from "kysely";
import type { DomainInput, OrganisationInput, RegisterChangeSet } from "../register/model.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";
import type { ImportMeta, ImportSummary } from "./store.ts";

const IN_LIST = rowsPerStatement(1);

type Db = Kysely<Database>;

interface StoredOrganisation {
  id: number;
  key: string;
  name: string;
  type: string;
  parent_id: number | null;
  merged_into_id: number | null;
  valid_from: string | null;
  valid_to: string | null;
  source: string | null;
}

export async function applyChanges(db: Db, changes: RegisterChangeSet, meta: ImportMeta, at: string): Promise<ImportSummary> {
  const summary: ImportSummary = {
    importId: null,
    organisations: { added: 0, updated: 0, unchanged: 0 },
    domains: { added: 0, updated: 0, unchanged: 0 },
    links: { added: 0, unchanged: 0 },
    tagsAdded: 0,
  };
  const orgIds = await applyOrganisations(db, changes.organisations, changes.links.map((l) => l.organisationKey), meta, at, summary);
  const domainIds = await applyDomains(db, changes.domains, meta, at, summary);
  await applyLinks(db, changes, orgIds, domainIds, at, summary);
  const row = await db.insertInto("register_import").values({
    imported_at: at, source: meta.source, file_name: meta.fileName, file_sha256: meta.fileSha256,
    format: meta.format, row_count: meta.rowCount, summary: JSON.stringify(summary),
  }).returning("id").executeTakeFirstOrThrow();
  summary.importId = row.id;
  return summary;
}

async function loadOrganisations(db: Db, keys: readonly string[]): Promise<Map<string, StoredOrganisation>> {
  const found = new Map<string, StoredOrganisation>();
  for (const part of chunks([...new Set(keys)], IN_LIST)) {
    const rows = await db.selectFrom("organisation")
      .select(["id", "key", "name", "type", "parent_id", "merged_into_id", "valid_from", "valid_to", "source"])
      .where("key", "in", part).execute();
    for (const r of rows) found.set(r.key, r);
  }
  return found;
}

/** Organisation keys the change set refers to without describing them must already be stored. */
export class UnknownOrganisationKeyError extends Error {}

async function applyOrganisations(db: Db, orgs: readonly OrganisationInput[], linkedKeys: readonly string[], meta: ImportMeta, at: string, summary: ImportSummary): Promise<Map<string, number>> {
  const referenced = [...orgs.flatMap((o) => [o.key, o.parentKey, o.mergedIntoKey].filter((k): k is string => k !== undefined)), ...linkedKeys];
  const stored = await loadOrganisations(db, referenced);
  const described = new Set(orgs.map((o) => o.key));
  const unknown = [...new Set(referenced)].filter((k) => !stored.has(k) && !described.has(k));
  if (unknown.length > 0) throw new UnknownOrganisationKeyError(`no organisation ${unknown.map((k) => `"${k}"`).join(", ")} in the register or the change set`);
  const fresh = orgs.filter((o) => !stored.has(o.key));
  for (const part of chunks(fresh, rowsPerStatement(9))) {
    const rows = await db.insertInto("organisation").values(part.map((o) => ({
      key: o.key, name: o.name ?? o.key, type: o.type ?? "other", parent_id: null, merged_into_id: null,
      valid_from: o.validFrom ?? null, valid_to: o.validTo ?? null, source: o.source ?? meta.source, created_at: at, updated_at: at,
    }))).returning(["id", "key", "name", "type", "parent_id", "merged_into_id", "valid_from", "valid_to", "source"]).execute();
    for (const r of rows) stored.set(r.key, r);
  }
  summary.organisations.added = fresh.length;
  const isFresh = new Set(fresh.map((o) => o.key));
  const idOf = (key: string) => stored.get(key)!.id;
  const storedCodes = await loadCodes(db, orgs.map((o) => idOf(o.key)));

  for (const o of orgs) {
    const s = stored.get(o.key)!;
    const wanted = {
      name: o.name ?? s.name,
      type: o.type ?? s.type,
      parent_id: o.parentKey !== undefined ? idOf(o.parentKey) : s.parent_id,
      merged_into_id: o.mergedIntoKey !== undefined ? idOf(o.mergedIntoKey) : s.merged_into_id,
      valid_from: o.validFrom ?? s.valid_from,
      valid_to: o.validTo ?? s.valid_to,
      source: o.source ?? s.source,
    };
    const fieldsChanged = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => wanted[k] !== s[k]);
    const codes = storedCodes.get(s.id) ?? new Map<string, string>();
    const newCodes = Object.entries(o.codes ?? {}).filter(([scheme, code]) => codes.get(scheme) !== code);
    if (fieldsChanged) await db.updateTable("organisation").set({ ...wanted, updated_at: at }).where("id", "=", s.id).execute();
    if (newCodes.length > 0) {
      await db.deleteFrom("organisation_code").where("organisation_id", "=", s.id).where("scheme", "in", newCodes.map(([scheme]) => scheme)).execute();
      await db.insertInto("organisation_code").values(newCodes.map(([scheme, code]) => ({ organisation_id: s.id, scheme, code }))).execute();
    }
    if (isFresh.has(o.key)) continue;
    if (fieldsChanged || newCodes.length > 0) summary.organisations.updated++;
    else summary.organisations.unchanged++;
  }
  return new Map([...stored].map(([key, s]) => [key, s.id]));
}

async function loadCodes(db: Db, orgIds: readonly number[]): Promise<Map<number, Map<string, string>>> {
  const out = new Map<number, Map<string, string>>();
  for (const part of chunks([...new Set(orgIds)], IN_LIST)) {
    const rows = await db.selectFrom("organisation_code").selectAll().where("organisation_id", "in", part).execute();
    for (const r of rows) {
      if (!out.has(r.organisation_id)) out.set(r.organisation_id, new Map());
      out.get(r.organisation_id)!.set(r.scheme, r.code);
    }
  }
  return out;
}

async function applyDomains(db: Db, domains: readonly DomainInput[], meta: ImportMeta, at: string, summary: ImportSummary): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const stored = new Map<string, { id: number; purpose: string; source: string | null; removed_at: string | null }>();
  for (const part of chunks(domains.map((d) => d.name), IN_LIST)) {
    const rows = await db.selectFrom("domain").select(["id", "name", "purpose", "source", "removed_at"]).where("name", "in", part).execute();
    for (const r of rows) stored.set(r.name, r);
  }
  const fresh = domains.filter((d) => !stored.has(d.name));
  for (const part of chunks(fresh, rowsPerStatement(5))) {
    const rows = await db.insertInto("domain").values(part.map((d) => ({
      name: d.name, purpose: d.purpose ?? "both", source: d.source ?? meta.source, first_seen_at: at, last_seen_at: at,
    }))).returning(["id", "name"]).execute();
    for (const r of rows) ids.set(r.name, r.id);
  }
  summary.domains.added = fresh.length;

  // Changed domains, grouped by their new (purpose, source) so each group is one statement.
  const groups = new Map<string, { purpose: string; source: string | null; ids: number[] }>();
  const seen: number[] = [];
  for (const d of domains) {
    const s = stored.get(d.name);
    if (!s) continue;
    ids.set(d.name, s.id);
    seen.push(s.id);
    const purpose = d.purpose ?? s.purpose;
    const source = d.source ?? s.source;
    if (purpose === s.purpose && source === s.source && s.removed_at === null) {
      summary.domains.unchanged++;
      continue;
    }
    summary.domains.updated++;
    const groupKey = JSON.stringify([purpose, source]);
    if (!groups.has(groupKey)) groups.set(groupKey, { purpose, source, ids: [] });
    groups.get(groupKey)!.ids.push(s.id);
  }
  for (const g of groups.values()) {
    for (const part of chunks(g.ids, IN_LIST)) {
      await db.updateTable("domain").set({ purpose: g.purpose, source: g.source, removed_at: null }).where("id", "in", part).execute();
    }
  }
  for (const part of chunks(seen, IN_LIST)) {
    await db.updateTable("domain").set({ last_seen_at: at }).where("id", "in", part).execute();
  }
  summary.tagsAdded = await addTags(db, domains.flatMap((d) => d.tags.map((tag) => ({ domain_id: ids.get(d.name)!, tag }))));
  return ids;
}

/** Inserts the tags not yet present; returns how many were new. */
export async function addTags(db: Db, tags: readonly { domain_id: number; tag: string }[]): Promise<number> {
  const present = new Set<string>();
  for (const part of chunks([...new Set(tags.map((t) => t.domain_id))], IN_LIST)) {
    const rows = await db.selectFrom("domain_tag").selectAll().where("domain_id", "in", part).execute();
    for (const r of rows) present.add(`${r.domain_id} ${r.tag}`);
  }
  const fresh = new Map<string, { domain_id: number; tag: string }>();
  for (const t of tags) if (!present.has(`${t.domain_id} ${t.tag}`)) fresh.set(`${t.domain_id} ${t.tag}`, t);
  for (const part of chunks([...fresh.values()], rowsPerStatement(2))) {
    await db.insertInto("domain_tag").values(part).execute();
  }
  return fresh.size;
}

async function applyLinks(db: Db, changes: RegisterChangeSet, orgIds: Map<string, number>, domainIds: Map<string, number>, at: string, summary: ImportSummary): Promise<void> {
  const current = new Map<string, { id: number; role: string }>();
  for (const part of chunks([...new Set(changes.links.map((l) => domainIds.get(l.domain)!))], IN_LIST)) {
    const rows = await db.selectFrom("organisation_domain").select(["id", "organisation_id", "domain_id", "role"])
      .where("domain_id", "in", part).where("unlinked_at", "is", null).execute();
    for (const r of rows) current.set(`${r.organisation_id} ${r.domain_id}`, r);
  }
  const fresh: { organisation_id: number; domain_id: number; role: string; linked_at: string }[] = [];
  for (const l of changes.links) {
    const organisation_id = orgIds.get(l.organisationKey)!;
    const domain_id = domainIds.get(l.domain)!;
    const existing = current.get(`${organisation_id} ${domain_id}`);
    if (!existing) {
      fresh.push({ organisation_id, domain_id, role: l.role, linked_at: at });
    } else if (existing.role === l.role) {
      summary.links.unchanged++;
    } else {
      // A role change is a new link: the old one ends, so history shows when it changed.
      await db.updateTable("organisation_domain").set({ unlinked_at: at }).where("id", "=", existing.id).execute();
      fresh.push({ organisation_id, domain_id, role: l.role, linked_at: at });
    }
  }
  for (const part of chunks(fresh, rowsPerStatement(4))) {
    await db.insertInto("organisation_domain").values(part).execute();
  }
  summary.links.added = fresh.length;
}
