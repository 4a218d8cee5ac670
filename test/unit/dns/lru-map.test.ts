// The bounded map behind the resolver's caches: use keeps an entry, the least recently used
// goes first.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LruMap } from "../../../src/dns/lru-map.ts";

describe("LruMap", () => {
  it("drops the least recently used entry beyond its bound", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    assert.equal(m.get("a"), 1, "a is now the most recently used");
    m.set("c", 3);
    assert.equal(m.get("b"), undefined);
    assert.equal(m.get("a"), 1);
    assert.equal(m.get("c"), 3);
    m.set("a", 10);
    assert.equal(m.size, 2);
    assert.equal(m.get("a"), 10, "setting again replaces, without growing");
  });

  it("refuses a bound below one", () => {
    assert.throws(() => new LruMap(0), RangeError);
  });
});
