// Every test id CHECKS.md defines, implemented or not (known-test-ids.json). Profiles name tests
// from this list, so a profile can be written today for a test a later issue implements, while a
// typo is still caught on load. catalogue.ts stays the list of what meetlat runs.

import type { Category } from "./catalogue.ts";
import knownTestIds from "./known-test-ids.json" with { type: "json" };
import type { TestLevel, TestType } from "./result.ts";

export interface KnownTest {
  id: string;
  type: TestType;
  category: Category;
  level: TestLevel;
  /** Full points in the Internet.nl-style score; 0 = not scored or carried by a parent/sibling. */
  fullPoints: number;
}

export const KNOWN_TESTS: readonly KnownTest[] = knownTestIds.tests as KnownTest[];

const BY_ID: ReadonlyMap<string, KnownTest> = new Map(KNOWN_TESTS.map((t) => [t.id, t]));

export function knownTest(id: string): KnownTest | undefined {
  return BY_ID.get(id);
}

export function isKnownTestId(id: string): boolean {
  return BY_ID.has(id);
}
