// Comply-or-explain storage: adding an explanation to a domain's latest stored finding for a
// test, listing, revoking (never deleting: history), and reading every explanation of a page of
// domains for the reports. Whether an explanation applies to a result is judged elsewhere
// (src/profiles/explanation-match.ts); this module only checks that the input makes sense.

import type { Kysely } from "kysely";
import { TEST_CATALOGUE } from "../checks/catalogue.ts";
import type { TestStatus } from "../checks/result.ts";
import type { Explanation } from "../profiles/explanation.ts";
import { isCalendarDate } from "../register/calendar-date.ts";
import { chunks, rowsPerStatement } from "./engine.ts";
import type { Database } from "./schema.ts";
import { parseStoredTests } from "./stored-tests.ts";
import type { ExplanationFilter, NewExplanation } from "./store.ts";

type Db = Kysely<Database>;

const IN_LIST = rowsPerStatement(1);

/** Input that cannot become (or change) an explanation; the CLI reports it as a usage error. */
export class ExplanationError extends Error {}

const COLUMNS = [
  "e.id", "d.name as domain", "e.test_id", "e.reason", "e.until", "e.explained_by", "e.created_at",
  "e.finding_status", "e.finding_verdict", "e.revoked_at", "e.revoked_by",
] as const;

interface Row {
  id: number;
  domain: string;
  test_id: string;
  reason: string;
  until: string;
  explained_by: string | null;
  created_at: string;
  finding_status: string;
  finding_verdict: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

function toExplanation(r: Row): Explanation {
  return {
    id: r.id, domain: r.domain, testId: r.test_id, reason: r.reason, until: r.until, by: r.explained_by, createdAt: r.created_at,
    finding: { status: r.finding_status as TestStatus, verdict: r.finding_verdict },
    revokedAt: r.revoked_at, revokedBy: r.revoked_by,
  };
}

function selectExplanations(db: Db) {
  return db.selectFrom("explanation as e").innerJoin("domain as d", "d.id", "e.domain_id").select(COLUMNS);
}

function checkDate(text: string, what: string): void {
  if (!isCalendarDate(text)) throw new ExplanationError(`${what} "${text}" is not a date (YYYY-MM-DD)`);
}

export async function addExplanation(db: Db, input: NewExplanation, at: string): Promise<Explanation> {
  const reason = input.reason.trim();
  if (!reason) throw new ExplanationError("the reason is empty: say why the finding is acceptable");
  checkDate(input.until, "until");
  const today = at.slice(0, 10);
  if (input.until < today) throw new ExplanationError(`until ${input.until} is in the past (today is ${today})`);
  const test = TEST_CATALOGUE.find((t) => t.id === input.testId);
  if (!test) throw new ExplanationError(`unknown test "${input.testId}" (tests: ${TEST_CATALOGUE.map((t) => t.id).join(", ")})`);
  const by = input.by?.trim() || null;

  return db.transaction().execute(async (trx) => {
    const domain = await trx.selectFrom("domain").select("id").where("name", "=", input.domain).executeTakeFirst();
    if (!domain) throw new ExplanationError(`${input.domain} is not in the register`);
    // The latest observation of the test's type is the domain's current finding (the recorder
    // adds a row only on change, so the highest id is the newest).
    const latest = await trx.selectFrom("observation").select("tests")
      .where("domain_id", "=", domain.id).where("test_type", "=", test.type).orderBy("id", "desc").limit(1).executeTakeFirst();
    const finding = latest && parseStoredTests(latest.tests).find((t) => t.id === test.id);
    if (!finding) throw new ExplanationError(`no stored result of ${test.id} for ${input.domain} yet: measure it first (meetlat run)`);
    if (finding.status === "passed") throw new ExplanationError(`${test.id} passed for ${input.domain} (${finding.verdict}): there is nothing to explain`);
    const row = await trx.insertInto("explanation").values({
      domain_id: domain.id, test_id: test.id, reason, until: input.until, explained_by: by, created_at: at,
      finding_status: finding.status, finding_verdict: finding.verdict, revoked_at: null, revoked_by: null,
    }).returning("id").executeTakeFirstOrThrow();
    return toExplanation(await selectExplanations(trx).where("e.id", "=", row.id).executeTakeFirstOrThrow());
  });
}

export async function listExplanations(db: Db, filter: ExplanationFilter = {}): Promise<Explanation[]> {
  if (filter.activeOn !== undefined) checkDate(filter.activeOn, "activeOn");
  let q = selectExplanations(db).orderBy("e.id", "desc");
  if (filter.domain !== undefined) q = q.where("d.name", "=", filter.domain);
  if (filter.activeOn !== undefined) q = q.where("e.until", ">=", filter.activeOn).where("e.revoked_at", "is", null);
  else if (!filter.includeRevoked) q = q.where("e.revoked_at", "is", null);
  return (await q.execute()).map(toExplanation);
}

export async function revokeExplanation(db: Db, id: number, by: string | null | undefined, at: string): Promise<Explanation> {
  if (!Number.isSafeInteger(id) || id < 1) throw new ExplanationError(`"${id}" is not an explanation id`);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("explanation").select(["id", "revoked_at"]).where("id", "=", id).executeTakeFirst();
    if (!current) throw new ExplanationError(`there is no explanation ${id}`);
    if (current.revoked_at !== null) throw new ExplanationError(`explanation ${id} was already revoked at ${current.revoked_at}`);
    // The revoked_at condition makes a concurrent second revoke change nothing.
    const done = await trx.updateTable("explanation").set({ revoked_at: at, revoked_by: by?.trim() || null })
      .where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ExplanationError(`explanation ${id} was already revoked`);
    return toExplanation(await selectExplanations(trx).where("e.id", "=", id).executeTakeFirstOrThrow());
  });
}

/** Every explanation (revoked ones too) of these domains, newest first; domains without any are absent. */
export async function explanationsForDomains(db: Db, domains: readonly string[]): Promise<Map<string, Explanation[]>> {
  const out = new Map<string, Explanation[]>();
  for (const part of chunks([...new Set(domains)], IN_LIST)) {
    const rows = await selectExplanations(db).where("d.name", "in", part).orderBy("e.id", "desc").execute();
    for (const r of rows) {
      const list = out.get(r.domain);
      if (list) list.push(toExplanation(r));
      else out.set(r.domain, [toExplanation(r)]);
    }
  }
  return out;
}
