import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestType } from "../../../src/checks/result.ts";
import { executeRun, MAX_UNCOMMITTED_PER_WORKER } from "../../../src/runs/executor.ts";
import type { RunWorkItem } from "../../../src/runs/executor.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";

function items(n: number): RunWorkItem[] {
  return Array.from({ length: n }, (_, i) => ({ domainId: i + 1, domain: `d${i}.test`, types: ["web"] as TestType[] }));
}

async function* stream<T>(list: T[]): AsyncIterable<T> {
  for (const x of list) yield x;
}

function scanWith(status: "passed" | "error"): (domain: string) => DomainScan {
  return (domain) => ({
    domain, evidence: { domain },
    results: [{ domain, type: "web", score: null, tests: { web_dnssec_valid: { status, verdict: "x", reason: "x", details: {} } } }],
  });
}

describe("run executor", () => {
  it("records every domain once, never more than `concurrency` at a time", async () => {
    let running = 0;
    let peak = 0;
    const recorded: string[] = [];
    const summary = await executeRun({
      items: stream(items(50)), concurrency: 4, domainDeadlineMs: 10_000,
      scan: async (d) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        return scanWith("passed")(d);
      },
      sink: { record: async (item) => { recorded.push(item.domain); } },
    });
    assert.equal(summary.domains, 50);
    assert.equal(summary.retried, 0);
    assert.equal(peak, 4);
    assert.deepEqual([...recorded].sort(), items(50).map((i) => i.domain).sort());
  });

  it("a domain past its deadline is recorded as error and does not block the run", async () => {
    const recorded = new Map<string, DomainScan[]>();
    const summary = await executeRun({
      items: stream(items(3)), concurrency: 3, domainDeadlineMs: 50,
      scan: (d) => (d === "d1.test" ? new Promise<DomainScan>(() => { /* hangs forever */ }) : Promise.resolve(scanWith("passed")(d))),
      sink: { record: async (item, scan) => { recorded.set(item.domain, [...(recorded.get(item.domain) ?? []), scan]); } },
    });
    const hung = recorded.get("d1.test")!;
    assert.equal(hung.length, 2, "tried once more at the end");
    for (const scan of hung) {
      const t = scan.results[0]!.tests;
      assert.ok(Object.keys(t).length > 0);
      for (const r of Object.values(t)) assert.deepEqual([r.status, r.verdict], ["error", "deadline"]);
    }
    assert.equal(summary.errorDomains, 1);
    assert.equal(recorded.get("d0.test")!.length, 1);
  });

  it("domains that end in error are retried once at the end; a recovered one no longer counts", async () => {
    const attempts = new Map<string, number>();
    const seen: { domain: string; attempt: number }[] = [];
    const summary = await executeRun({
      items: stream(items(4)), concurrency: 2, domainDeadlineMs: 10_000,
      scan: async (d) => {
        const n = (attempts.get(d) ?? 0) + 1;
        attempts.set(d, n);
        // d0 errs once then recovers; d1 errs always.
        const err = d === "d1.test" || (d === "d0.test" && n === 1);
        return scanWith(err ? "error" : "passed")(d);
      },
      sink: { record: async (item, _scan, attempt) => { seen.push({ domain: item.domain, attempt }); } },
    });
    assert.deepEqual(summary, { ...summary, domains: 4, retried: 2, errorDomains: 1 });
    assert.deepEqual(seen.filter((s) => s.attempt === 2).map((s) => s.domain).sort(), ["d0.test", "d1.test"]);
    assert.equal(attempts.get("d2.test"), 1);
  });

  it("errors of configuration (no RPKI data) are not retried", async () => {
    let calls = 0;
    const summary = await executeRun({
      items: stream(items(2)), concurrency: 2, domainDeadlineMs: 10_000,
      scan: async (domain) => {
        calls++;
        return { domain, evidence: { domain }, results: [{ domain, type: "web", score: null, tests: { web_rpki_valid: { status: "error", verdict: "no_rpki_data", reason: "x", details: {} } } }] };
      },
      sink: { record: async () => {} },
    });
    assert.equal(calls, 2);
    assert.deepEqual([summary.retried, summary.errorDomains], [0, 0]);
  });

  it("reports progress per domain", async () => {
    const events: number[] = [];
    await executeRun({
      items: stream(items(5)), concurrency: 1, domainDeadlineMs: 10_000, total: 5,
      scan: async (d) => scanWith("passed")(d),
      sink: { record: async () => {} },
      onProgress: (p) => events.push(p.done),
    });
    assert.deepEqual(events, [1, 2, 3, 4, 5]);
  });

  it("a worker scans on while its domains wait for their commits, up to a bound; a domain is done once committed", async () => {
    const commits: (() => void)[] = [];
    const scanned: string[] = [];
    const events: number[] = [];
    const total = MAX_UNCOMMITTED_PER_WORKER + 2;
    const run = executeRun({
      items: stream(items(total)), concurrency: 1, domainDeadlineMs: 10_000,
      scan: async (d) => { scanned.push(d); return scanWith("passed")(d); },
      // Commits complete only when the test says so.
      sink: { record: () => new Promise<void>((resolve) => commits.push(resolve)) },
      onProgress: (p) => events.push(p.done),
    });
    while (commits.length < MAX_UNCOMMITTED_PER_WORKER) await new Promise((r) => setImmediate(r));
    // Give the worker every chance to go beyond the bound.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(scanned.length, MAX_UNCOMMITTED_PER_WORKER, "the worker scanned on without waiting for commits, and stopped at the bound");
    assert.deepEqual(events, [], "nothing is done before it is committed");
    commits[0]!();
    while (scanned.length <= MAX_UNCOMMITTED_PER_WORKER) await new Promise((r) => setImmediate(r));
    assert.equal(scanned.length, MAX_UNCOMMITTED_PER_WORKER + 1, "one commit lets one more domain start");
    for (let i = 1; i < total; i++) {
      while (commits.length <= i) await new Promise((r) => setImmediate(r));
      commits[i]!();
    }
    const summary = await run;
    assert.equal(summary.domains, total);
    assert.deepEqual(events, Array.from({ length: total }, (_, i) => i + 1));
  });

  it("drains the sink once the work list is done, and when the run is stopped", async () => {
    const order: string[] = [];
    await executeRun({
      items: stream(items(3)), concurrency: 2, domainDeadlineMs: 10_000,
      scan: async (d) => { order.push(`scan ${d}`); return scanWith("passed")(d); },
      sink: { record: async (item) => { order.push(`record ${item.domain}`); }, drain: () => order.push("drain") },
    });
    assert.ok(order.indexOf("drain") > order.indexOf("scan d2.test"), "drained only once the last domain was taken");
    assert.deepEqual(order.filter((x) => x.startsWith("record")).sort(), ["record d0.test", "record d1.test", "record d2.test"], "and every domain still recorded");

    const stop = new AbortController();
    let drained = 0;
    await executeRun({
      items: stream(items(50)), concurrency: 1, domainDeadlineMs: 10_000, signal: stop.signal,
      scan: async (d) => { if (d === "d2.test") stop.abort(); return scanWith("passed")(d); },
      sink: { record: async () => {}, drain: () => { drained++; } },
    });
    assert.equal(drained, 1, "a stopped run drains what waits");
  });

  it("drains the sink as the last `concurrency` domains start, when it knows how many domains there are", async () => {
    const order: string[] = [];
    await executeRun({
      items: stream(items(10)), itemCount: 10, concurrency: 3, domainDeadlineMs: 10_000,
      scan: async (d) => { order.push(`scan ${d}`); await new Promise((r) => setImmediate(r)); return scanWith("passed")(d); },
      sink: { record: async (item) => { order.push(`record ${item.domain}`); }, drain: () => order.push("drain") },
    });
    // The 7th domain (d6) is the first of the last three: draining starts as it is taken.
    assert.equal(order.indexOf("drain"), order.indexOf("scan d6.test") - 1, order.join(", "));
    assert.ok(order.indexOf("drain") < order.indexOf("scan d9.test"), "before the work list ran out");
    assert.equal(order.filter((x) => x === "drain").length, 4, "and again as each of the three workers finds the list done (harmless: drain only writes what waits)");
    assert.equal(order.filter((x) => x.startsWith("record")).length, 10);

    // A list no longer than `concurrency` drains from its first domain on.
    const short: string[] = [];
    await executeRun({
      items: stream(items(2)), itemCount: 2, concurrency: 3, domainDeadlineMs: 10_000,
      scan: async (d) => { short.push(`scan ${d}`); return scanWith("passed")(d); },
      sink: { record: async () => {}, drain: () => short.push("drain") },
    });
    assert.equal(short[0], "drain");
  });

  it("a failed commit fails the run", async () => {
    let n = 0;
    await assert.rejects(executeRun({
      items: stream(items(20)), concurrency: 2, domainDeadlineMs: 10_000,
      scan: async (d) => scanWith("passed")(d),
      sink: { record: async () => { if (++n === 3) throw new Error("disk full"); } },
    }), /disk full/);
    assert.ok(n < 20, "the run stops scanning after the failure");
  });
});
