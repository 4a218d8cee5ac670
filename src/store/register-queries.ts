// Reading the register: the lookups import validation needs, paged listings (keyset pagination,
// so memory stays flat however large the register), and the counts an import reports.

import { sql } from "kysely";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { LinkRole, Purpose } from "../register/model.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";
import type { DomainFilter, DomainRecord, ExistingOrganisation, ExistingOwner, OrganisationFilter, OrganisationRecord, RegisterCounts } from "./store.ts";

const IN_LIST = rowsPerStatement(1);
const DEFAULT_PAGE = 500;

type Db = Kysely<Database>;

export async function existingOrganisations(db: Db, keys: readonly string[]): Promise<Map<string, ExistingOrganisation>> {
  const out = new Map<string, ExistingOrganisation>();
  for (const part of chunks([...new Set(keys)], IN_LIST)) {
    const rows = await db.selectFrom("organisation").select(["key", "name", "type", "valid_from", "valid_to"]).where("key", "in", part).execute();
    for (const r of rows) out.set(r.key, { key: r.key, name: r.name, type: r.type, validFrom: r.valid_from, validTo: r.valid_to });
  }
  return out;
}

export async function existingOwners(db: Db, domains: readonly string[]): Promise<ExistingOwner[]> {
  const out: ExistingOwner[] = [];
  for (const part of chunks([...new Set(domains)], IN_LIST)) {
    const rows = await db.selectFrom("organisation_domain as l")
      .innerJoin("domain as d", "d.id", "l.domain_id")
      .innerJoin("organisation as o", "o.id", "l.organisation_id")
      .select(["d.name as domain", "o.key", "o.valid_from", "o.valid_to"])
      .where("d.name", "in", part).where("l.role", "=", "owner").where("l.unlinked_at", "is", null).execute();
    for (const r of rows) out.push({ domain: r.domain, organisationKey: r.key, validFrom: r.valid_from, validTo: r.valid_to });
  }
  return out;
}

export async function existingCodes(db: Db, codes: readonly { scheme: string; code: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const bySchemes = new Map<string, string[]>();
  for (const c of codes) bySchemes.set(c.scheme, [...(bySchemes.get(c.scheme) ?? []), c.code]);
  for (const [scheme, values] of bySchemes) {
    for (const part of chunks([...new Set(values)], IN_LIST)) {
      const rows = await db.selectFrom("organisation_code as c").innerJoin("organisation as o", "o.id", "c.organisation_id")
        .select(["c.scheme", "c.code", "o.key"]).where("c.scheme", "=", scheme).where("c.code", "in", part).execute();
      for (const r of rows) out.set(`${r.scheme}:${r.code}`, r.key);
    }
  }
  return out;
}

export async function existingDomains(db: Db, names: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(names)], IN_LIST)) {
    const rows = await db.selectFrom("domain").select("name").where("name", "in", part).execute();
    for (const r of rows) out.add(r.name);
  }
  return out;
}

export async function* organisations(db: Db, filter: OrganisationFilter = {}, pageSize = DEFAULT_PAGE): AsyncIterable<OrganisationRecord> {
  let after = "";
  while (true) {
    let q = db.selectFrom("organisation as o")
      .leftJoin("organisation as p", "p.id", "o.parent_id")
      .leftJoin("organisation as m", "m.id", "o.merged_into_id")
      .select(["o.id", "o.key", "o.name", "o.type", "o.valid_from", "o.valid_to", "o.source", "p.key as parent_key", "m.key as merged_into_key"])
      .select((eb) => eb.selectFrom("organisation_domain as l").whereRef("l.organisation_id", "=", "o.id").where("l.unlinked_at", "is", null)
        .select((e) => e.fn.countAll<number>().as("n")).as("domain_count"))
      .where("o.key", ">", after).orderBy("o.key").limit(pageSize);
    if (filter.type) q = q.where("o.type", "=", filter.type);
    if (filter.validOn) {
      const day = filter.validOn;
      q = q.where((eb) => eb.and([
        eb.or([eb("o.valid_from", "is", null), eb("o.valid_from", "<=", day)]),
        eb.or([eb("o.valid_to", "is", null), eb("o.valid_to", ">=", day)]),
      ]));
    }
    const rows = await q.execute();
    const codes = await codesOf(db, rows.map((r) => r.id));
    for (const r of rows) {
      yield {
        key: r.key, name: r.name, type: r.type, codes: codes.get(r.id) ?? {},
        parentKey: r.parent_key, mergedIntoKey: r.merged_into_key, validFrom: r.valid_from, validTo: r.valid_to,
        source: r.source, domainCount: Number(r.domain_count ?? 0),
      };
    }
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.key;
  }
}

async function codesOf(db: Db, orgIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  if (orgIds.length === 0) return out;
  const rows = await db.selectFrom("organisation_code").selectAll().where("organisation_id", "in", [...orgIds]).orderBy("scheme").execute();
  for (const r of rows) out.set(r.organisation_id, { ...out.get(r.organisation_id), [r.scheme]: r.code });
  return out;
}

export async function* domains(db: Db, filter: DomainFilter = {}, pageSize = DEFAULT_PAGE): AsyncIterable<DomainRecord> {
  let after = "";
  while (true) {
    let q = db.selectFrom("domain as d")
      .select(["d.id", "d.name", "d.purpose", "d.source", "d.first_seen_at", "d.last_seen_at", "d.removed_at"])
      .where("d.name", ">", after).orderBy("d.name").limit(pageSize);
    if (!filter.includeRemoved) q = q.where("d.removed_at", "is", null);
    if (filter.purpose) q = q.where("d.purpose", "=", filter.purpose);
    if (filter.tag) {
      const tag = filter.tag;
      q = q.where((eb) => eb.exists(eb.selectFrom("domain_tag as t").select("t.tag").whereRef("t.domain_id", "=", "d.id").where("t.tag", "=", tag)));
    }
    if (filter.organisationKey || filter.organisationType) {
      const { organisationKey: key, organisationType: type } = filter;
      q = q.where((eb) => eb.exists(eb.selectFrom("organisation_domain as l").innerJoin("organisation as o", "o.id", "l.organisation_id")
        .select("l.id").whereRef("l.domain_id", "=", "d.id").where("l.unlinked_at", "is", null)
        .$if(key !== undefined, (s) => s.where("o.key", "=", key!))
        .$if(type !== undefined, (s) => s.where("o.type", "=", type!))));
    }
    const rows = await q.execute();
    const ids = rows.map((r) => r.id);
    const [tags, links] = await Promise.all([tagsOf(db, ids), linksOf(db, ids)]);
    for (const r of rows) {
      yield {
        name: r.name, purpose: r.purpose as Purpose, tags: tags.get(r.id) ?? [], source: r.source,
        firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at, removedAt: r.removed_at, organisations: links.get(r.id) ?? [],
      };
    }
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.name;
  }
}

async function tagsOf(db: Db, domainIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (domainIds.length === 0) return out;
  const rows = await db.selectFrom("domain_tag").selectAll().where("domain_id", "in", [...domainIds]).orderBy("tag").execute();
  for (const r of rows) out.set(r.domain_id, [...(out.get(r.domain_id) ?? []), r.tag]);
  return out;
}

async function linksOf(db: Db, domainIds: readonly number[]): Promise<Map<number, DomainRecord["organisations"]>> {
  const out = new Map<number, DomainRecord["organisations"]>();
  if (domainIds.length === 0) return out;
  const rows = await db.selectFrom("organisation_domain as l").innerJoin("organisation as o", "o.id", "l.organisation_id")
    .select(["l.domain_id", "o.key", "o.name", "l.role"])
    .where("l.domain_id", "in", [...domainIds]).where("l.unlinked_at", "is", null)
    .orderBy("l.role").orderBy("o.key").execute(); // "owner" sorts before "related"
  for (const r of rows) out.set(r.domain_id, [...(out.get(r.domain_id) ?? []), { key: r.key, name: r.name, role: r.role as LinkRole }]);
  return out;
}

export async function counts(db: Db, today: string): Promise<RegisterCounts> {
  const current = (eb: ExpressionBuilder<Database, "organisation">) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]);
  const byType = await db.selectFrom("organisation").select(["type", (e) => e.fn.countAll<number>().as("n")])
    .where(current).groupBy("type").execute();
  const former = await db.selectFrom("organisation").select((e) => e.fn.countAll<number>().as("n"))
    .where("valid_to", "<", today).executeTakeFirstOrThrow();
  const byPurpose = await db.selectFrom("domain").select(["purpose", (e) => e.fn.countAll<number>().as("n")])
    .where("removed_at", "is", null).groupBy("purpose").execute();
  const removed = await db.selectFrom("domain").select((e) => e.fn.countAll<number>().as("n")).where("removed_at", "is not", null).executeTakeFirstOrThrow();
  const links = await db.selectFrom("organisation_domain").select((e) => e.fn.countAll<number>().as("n")).where("unlinked_at", "is", null).executeTakeFirstOrThrow();
  const unattached = await db.selectFrom("domain as d").select((e) => e.fn.countAll<number>().as("n"))
    .where("d.removed_at", "is", null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("organisation_domain as l").select(sql.lit(1).as("one"))
      .whereRef("l.domain_id", "=", "d.id").where("l.unlinked_at", "is", null))))
    .executeTakeFirstOrThrow();
  const domainsByPurpose = Object.fromEntries(byPurpose.map((r) => [r.purpose, Number(r.n)]));
  return {
    currentOrganisationsByType: Object.fromEntries(byType.map((r) => [r.type, Number(r.n)])),
    formerOrganisations: Number(former.n),
    domains: Object.values(domainsByPurpose).reduce((a, b) => a + b, 0),
    domainsByPurpose,
    unattachedDomains: Number(unattached.n),
    links: Number(links.n),
    removedDomains: Number(removed.n),
  };
}
