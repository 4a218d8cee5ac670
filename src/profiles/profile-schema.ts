// The schema of a profile file (types.ts: ProfileDefinition). Every problem is reported at once,
// as `source: path: message`, so a profile author fixes a file in one pass. Test ids must be
// known (known-test-ids.json): a typo would otherwise make a standard silently "not measured".

import { z } from "zod";
import { knownTest, KNOWN_TESTS } from "../checks/known-tests.ts";
import type { TestType } from "../checks/result.ts";
import type { ProfileDefinition, StandardDefinition } from "./types.ts";

const TEST_TYPES = ["web", "mail"] as const satisfies readonly TestType[];
const STATUSES = ["passed", "failed", "warning", "info", "not_tested", "error"] as const;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class ProfileError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ProfileError";
    this.problems = problems;
  }
}

/** The known id closest to a typo, when it is close enough to be a likely fix. */
function suggestion(id: string): string {
  let best: { id: string; d: number } | undefined;
  for (const t of KNOWN_TESTS) {
    const d = editDistance(id, t.id);
    if (!best || d < best.d) best = { id: t.id, d };
  }
  return best && best.d <= 3 ? ` (did you mean ${best.id}?)` : "";
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

const testId = z.string().superRefine((v, ctx) => {
  if (!knownTest(v)) ctx.addIssue({ code: "custom", message: `unknown test id "${v}"${suggestion(v)}` });
});

const id = z.string().regex(ID, "must be lower-case letters, digits and -, starting with a letter or digit");
const text = z.string().trim().min(1, "must not be empty");
const localised = z.strictObject({ en: text, nl: text.optional() });
const date = z.iso.date("must be a date YYYY-MM-DD");
const verdicts = z.array(text).min(1, "must list at least one verdict");

const standard = z.strictObject({
  id,
  title: localised,
  testType: z.enum(TEST_TYPES),
  tests: z.array(testId).min(1, "must list at least one test"),
  notTestedMeets: z.array(testId).optional(),
  metWhen: z.array(z.strictObject({ test: testId, verdicts })).optional(),
  requireVerdicts: z.array(z.strictObject({ test: testId, verdicts })).optional(),
  deadline: date.optional(),
});

const base = {
  id,
  title: localised,
  description: localised,
  source: text,
  tlsGuidelines: text.optional(),
  notes: text.optional(),
};

const standardsProfile = z.strictObject({ ...base, kind: z.literal("standards"), standards: z.array(standard).min(1, "must list at least one standard") });

const scoreProfile = z.strictObject({
  ...base,
  kind: z.literal("score"),
  categories: z.strictObject({ web: z.array(text), mail: z.array(text) }),
  passScore: z.int().min(0).max(100),
});

const level = z.enum(["high", "medium", "low"]);
const severityProfile = z.strictObject({
  ...base,
  kind: z.literal("severity"),
  severities: z.record(testId, level),
  defaultSeverity: level,
  findingStatuses: z.array(z.enum(STATUSES)).min(1).optional(),
});

const profileSchema = z.discriminatedUnion("kind", [standardsProfile, scoreProfile, severityProfile]);

type Path = readonly PropertyKey[];
type Problem = { path: Path; message: string };

/** `standards[2].tests[1]`; the root is `(root)`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(root)";
}

function zodProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((iss): Problem[] => {
    if (iss.code === "invalid_key") return iss.issues.map((inner) => ({ path: iss.path, message: inner.message }));
    if (iss.code === "invalid_union" && iss.path.at(-1) === "kind") return [{ path: iss.path, message: `must be one of "standards", "score", "severity"` }];
    return [{ path: iss.path, message: iss.message }];
  });
}

/** What the shape cannot say: tests of the right type, unique ids, lists that refer to the standard's tests. */
function crossChecks(p: ProfileDefinition): Problem[] {
  const problems: Problem[] = [];
  if (p.kind === "standards") {
    const seen = new Set<string>();
    p.standards.forEach((s, i) => {
      const at = (...rest: PropertyKey[]): Path => ["standards", i, ...rest];
      if (seen.has(s.id)) problems.push({ path: at("id"), message: `duplicate standard id "${s.id}"` });
      seen.add(s.id);
      problems.push(...standardChecks(s, at));
    });
  } else if (p.kind === "score") {
    for (const type of TEST_TYPES) {
      const scored = new Set(KNOWN_TESTS.filter((t) => t.type === type && t.fullPoints > 0).map((t) => t.category));
      p.categories[type].forEach((c, i) => {
        if (!scored.has(c as never)) problems.push({ path: ["categories", type, i], message: `"${c}" is not a scored ${type} category (${[...scored].join(", ")})` });
      });
      if (new Set(p.categories[type]).size !== p.categories[type].length) problems.push({ path: ["categories", type], message: "lists a category twice" });
    }
  }
  return problems;
}

function standardChecks(s: StandardDefinition, at: (...rest: PropertyKey[]) => Path): Problem[] {
  const problems: Problem[] = [];
  const wrongType = (test: string, path: Path) => {
    const t = knownTest(test);
    if (t && t.type !== s.testType) problems.push({ path, message: `${test} is a ${t.type} test, the standard is of type ${s.testType}` });
  };
  const tests = new Set(s.tests);
  s.tests.forEach((t, j) => wrongType(t, at("tests", j)));
  if (tests.size !== s.tests.length) problems.push({ path: at("tests"), message: "lists a test twice" });
  s.notTestedMeets?.forEach((t, j) => {
    if (!tests.has(t)) problems.push({ path: at("notTestedMeets", j), message: `${t} is not one of the standard's tests` });
  });
  s.requireVerdicts?.forEach((r, j) => {
    if (!tests.has(r.test)) problems.push({ path: at("requireVerdicts", j, "test"), message: `${r.test} is not one of the standard's tests` });
  });
  s.metWhen?.forEach((m, j) => wrongType(m.test, at("metWhen", j, "test")));
  return problems;
}

/**
 * Validates a parsed profile file. Throws a ProfileError whose message has one line per problem,
 * `source: path: message`.
 */
export function parseProfile(json: unknown, source: string): ProfileDefinition {
  const parsed = profileSchema.safeParse(json, {
    // A missing field says so, rather than "expected string, received undefined".
    error: (iss) => (iss.code === "invalid_type" && iss.input === undefined ? `missing (${iss.expected} required)` : undefined),
  });
  const problems = parsed.success ? crossChecks(parsed.data) : zodProblems(parsed.error.issues);
  if (problems.length > 0) throw new ProfileError(problems.map((p) => `${source}: ${formatPath(p.path)}: ${p.message}`));
  return parsed.data as ProfileDefinition;
}
