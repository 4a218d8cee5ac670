// Migration 3: comply-or-explain. An explanation covers one finding (a domain's test, with the
// status and verdict it had when explained) until a date. Rows are never deleted: revoking
// sets revoked_at/revoked_by, so reports of old runs still show what was explained then.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";
import { columnTypes } from "./column-types.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await t.addId(db.schema.createTable("explanation"))
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id"))
    .addColumn("test_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("until", t.date, (c) => c.notNull())
    // "by" is an SQL keyword; explained_by reads as well and needs no quoting in hand-written SQL.
    .addColumn("explained_by", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("finding_status", "text", (c) => c.notNull())
    .addColumn("finding_verdict", "text", (c) => c.notNull())
    .addColumn("revoked_at", t.timestamp)
    .addColumn("revoked_by", "text")
    .addCheckConstraint("explanation_reason", sql`length(reason) > 0`)
    .addCheckConstraint("explanation_revoked", sql`revoked_by is null or revoked_at is not null`)
    .execute();
  await db.schema.createIndex("explanation_by_domain").on("explanation").columns(["domain_id", "test_id"]).execute();
}
