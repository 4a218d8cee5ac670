// The Internet.nl-style score (CHECKS.md "The Internet.nl-style score"): per category
// int(100 x points / full points) over its scored tests, the domain score the int of the mean of
// the categories with full points. Only tests that ran count: a test that ended in `error`, or
// that no issue has implemented yet, is left out rather than counted as zero.

import { testDefinition } from "../checks/catalogue.ts";
import type { Category } from "../checks/catalogue.ts";
import type { TestResult } from "../checks/result.ts";

export interface ScoreBreakdown {
  score: number | null;
  categories: Partial<Record<Category, number>>;
}

export function scoreResults(tests: Record<string, TestResult>): ScoreBreakdown {
  const sums = new Map<Category, { points: number; full: number }>();
  for (const [id, result] of Object.entries(tests)) {
    const def = testDefinition(id);
    if (def.fullPoints === 0 || result.status === "error") continue;
    const s = sums.get(def.category) ?? { points: 0, full: 0 };
    s.points += Math.min(result.points ?? 0, def.fullPoints);
    s.full += def.fullPoints;
    sums.set(def.category, s);
  }
  const categories: Partial<Record<Category, number>> = {};
  for (const [cat, s] of sums) if (s.full > 0) categories[cat] = Math.floor((100 * s.points) / s.full);
  const values = Object.values(categories);
  const score = values.length ? Math.floor(values.reduce((a, b) => a + b, 0) / values.length) : null;
  return { score, categories };
}
