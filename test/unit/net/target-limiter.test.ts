import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TargetLimiter } from "../../../src/net/target-limiter.ts";
import type { ReleaseSlot } from "../../../src/net/target-limiter.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("TargetLimiter", () => {
  it("runs up to the limit at once per address, independently per address", async () => {
    const limiter = new TargetLimiter(2);
    const r1 = await limiter.acquire("192.0.2.1");
    const r2 = await limiter.acquire("192.0.2.1");
    const r3 = await limiter.acquire("192.0.2.2");
    let third = false;
    const p = limiter.acquire("192.0.2.1").then((r) => { third = true; return r; });
    await tick();
    assert.equal(third, false);
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 2, waiting: 1 });
    assert.deepEqual(limiter.usage("192.0.2.2"), { active: 1, waiting: 0 });
    r1();
    const r4 = await p;
    assert.equal(third, true);
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 2, waiting: 0 });
    for (const r of [r2, r3, r4]) r();
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 0, waiting: 0 });
  });

  it("serves waiters first come, first served, and newcomers cannot overtake", async () => {
    const limiter = new TargetLimiter(1);
    const order: number[] = [];
    let release = await limiter.acquire("::1");
    const waiters = [1, 2, 3, 4, 5].map((n) => limiter.acquire("::1").then((r) => { order.push(n); return r; }));
    for (let i = 0; i < 5; i++) {
      release();
      // A newcomer arriving right after the release must queue behind the earlier waiters.
      if (i === 0) waiters.push(limiter.acquire("::1").then((r) => { order.push(6); return r; }));
      release = await waiters[i]!;
    }
    release();
    release = await waiters[5]!;
    release();
    assert.deepEqual(order, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(limiter.usage("::1"), { active: 0, waiting: 0 });
  });

  it("treats different notations of one address as one target", async () => {
    const limiter = new TargetLimiter(1);
    const r = await limiter.acquire("2001:db8::1");
    assert.deepEqual(limiter.usage("2001:0DB8:0:0::1"), { active: 1, waiting: 0 });
    r();
  });

  it("gives up waiting when the signal fires (deadline), with the signal's reason, and frees nothing it did not take", async () => {
    const limiter = new TargetLimiter(1);
    const held = await limiter.acquire("192.0.2.1");
    const deadline = AbortSignal.timeout(20);
    await assert.rejects(limiter.acquire("192.0.2.1", deadline), (err: Error) => err.name === "TimeoutError");
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 1, waiting: 0 });
    // The next waiter still gets the slot when it is freed.
    const next = limiter.acquire("192.0.2.1");
    held();
    (await next)();
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 0, waiting: 0 });
  });

  it("skips an aborted waiter in the queue", async () => {
    const limiter = new TargetLimiter(1);
    const held = await limiter.acquire("192.0.2.1");
    const controller = new AbortController();
    const order: string[] = [];
    const a = limiter.acquire("192.0.2.1", controller.signal).then(() => order.push("a"), (e: unknown) => { order.push(`a:${String(e)}`); });
    const b = limiter.acquire("192.0.2.1").then((r) => { order.push("b"); return r; });
    controller.abort("gone");
    await a;
    held();
    (await b)();
    assert.deepEqual(order, ["a:gone", "b"]);
  });

  it("rejects at once when the signal has already fired", async () => {
    const limiter = new TargetLimiter(1);
    await assert.rejects(limiter.acquire("192.0.2.1", AbortSignal.abort("late")), (e: unknown) => e === "late");
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 0, waiting: 0 });
  });

  it("ignores a second release of the same slot", async () => {
    const limiter = new TargetLimiter(1);
    const r: ReleaseSlot = await limiter.acquire("192.0.2.1");
    const other = limiter.acquire("192.0.2.1");
    r();
    const r2 = await other;
    r(); // must not free r2's slot
    assert.deepEqual(limiter.usage("192.0.2.1"), { active: 1, waiting: 0 });
    r2();
  });

  it("refuses a nonsensical limit", () => {
    assert.throws(() => new TargetLimiter(0), RangeError);
    assert.throws(() => new TargetLimiter(1.5), RangeError);
  });
});
