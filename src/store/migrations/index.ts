// Every migration in order. A migration is never edited once released: schema changes are new
// files (0003-…), so a store created by any earlier version upgrades in place on open.

import type { Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Engine } from "../engine.ts";
import * as register from "./0001-register.ts";
import * as runs from "./0002-runs.ts";
import * as explanations from "./0003-explanations.ts";
import * as jsonBlobs from "./0004-json-blobs.ts";
import * as leanRunTables from "./0005-lean-run-tables.ts";
import * as testsInObservation from "./0006-tests-in-observation.ts";
import * as lz4LongTexts from "./0007-lz4-long-texts.ts";
import * as runPlan from "./0008-run-plan.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the migrations
type Up = (db: Kysely<any>, engine: Engine) => Promise<void>;

const MIGRATIONS: ReadonlyArray<readonly [string, Up]> = [
  ["0001-register", register.up],
  ["0002-runs", runs.up],
  ["0003-explanations", explanations.up],
  ["0004-json-blobs", jsonBlobs.up],
  ["0005-lean-run-tables", leanRunTables.up],
  ["0006-tests-in-observation", testsInObservation.up],
  ["0007-lz4-long-texts", lz4LongTexts.up],
  ["0008-run-plan", runPlan.up],
];

export const LATEST_SCHEMA_VERSION: string = MIGRATIONS.at(-1)![0];

export function migrationsFor(engine: Engine): Record<string, Migration> {
  return Object.fromEntries(MIGRATIONS.map(([name, up]) => [name, { up: (db: Kysely<unknown>) => up(db, engine) }]));
}
