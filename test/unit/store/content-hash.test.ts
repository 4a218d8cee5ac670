import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalJson, contentHash } from "../../../src/store/content-hash.ts";

describe("content hashes", () => {
  it("do not depend on the order in which keys were set", () => {
    assert.equal(contentHash({ a: 1, b: { c: [1, { e: 2, d: 3 }] } }), contentHash({ b: { c: [1, { d: 3, e: 2 }] }, a: 1 }));
    assert.equal(canonicalJson({ b: 1, a: [{ z: 1, y: 2 }] }), '{"a":[{"y":2,"z":1}],"b":1}');
  });

  it("do depend on values, array order and types", () => {
    assert.notEqual(contentHash({ a: [1, 2] }), contentHash({ a: [2, 1] }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: "1" }));
    assert.notEqual(contentHash({ a: null }), contentHash({}));
  });
});

describe("canonicalJson matches JSON.stringify of key-sorted copies", () => {
  const sortedCopies = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const s: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) s[k] = (v as Record<string, unknown>)[k];
    return s;
  });
  it("on edge cases: undefined members, functions, dates, NaN, -0, unicode, nesting", () => {
    const samples: unknown[] = [
      { b: 1, a: [3, { z: null, y: undefined, x: "é\n\u2028" }], c: { d: new Date(0), e: NaN, f: -0, g: Infinity } },
      [], {}, "x", 1.5e300, [undefined, () => 1], { u: undefined, f: () => 1 }, null, true,
    ];
    for (const s of samples) assert.equal(canonicalJson(s), sortedCopies(s));
  });
});

describe("contentHash", () => {
  it("ignores the moments of observation, not what was seen", () => {
    const a = { data: { loadedAt: "2026-01-01T00:00:00Z", sha256: "abc" }, observedAt: "2026-01-01T00:00:01Z", hosts: [1] };
    const b = { data: { loadedAt: "2026-02-01T00:00:00Z", sha256: "abc" }, observedAt: "2026-02-01T00:00:01Z", hosts: [1] };
    assert.equal(contentHash(a), contentHash(b));
    assert.notEqual(contentHash(a), contentHash({ ...b, data: { ...b.data, sha256: "def" } }));
    assert.notEqual(contentHash(a), contentHash({ ...b, hosts: [2] }));
  });
});
