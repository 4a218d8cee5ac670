// Migration 1: the register — organisations (with codes, parent, validity and mergers), domains
// (with tags and first/last seen), the many-to-many link between them (with its own history),
// and a log of imports.

import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Engine } from "../engine.ts";
import { columnTypes } from "./column-types.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await t.addId(db.schema.createTable("organisation"))
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("parent_id", t.ref, (c) => c.references("organisation.id"))
    .addColumn("merged_into_id", t.ref, (c) => c.references("organisation.id"))
    .addColumn("valid_from", t.date)
    .addColumn("valid_to", t.date)
    .addColumn("source", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addCheckConstraint("organisation_validity", sql`valid_to is null or valid_from is null or valid_from <= valid_to`)
    .execute();

  await db.schema.createTable("organisation_code")
    .addColumn("organisation_id", t.ref, (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_code_pk", ["organisation_id", "scheme"])
    .addUniqueConstraint("organisation_code_unique", ["scheme", "code"])
    .execute();

  await t.addId(db.schema.createTable("domain"))
    .addColumn("name", t.byteText, (c) => c.notNull().unique())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("first_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("removed_at", t.timestamp)
    .addCheckConstraint("domain_purpose", sql`purpose in ('web', 'mail', 'both')`)
    .execute();

  await db.schema.createTable("domain_tag")
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("domain_tag_pk", ["domain_id", "tag"])
    .execute();
  await db.schema.createIndex("domain_tag_by_tag").on("domain_tag").columns(["tag", "domain_id"]).execute();

  await t.addId(db.schema.createTable("organisation_domain"))
    .addColumn("organisation_id", t.ref, (c) => c.notNull().references("organisation.id"))
    .addColumn("domain_id", t.ref, (c) => c.notNull().references("domain.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("linked_at", t.timestamp, (c) => c.notNull())
    .addColumn("unlinked_at", t.timestamp)
    .addCheckConstraint("organisation_domain_role", sql`role in ('owner', 'related')`)
    .execute();
  // At most one current link per pair; ended links stay as history.
  await db.schema.createIndex("organisation_domain_current").unique().on("organisation_domain")
    .columns(["organisation_id", "domain_id"]).where(sql.ref("unlinked_at"), "is", null).execute();
  await db.schema.createIndex("organisation_domain_by_domain").on("organisation_domain").columns(["domain_id"]).execute();

  await t.addId(db.schema.createTable("register_import"))
    .addColumn("imported_at", t.timestamp, (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("file_sha256", "text")
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
}
