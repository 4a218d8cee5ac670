// What reports and exports need from the register for the domains of a run: each domain's
// purpose and the organisations it was linked to when its results were recorded. Links are
// ended, never deleted (schema.ts), so an old run reads with the register as it was then.
// An organisation that had already merged into another by then (valid_to before that day,
// merged_into set) is replaced by its successor: after Brielle, Hellevoetsluis and Westvoorne
// became Voorne aan Zee, their domains count for Voorne aan Zee, not for three former bodies.

import type { Kysely } from "kysely";
import type { LinkRole, Purpose } from "../register/model.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";
import type { DomainAsOf } from "./store.ts";

const IN_LIST = rowsPerStatement(1);

/** `at` per domain (ISO timestamps); a link counts when linked_at <= at < unlinked_at. */
export async function domainsAsOf(db: Kysely<Database>, items: readonly { domain: string; at: string }[]): Promise<Map<string, DomainAsOf>> {
  const atOf = new Map(items.map((i) => [i.domain, i.at]));
  const out = new Map<string, DomainAsOf>();
  for (const part of chunks([...atOf.keys()], IN_LIST)) {
    const rows = await db.selectFrom("domain as d")
      .leftJoin("organisation_domain as l", "l.domain_id", "d.id")
      .leftJoin("organisation as o", "o.id", "l.organisation_id")
      .select(["d.name as domain", "d.purpose", "o.id as orgId", "l.role", "l.linked_at", "l.unlinked_at"])
      .where("d.name", "in", part).execute();
    const organisations = await organisationsWithSuccessors(db, rows.flatMap((r) => (r.orgId === null ? [] : [r.orgId])));
    const codes = await codesOf(db, [...organisations.keys()]);
    for (const r of rows) {
      if (!out.has(r.domain)) out.set(r.domain, { domain: r.domain, purpose: r.purpose as Purpose, organisations: [] });
      const at = atOf.get(r.domain)!;
      if (r.orgId === null || r.linked_at === null || r.linked_at > at || (r.unlinked_at !== null && r.unlinked_at <= at)) continue;
      const o = currentSuccessor(organisations, r.orgId, at.slice(0, 10));
      out.get(r.domain)!.organisations.push({ key: o.key, name: o.name, type: o.type, role: r.role as LinkRole, codes: codes.get(o.id) ?? {} });
    }
  }
  // Owner first, then by key: the same order as the register's listings; an organisation once.
  for (const d of out.values()) {
    d.organisations.sort((a, b) => a.role.localeCompare(b.role) || a.key.localeCompare(b.key));
    d.organisations = d.organisations.filter((o, i) => d.organisations.findIndex((x) => x.key === o.key) === i);
  }
  return out;
}

interface OrganisationRow {
  id: number;
  key: string;
  name: string;
  type: string;
  valid_to: string | null;
  merged_into_id: number | null;
}

/** Mergers chain (A into B, later B into C); a register is never that deep, a cycle is cut here. */
const MAX_MERGER_HOPS = 16;

/** The organisations with these ids and, transitively, those they merged into. */
async function organisationsWithSuccessors(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, OrganisationRow>> {
  const out = new Map<number, OrganisationRow>();
  let wanted = [...new Set(ids)];
  for (let hop = 0; hop <= MAX_MERGER_HOPS && wanted.length > 0; hop++) {
    for (const part of chunks(wanted, IN_LIST)) {
      const rows = await db.selectFrom("organisation").select(["id", "key", "name", "type", "valid_to", "merged_into_id"]).where("id", "in", part).execute();
      for (const r of rows) out.set(r.id, r);
    }
    wanted = [...new Set([...out.values()].flatMap((o) => (o.merged_into_id !== null && !out.has(o.merged_into_id) ? [o.merged_into_id] : [])))];
  }
  return out;
}

/** The organisation that stood for `id` on `day`: itself, or its successor once it had merged. */
function currentSuccessor(organisations: ReadonlyMap<number, OrganisationRow>, id: number, day: string): OrganisationRow {
  let o = organisations.get(id)!;
  for (let hop = 0; hop < MAX_MERGER_HOPS; hop++) {
    if (o.merged_into_id === null || o.valid_to === null || o.valid_to >= day) return o;
    const next = organisations.get(o.merged_into_id);
    if (!next) return o;
    o = next;
  }
  return o;
}

async function codesOf(db: Kysely<Database>, orgIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  for (const part of chunks(orgIds, IN_LIST)) {
    const rows = await db.selectFrom("organisation_code").selectAll().where("organisation_id", "in", part).orderBy("scheme").execute();
    for (const r of rows) out.set(r.organisation_id, { ...out.get(r.organisation_id), [r.scheme]: r.code });
  }
  return out;
}
