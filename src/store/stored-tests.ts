// The tests of an observation as it stores them: one JSON list in observation.tests, in the
// order of the results, each test with its details' JsonRef. Readable with the database's own
// JSON functions (PostgreSQL: observation.tests::jsonb @> '[{"id": "...", "status": "failed"}]').

import type { TestResult, TestStatus } from "../checks/result.ts";
import { refText } from "./json-blobs.ts";
import type { JsonRef } from "./json-blobs.ts";

export interface StoredTest {
  id: string;
  status: string;
  verdict: string;
  reason: string;
  points?: number;
  details: JsonRef;
}

/** The stored form of a set of results; `details` are where each test's details are, in order. */
export function storedTests(tests: Record<string, TestResult>, details: readonly JsonRef[]): StoredTest[] {
  return Object.entries(tests).map(([id, t], i) => ({
    id, status: t.status, verdict: t.verdict, reason: t.reason, ...(t.points !== undefined ? { points: t.points } : {}), details: details[i]!,
  }));
}

export function parseStoredTests(json: string): StoredTest[] {
  return JSON.parse(json) as StoredTest[];
}

/** The results as they were recorded; `blob` gives a blob's text by its hash. */
export function testResults(stored: readonly StoredTest[], blob: (hash: string) => string): Record<string, TestResult> {
  const out: Record<string, TestResult> = {};
  for (const t of stored) {
    out[t.id] = {
      status: t.status as TestStatus, verdict: t.verdict, reason: t.reason,
      details: JSON.parse(refText(t.details, blob)) as Record<string, unknown>,
      ...(t.points !== undefined ? { points: t.points } : {}),
    };
  }
  return out;
}
