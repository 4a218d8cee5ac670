// The validator's per-zone cache is bounded and drops the least recently used zone first, so
// the zones every validation passes (root, TLDs) stay while a run's memory stays flat.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ExpiringCache } from "../../../src/dnssec/key-cache.ts";

describe("validator key cache", () => {
  it("holds at most maxEntries, dropping the least recently used", () => {
    const cache = new ExpiringCache<string>(() => 0, 3);
    cache.set(".", "root", 100);
    cache.set("test", "tld", 100);
    cache.set("a.test", "a", 100);
    assert.equal(cache.get("."), "root"); // used again: now the most recent
    cache.set("b.test", "b", 100);
    assert.equal(cache.size, 3);
    assert.equal(cache.get("test"), undefined, "the least recently used went");
    assert.equal(cache.get("."), "root");
    assert.equal(cache.get("a.test"), "a");
    assert.equal(cache.get("b.test"), "b");
  });

  it("replacing a zone's entry does not drop another zone", () => {
    const cache = new ExpiringCache<string>(() => 0, 2);
    cache.set("a.test", "a1", 100);
    cache.set("b.test", "b", 100);
    cache.set("A.test.", "a2", 100);
    assert.deepEqual([cache.size, cache.get("a.test"), cache.get("b.test")], [2, "a2", "b"]);
  });

  it("forgets expired entries", () => {
    let now = 0;
    const cache = new ExpiringCache<string>(() => now, 10);
    cache.set("a.test", "a", 50);
    now = 50;
    assert.equal(cache.get("a.test"), undefined);
    assert.equal(cache.size, 0);
  });
});
