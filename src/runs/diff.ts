// What changed between two runs, test by test: improved, regressed, appeared, disappeared (and
// changed, for moves that are neither better nor worse, such as into or out of `error`). Both
// runs are streamed in domain order and merged, so a diff of two national runs stays small in
// memory: only the changes are kept.

import type { TestResult, TestStatus, TestType } from "../checks/result.ts";
import type { RunDomainResult } from "../store/store.ts";

export type ChangeKind = "improved" | "regressed" | "appeared" | "disappeared" | "changed";

export interface TestChange {
  domain: string;
  type: TestType;
  test: string;
  kind: ChangeKind;
  before?: { status: TestStatus; verdict: string };
  after?: { status: TestStatus; verdict: string; reason: string };
}

/** How good a status is; statuses without a rank (not_tested, error) only ever "change". */
const STATUS_RANK: Partial<Record<TestStatus, number>> = { failed: 0, warning: 1, info: 2, passed: 3 };

function compareTest(a: TestResult, b: TestResult): ChangeKind | undefined {
  if (a.status === b.status && a.verdict === b.verdict) return undefined;
  const ra = STATUS_RANK[a.status];
  const rb = STATUS_RANK[b.status];
  if (ra === undefined || rb === undefined || ra === rb) return "changed";
  return rb > ra ? "improved" : "regressed";
}

function testsByKey(r: RunDomainResult | undefined): Map<string, { type: TestType; test: string; result: TestResult }> {
  const out = new Map<string, { type: TestType; test: string; result: TestResult }>();
  for (const t of r?.results ?? []) for (const [id, result] of Object.entries(t.tests)) out.set(`${t.type}/${id}`, { type: t.type, test: id, result });
  return out;
}

function diffDomain(domain: string, a: RunDomainResult | undefined, b: RunDomainResult | undefined): TestChange[] {
  const before = testsByKey(a);
  const after = testsByKey(b);
  const changes: TestChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(key);
    const y = after.get(key);
    const base = { domain, type: (x ?? y)!.type, test: (x ?? y)!.test };
    const was = x && { status: x.result.status, verdict: x.result.verdict };
    const now = y && { status: y.result.status, verdict: y.result.verdict, reason: y.result.reason };
    if (!x) changes.push({ ...base, kind: "appeared", after: now! });
    else if (!y) changes.push({ ...base, kind: "disappeared", before: was! });
    else {
      const kind = compareTest(x.result, y.result);
      if (kind) changes.push({ ...base, kind, before: was!, after: now! });
    }
  }
  return changes;
}

/** Merges two domain-ordered result streams and yields the changes per domain. */
export async function* diffRuns(a: AsyncIterable<RunDomainResult>, b: AsyncIterable<RunDomainResult>): AsyncIterable<TestChange> {
  const ia = a[Symbol.asyncIterator]();
  const ib = b[Symbol.asyncIterator]();
  let x = await ia.next();
  let y = await ib.next();
  while (!x.done || !y.done) {
    const cmp = x.done ? 1 : y.done ? -1 : x.value.domain < y.value.domain ? -1 : x.value.domain > y.value.domain ? 1 : 0;
    if (cmp === 0) {
      yield* diffDomain(x.value!.domain, x.value, y.value);
      [x, y] = await Promise.all([ia.next(), ib.next()]);
    } else if (cmp < 0) {
      yield* diffDomain(x.value!.domain, x.value, undefined);
      x = await ia.next();
    } else {
      yield* diffDomain(y.value!.domain, undefined, y.value);
      y = await ib.next();
    }
  }
}
