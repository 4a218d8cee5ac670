// Migration 4: test details and evidence stored once by content. observation_test.details and
// evidence.body (full JSON per row: ~20 KB a domain, mostly the same evidence repeated) become
// references to rows of `blob`, keyed by the hash of their exact text (see json-blobs.ts). The
// change hashes of evidence and observations are recomputed the way the recorder now builds
// them, so the next run after the upgrade still recognises unchanged results.

import type { Kysely } from "kysely";
import type { TestResult, TestStatus } from "../../checks/result.ts";
import type { DomainEvidence } from "../../probes/evidence.ts";
import type { Engine } from "../engine.ts";
import { chunks } from "../engine.ts";
import { BlobCollector } from "../json-blobs.ts";
import type { JsonRef } from "../json-blobs.ts";
import { columnTypes } from "./column-types.ts";

const PAGE = 500;
const BLOB_ROWS = 500;
/** This migration's format keeps every text in a blob, each whole (short texts inline came with 0006, shared members apart later). */
const ALL_IN_BLOBS = { inlineMaxChars: 0, sharedMembers: new Set<string>() };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type Db = Kysely<any>;

export async function up(db: Db, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema.createTable("blob")
    .addColumn("hash", t.byteText, (c) => c.primaryKey())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();
  // Added columns cannot be NOT NULL on SQLite without a default; the recorder always sets them.
  await db.schema.alterTable("evidence").addColumn("parts", "text").execute();
  await db.schema.alterTable("observation_test").addColumn("details_hash", t.byteText).execute();

  await convertEvidence(db);
  await convertObservations(db);

  await db.schema.alterTable("evidence").dropColumn("body").execute();
  await db.schema.alterTable("observation_test").dropColumn("details").execute();
}

async function storeBlobs(db: Db, blobs: BlobCollector, refs: readonly JsonRef[]): Promise<void> {
  for (const part of chunks(blobs.blobsFor(refs), BLOB_ROWS)) {
    await db.insertInto("blob").values(part).onConflict((oc) => oc.column("hash").doNothing()).execute();
  }
}

async function convertEvidence(db: Db): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom("evidence").select(["id", "body"]).where("id", ">", after).orderBy("id").limit(PAGE).execute() as { id: number; body: string }[];
    if (rows.length === 0) return;
    const blobs = new BlobCollector(ALL_IN_BLOBS);
    const converted = rows.map((r) => ({ id: r.id, ...blobs.evidence(String(r.id), JSON.parse(r.body) as DomainEvidence) }));
    await storeBlobs(db, blobs, converted.flatMap((c) => c.parts.map(([, hash]) => hash)));
    for (const c of converted) await db.updateTable("evidence").set({ parts: JSON.stringify(c.parts), hash: c.change }).where("id", "=", c.id).execute();
    after = rows.at(-1)!.id;
  }
}

interface TestRow {
  observation_id: number;
  test_id: string;
  status: string;
  verdict: string;
  reason: string;
  details: string;
  points: number | null;
}

async function convertObservations(db: Db): Promise<void> {
  let after = 0;
  for (;;) {
    const observations = await db.selectFrom("observation").select(["id", "score"]).where("id", ">", after).orderBy("id").limit(PAGE).execute() as { id: number; score: number | null }[];
    if (observations.length === 0) return;
    const rows = await db.selectFrom("observation_test").select(["observation_id", "test_id", "status", "verdict", "reason", "details", "points"])
      .where("observation_id", "in", observations.map((o) => o.id)).orderBy("observation_id").orderBy("position").execute() as TestRow[];
    const byObservation = Map.groupBy(rows, (r) => r.observation_id);
    const blobs = new BlobCollector(ALL_IN_BLOBS);
    const converted = observations.map((o) => {
      const own = byObservation.get(o.id) ?? [];
      const tests: Record<string, TestResult> = Object.fromEntries(own.map((r) => [r.test_id, {
        status: r.status as TestStatus, verdict: r.verdict, reason: r.reason, details: JSON.parse(r.details) as Record<string, unknown>,
        ...(r.points !== null ? { points: r.points } : {}),
      }]));
      return { id: o.id, testIds: own.map((r) => r.test_id), ...blobs.observation(String(o.id), o.score, tests) };
    });
    await storeBlobs(db, blobs, converted.flatMap((c) => c.details));
    for (const c of converted) {
      await db.updateTable("observation").set({ hash: c.change }).where("id", "=", c.id).execute();
      for (const [i, testId] of c.testIds.entries()) {
        await db.updateTable("observation_test").set({ details_hash: c.details[i] }).where("observation_id", "=", c.id).where("test_id", "=", testId).execute();
      }
    }
    after = observations.at(-1)!.id;
  }
}
