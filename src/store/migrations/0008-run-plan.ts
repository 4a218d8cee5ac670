// Migration 8: a run's plan gets a table of its own. Until now planning put a "pending" row in
// run_domain for every (domain, test type), and recording a domain updated that row. An update
// that sets observation_id and evidence_id changes indexed columns, so PostgreSQL wrote a new
// version of the row with a new entry in each of the table's three indexes, checked the conflict
// first, and left the old version behind for vacuum: for a first run of 1,000 domains that was a
// fifth of what recording cost the server. Now run_item holds the plan and run_domain only what a
// run recorded, so recording inserts (by COPY on PostgreSQL) and planning fills one index.
//
// Pending is what is planned and not recorded. run_domain.state stays, always 'done': SQLite
// cannot drop a column that a check constraint names without rebuilding the table.

import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import type { Engine } from "../engine.ts";
import { columnTypes } from "./column-types.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  // PostgreSQL checks a foreign key with a query per inserted row (see migration 5); planning
  // takes its domains from the register and its run from the row it just created, so on
  // PostgreSQL the keys are left out as they are for the recorder's other tables.
  const key = (table: string) => (c: ColumnDefinitionBuilder) => (engine === "postgres" ? c.notNull() : c.notNull().references(`${table}.id`));
  await db.schema.createTable("run_item")
    .addColumn("run_id", t.ref, key("run"))
    .addColumn("domain_id", t.ref, key("domain"))
    .addColumn("test_type", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("run_item_pk", ["run_id", "domain_id", "test_type"])
    .execute();
  // Every item a run has, recorded or not, is in its plan.
  await sql`insert into run_item (run_id, domain_id, test_type) select run_id, domain_id, test_type from run_domain`.execute(db);
  await sql`delete from run_domain where state = 'pending'`.execute(db);
}
