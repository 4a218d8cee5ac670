import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InFlight } from "../../../src/dns/in-flight.ts";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe("InFlight", () => {
  it("runs identical work once and gives every caller the result", async () => {
    const f = new InFlight<string>();
    let runs = 0;
    const d = deferred<string>();
    const work = () => { runs++; return d.promise; };
    const all = [f.run("k", work), f.run("k", work), f.run("k", work)];
    assert.equal(f.size, 1);
    d.resolve("done");
    assert.deepEqual(await Promise.all(all), ["done", "done", "done"]);
    assert.equal(runs, 1);
    assert.equal(f.size, 0);
    // After it finished, the next call runs afresh.
    await f.run("k", async () => { runs++; return "again"; });
    assert.equal(runs, 2);
  });

  it("keeps different keys apart", async () => {
    const f = new InFlight<string>();
    const [a, b] = await Promise.all([f.run("a", async () => "A"), f.run("b", async () => "B")]);
    assert.deepEqual([a, b], ["A", "B"]);
  });

  it("lets one caller give up without disturbing the others", async () => {
    const f = new InFlight<string>();
    const d = deferred<string>();
    let workSignal: AbortSignal | undefined;
    const work = (s: AbortSignal) => { workSignal = s; return d.promise; };
    const quitter = new AbortController();
    const p1 = f.run("k", work, quitter.signal);
    const p2 = f.run("k", work);
    quitter.abort("bye");
    await assert.rejects(p1, (e: unknown) => e === "bye");
    assert.equal(workSignal!.aborted, false);
    d.resolve("ok");
    assert.equal(await p2, "ok");
  });

  it("aborts the shared work when every caller has given up, and starts afresh next time", async () => {
    const f = new InFlight<string>();
    let workSignal: AbortSignal | undefined;
    const c1 = new AbortController();
    const c2 = new AbortController();
    const work = (s: AbortSignal) => { workSignal = s; return new Promise<string>(() => {}); };
    const p1 = f.run("k", work, c1.signal);
    const p2 = f.run("k", work, c2.signal);
    c1.abort("x");
    c2.abort("y");
    await assert.rejects(p1);
    await assert.rejects(p2);
    assert.equal(workSignal!.aborted, true);
    assert.equal(f.size, 0);
    assert.equal(await f.run("k", async () => "fresh"), "fresh");
  });

  it("rejects at once for an already aborted caller", async () => {
    const f = new InFlight<string>();
    let ran = false;
    await assert.rejects(f.run("k", async () => { ran = true; return ""; }, AbortSignal.abort("no")));
    assert.equal(ran, false);
  });
});
