// Migration 2: runs and their results, stored the Web Security Map way. Evidence (per domain)
// and observations (the judged results of one test type for one domain) get a new row only when
// they differ from the latest one, with first/last seen; run_domain says, per run, domain and
// test type, exactly which rows that run saw — so history is cheap and every run reads back as
// it was.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";
import { columnTypes } from "./column-types.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await t.addId(db.schema.createTable("run"))
    .addColumn("started_at", t.timestamp, (c) => c.notNull())
    .addColumn("finished_at", t.timestamp)
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("test_types", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("versions", "text", (c) => c.notNull())
    .addColumn("trust_anchor", "text")
    .addColumn("data_sources", "text", (c) => c.notNull())
    .addCheckConstraint("run_status", sql`status in ('running', 'finished', 'failed', 'cancelled')`)
    .execute();

  await t.addId(db.schema.createTable("evidence"))
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id"))
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("first_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("first_run_id", t.ref, (c) => c.notNull().references("run.id"))
    .addColumn("last_run_id", t.ref, (c) => c.notNull().references("run.id"))
    .execute();
  await db.schema.createIndex("evidence_latest").on("evidence").columns(["domain_id", "id"]).execute();

  await t.addId(db.schema.createTable("observation"))
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id"))
    .addColumn("test_type", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("score", "integer")
    .addColumn("first_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("first_run_id", t.ref, (c) => c.notNull().references("run.id"))
    .addColumn("last_run_id", t.ref, (c) => c.notNull().references("run.id"))
    .execute();
  await db.schema.createIndex("observation_latest").on("observation").columns(["domain_id", "test_type", "id"]).execute();

  await db.schema.createTable("observation_test")
    .addColumn("observation_id", t.ref, (c) => c.notNull().references("observation.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("test_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("points", t.real)
    .addPrimaryKeyConstraint("observation_test_pk", ["observation_id", "test_id"])
    .execute();
  await db.schema.createIndex("observation_test_by_test").on("observation_test").columns(["test_id", "status"]).execute();

  await db.schema.createTable("run_domain")
    .addColumn("run_id", t.ref, (c) => c.notNull().references("run.id"))
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id"))
    .addColumn("test_type", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("observation_id", t.ref, (c) => c.references("observation.id"))
    .addColumn("evidence_id", t.ref, (c) => c.references("evidence.id"))
    .addColumn("recorded_at", t.timestamp)
    .addPrimaryKeyConstraint("run_domain_pk", ["run_id", "domain_id", "test_type"])
    .addCheckConstraint("run_domain_state", sql`state in ('pending', 'done')`)
    .execute();
  await db.schema.createIndex("run_domain_by_observation").on("run_domain").columns(["observation_id"]).execute();
  await db.schema.createIndex("run_domain_by_evidence").on("run_domain").columns(["evidence_id"]).execute();
  await db.schema.createIndex("run_domain_by_domain").on("run_domain").columns(["domain_id", "run_id"]).execute();
}
