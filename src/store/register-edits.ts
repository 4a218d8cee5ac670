// The small edits of `meetlat register remove` and `register tag`. Removing never deletes rows
// that runs may point at: a link gets an end time, a domain a removed_at.

import type { Kysely } from "kysely";
import { chunks, rowsPerStatement } from "./engine.ts";
import { addTags } from "./register-apply.ts";
import type { Database } from "./schema.ts";

const IN_LIST = rowsPerStatement(1);

type Db = Kysely<Database>;

async function domainIds(db: Db, names: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks([...new Set(names)], IN_LIST)) {
    const rows = await db.selectFrom("domain").select(["id", "name"]).where("name", "in", part).execute();
    for (const r of rows) out.set(r.name, r.id);
  }
  return out;
}

export class UnknownOrganisationError extends Error {}

export async function removeDomains(db: Db, names: readonly string[], organisationKey: string | undefined, at: string): Promise<{ changed: string[]; notFound: string[] }> {
  const ids = await domainIds(db, names);
  const notFound = names.filter((n) => !ids.has(n));
  const changed: string[] = [];
  if (organisationKey !== undefined) {
    const org = await db.selectFrom("organisation").select("id").where("key", "=", organisationKey).executeTakeFirst();
    if (!org) throw new UnknownOrganisationError(`no organisation "${organisationKey}" in the register`);
    for (const [name, id] of ids) {
      const r = await db.updateTable("organisation_domain").set({ unlinked_at: at })
        .where("organisation_id", "=", org.id).where("domain_id", "=", id).where("unlinked_at", "is", null).executeTakeFirst();
      if (Number(r.numUpdatedRows) > 0) changed.push(name);
      else notFound.push(name);
    }
    return { changed, notFound };
  }
  for (const [name, id] of ids) {
    const r = await db.updateTable("domain").set({ removed_at: at }).where("id", "=", id).where("removed_at", "is", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) continue;
    await db.updateTable("organisation_domain").set({ unlinked_at: at }).where("domain_id", "=", id).where("unlinked_at", "is", null).execute();
    changed.push(name);
  }
  return { changed, notFound };
}

export async function tagDomains(db: Db, names: readonly string[], add: readonly string[], remove: readonly string[]): Promise<{ changed: string[]; notFound: string[] }> {
  const ids = await domainIds(db, names);
  const notFound = names.filter((n) => !ids.has(n));
  const changed = new Set<string>();
  if (ids.size === 0) return { changed: [], notFound };
  const byId = new Map([...ids].map(([name, id]) => [id, name]));
  if (remove.length > 0) {
    for (const part of chunks([...ids.values()], IN_LIST)) {
      const gone = await db.deleteFrom("domain_tag").where("domain_id", "in", part).where("tag", "in", [...remove]).returning("domain_id").execute();
      for (const g of gone) changed.add(byId.get(g.domain_id)!);
    }
  }
  if (add.length > 0) {
    const had = new Set<string>();
    for (const part of chunks([...ids.values()], IN_LIST)) {
      const before = await db.selectFrom("domain_tag").select(["domain_id", "tag"]).where("domain_id", "in", part).where("tag", "in", [...add]).execute();
      for (const b of before) had.add(`${b.domain_id} ${b.tag}`);
    }
    await addTags(db, [...ids.values()].flatMap((id) => add.map((tag) => ({ domain_id: id, tag }))));
    for (const id of ids.values()) if (add.some((tag) => !had.has(`${id} ${tag}`))) changed.add(byId.get(id)!);
  }
  return { changed: [...changed].sort(), notFound };
}
