// diffRuns merges two domain-ordered streams of one domain's results each and yields, test by
// test, what improved, regressed, changed (moves without a better/worse order: into or out of
// error or not_tested, or a new verdict with the same status), appeared or disappeared.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestResult, TestStatus, TestType } from "../../../src/checks/result.ts";
import { diffRuns } from "../../../src/runs/diff.ts";
import type { TestChange } from "../../../src/runs/diff.ts";
import type { RunDomainResult } from "../../../src/store/store.ts";

function result(status: TestStatus, verdict: string = status, reason = `${verdict} because`): TestResult {
  return { status, verdict, reason, details: {} };
}

type Tests = Record<string, TestResult>;

/** One domain as a run read it back; `types` maps a test type to its tests. */
function domain(name: string, types: Partial<Record<TestType, Tests>>): RunDomainResult {
  return {
    domain: name,
    recordedAt: "2024-03-01T00:00:00.000Z",
    results: Object.entries(types).map(([type, tests]) => ({ domain: name, type: type as TestType, score: null, tests: tests! })),
  };
}

/** A stream that yields its items asynchronously, one turn at a time, like the store's. */
async function* stream(items: RunDomainResult[]): AsyncIterable<RunDomainResult> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
}

async function diff(a: RunDomainResult[], b: RunDomainResult[]): Promise<TestChange[]> {
  const out: TestChange[] = [];
  for await (const c of diffRuns(stream(a), stream(b))) out.push(c);
  return out;
}

/** The changes as compact "domain type/test kind" lines, in the order yielded. */
async function kinds(a: RunDomainResult[], b: RunDomainResult[]): Promise<string[]> {
  return (await diff(a, b)).map((c) => `${c.domain} ${c.type}/${c.test} ${c.kind}`);
}

/** The kind of change of a single web test going from `before` to `after`. */
async function move(before: TestResult, after: TestResult): Promise<TestChange[]> {
  return diff([domain("a.nl", { web: { t: before } })], [domain("a.nl", { web: { t: after } })]);
}

describe("diffRuns", () => {
  describe("one test, two runs", () => {
    it("failed → passed is improved, with before and after", async () => {
      assert.deepEqual(await move(result("failed", "no_ipv6"), result("passed", "good", "all good")), [{
        domain: "a.nl", type: "web", test: "t", kind: "improved",
        before: { status: "failed", verdict: "no_ipv6" },
        after: { status: "passed", verdict: "good", reason: "all good" },
      }]);
    });

    const ordered: [TestStatus, TestStatus][] = [
      ["failed", "passed"], ["warning", "passed"], ["info", "passed"],
      ["failed", "warning"], ["failed", "info"], ["warning", "info"],
    ];
    for (const [worse, better] of ordered) {
      it(`${worse} → ${better} is improved, ${better} → ${worse} is regressed`, async () => {
        assert.deepEqual((await move(result(worse), result(better))).map((c) => c.kind), ["improved"]);
        assert.deepEqual((await move(result(better), result(worse))).map((c) => c.kind), ["regressed"]);
      });
    }

    it("passed → failed is regressed, with before and after", async () => {
      assert.deepEqual(await move(result("passed", "good"), result("failed", "bogus", "signatures do not validate")), [{
        domain: "a.nl", type: "web", test: "t", kind: "regressed",
        before: { status: "passed", verdict: "good" },
        after: { status: "failed", verdict: "bogus", reason: "signatures do not validate" },
      }]);
    });

    for (const unranked of ["error", "not_tested"] as const) {
      for (const other of ["passed", "failed", "warning", "info"] as const) {
        it(`${other} → ${unranked} and ${unranked} → ${other} are changed, neither better nor worse`, async () => {
          const into = await move(result(other), result(unranked));
          assert.deepEqual(into.map((c) => c.kind), ["changed"]);
          assert.deepEqual(into[0]!.before, { status: other, verdict: other });
          assert.deepEqual(into[0]!.after, { status: unranked, verdict: unranked, reason: `${unranked} because` });
          assert.deepEqual((await move(result(unranked), result(other))).map((c) => c.kind), ["changed"]);
        });
      }
    }

    it("error ↔ not_tested is changed", async () => {
      assert.deepEqual((await move(result("error"), result("not_tested"))).map((c) => c.kind), ["changed"]);
      assert.deepEqual((await move(result("not_tested"), result("error"))).map((c) => c.kind), ["changed"]);
    });

    it("the same status with another verdict is changed", async () => {
      assert.deepEqual(await move(result("failed", "no_ipv6"), result("failed", "ipv6_unreachable", "no answer")), [{
        domain: "a.nl", type: "web", test: "t", kind: "changed",
        before: { status: "failed", verdict: "no_ipv6" },
        after: { status: "failed", verdict: "ipv6_unreachable", reason: "no answer" },
      }]);
      assert.deepEqual((await move(result("error", "timeout"), result("error", "servfail"))).map((c) => c.kind), ["changed"]);
    });

    it("the same status and verdict is no change, whatever the reason, details or points say", async () => {
      const before: TestResult = { status: "passed", verdict: "good", reason: "one", details: { a: 1 }, points: 10 };
      const after: TestResult = { status: "passed", verdict: "good", reason: "two", details: { a: 2 }, points: 20 };
      assert.deepEqual(await move(before, after), []);
      for (const s of ["passed", "failed", "warning", "info", "error", "not_tested"] as const) {
        assert.deepEqual(await move(result(s), result(s)), [], s);
      }
    });

    it("a test only in the second run appeared; only in the first, disappeared", async () => {
      const a = [domain("a.nl", { web: { old: result("failed", "x") } })];
      const b = [domain("a.nl", { web: { fresh: result("passed", "y", "new test") } })];
      assert.deepEqual(await diff(a, b), [
        { domain: "a.nl", type: "web", test: "fresh", kind: "appeared", after: { status: "passed", verdict: "y", reason: "new test" } },
        { domain: "a.nl", type: "web", test: "old", kind: "disappeared", before: { status: "failed", verdict: "x" } },
      ]);
    });
  });

  describe("several test types per domain", () => {
    it("tests are told apart by type: the same test id under web and mail are two tests", async () => {
      const a = [domain("a.nl", { web: { dnssec: result("passed") }, mail: { dnssec: result("passed") } })];
      const b = [domain("a.nl", { web: { dnssec: result("passed") }, mail: { dnssec: result("failed") } })];
      assert.deepEqual(await kinds(a, b), ["a.nl mail/dnssec regressed"]);
    });

    it("each type's tests are compared; changes come per domain, type and test in order", async () => {
      const a = [domain("a.nl", {
        web: { w1: result("failed"), w2: result("passed"), w3: result("passed") },
        mail: { m1: result("warning"), m2: result("error") },
      })];
      const b = [domain("a.nl", {
        web: { w1: result("passed"), w2: result("passed"), w3: result("info") },
        mail: { m1: result("passed"), m2: result("passed") },
      })];
      assert.deepEqual(await kinds(a, b), [
        "a.nl mail/m1 improved", "a.nl mail/m2 changed",
        "a.nl web/w1 improved", "a.nl web/w3 regressed",
      ]);
    });

    it("a test type measured in only one run appears or disappears test by test", async () => {
      const a = [domain("a.nl", { web: { w: result("passed") } })];
      const b = [domain("a.nl", { web: { w: result("passed") }, mail: { m1: result("passed"), m2: result("failed") } })];
      assert.deepEqual(await kinds(a, b), ["a.nl mail/m1 appeared", "a.nl mail/m2 appeared"]);
      assert.deepEqual(await kinds(b, a), ["a.nl mail/m1 disappeared", "a.nl mail/m2 disappeared"]);
    });
  });

  describe("merging the two streams", () => {
    const tests = (status: TestStatus): Partial<Record<TestType, Tests>> => ({ web: { w: result(status) }, mail: { m: result(status) } });
    const run = (names: string[], status: TestStatus = "passed") => names.map((n) => domain(n, tests(status)));

    it("unchanged runs give nothing", async () => {
      const names = ["a.nl", "b.nl", "c.nl", "d.nl"];
      assert.deepEqual(await diff(run(names), run(names)), []);
    });

    it("two empty runs give nothing", async () => {
      assert.deepEqual(await diff([], []), []);
    });

    it("a run against an empty one: every test appears or disappears", async () => {
      assert.deepEqual(await kinds([], run(["a.nl", "b.nl"])), ["a.nl mail/m appeared", "a.nl web/w appeared", "b.nl mail/m appeared", "b.nl web/w appeared"]);
      assert.deepEqual(await kinds(run(["a.nl", "b.nl"]), []), ["a.nl mail/m disappeared", "a.nl web/w disappeared", "b.nl mail/m disappeared", "b.nl web/w disappeared"]);
    });

    for (const [where, extra] of [["start", "a.nl"], ["middle", "c.nl"], ["end", "e.nl"]] as const) {
      const others = ["b.nl", "d.nl"];
      const withExtra = [...others, extra].sort();

      it(`a domain only in the second run, at the ${where}, appeared; the rest is matched up`, async () => {
        assert.deepEqual(await kinds(run(others), run(withExtra)), [`${extra} mail/m appeared`, `${extra} web/w appeared`]);
      });

      it(`a domain only in the first run, at the ${where}, disappeared; the rest is matched up`, async () => {
        assert.deepEqual(await kinds(run(withExtra), run(others)), [`${extra} mail/m disappeared`, `${extra} web/w disappeared`]);
      });
    }

    it("domains in only one run on both sides, interleaved, with changes in the shared ones", async () => {
      // a: only first · b: both, improved · c: only second · d: both, unchanged · e: only first
      // f: both, regressed · g: only second · h: only second
      const first = [
        domain("a.nl", tests("passed")), domain("b.nl", tests("failed")), domain("d.nl", tests("passed")),
        domain("e.nl", tests("passed")), domain("f.nl", tests("passed")),
      ];
      const second = [
        domain("b.nl", tests("passed")), domain("c.nl", tests("passed")), domain("d.nl", tests("passed")),
        domain("f.nl", tests("warning")), domain("g.nl", tests("passed")), domain("h.nl", tests("error")),
      ];
      assert.deepEqual(await kinds(first, second), [
        "a.nl mail/m disappeared", "a.nl web/w disappeared",
        "b.nl mail/m improved", "b.nl web/w improved",
        "c.nl mail/m appeared", "c.nl web/w appeared",
        "e.nl mail/m disappeared", "e.nl web/w disappeared",
        "f.nl mail/m regressed", "f.nl web/w regressed",
        "g.nl mail/m appeared", "g.nl web/w appeared",
        "h.nl mail/m appeared", "h.nl web/w appeared",
      ]);
    });

    it("the two runs have no domain in common", async () => {
      assert.deepEqual(await kinds(run(["a.nl", "c.nl"]), run(["b.nl", "d.nl"])), [
        "a.nl mail/m disappeared", "a.nl web/w disappeared",
        "b.nl mail/m appeared", "b.nl web/w appeared",
        "c.nl mail/m disappeared", "c.nl web/w disappeared",
        "d.nl mail/m appeared", "d.nl web/w appeared",
      ]);
    });

    it("domains are matched up in code-unit order, as SQLite returns them: '-' and '.' sort before letters", async () => {
      const names = ["a-b.nl", "a.nl", "aa.nl", "ab.nl", "b.nl"];
      assert.deepEqual([...names].sort(), names, "the fixture is in code-unit order");
      const before = names.map((n) => domain(n, tests("failed")));
      const after = names.map((n) => domain(n, tests("passed")));
      assert.deepEqual((await diff(before, after)).map((c) => `${c.domain} ${c.kind}`),
        names.flatMap((n) => [`${n} improved`, `${n} improved`]));
    });

    it("a domain with no tests in one run: its tests in the other appear or disappear", async () => {
      assert.deepEqual(await kinds([domain("a.nl", {})], [domain("a.nl", tests("passed"))]), ["a.nl mail/m appeared", "a.nl web/w appeared"]);
    });

    it("streams long enough to be paged: only the changes come out", async () => {
      const names = Array.from({ length: 300 }, (_, i) => `d${String(i).padStart(3, "0")}.nl`);
      const first = names.map((n) => domain(n, tests("passed")));
      const second = names.map((n, i) => domain(n, tests(i % 100 === 7 ? "failed" : "passed")));
      assert.deepEqual(await kinds(first, second), ["d007.nl", "d107.nl", "d207.nl"].flatMap((n) => [`${n} mail/m regressed`, `${n} web/w regressed`]));
    });
  });
});
