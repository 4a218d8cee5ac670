import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contentHash } from "../../../src/store/content-hash.ts";

describe("content hashes", () => {
  it("are the same for the same content built the same way", () => {
    assert.equal(contentHash({ a: 1, b: { c: [1, { e: 2, d: 3 }] } }), contentHash({ a: 1, b: { c: [1, { e: 2, d: 3 }] } }));
  });

  it("do depend on values, array order and types", () => {
    assert.notEqual(contentHash({ a: [1, 2] }), contentHash({ a: [2, 1] }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: "1" }));
    assert.notEqual(contentHash({ a: null }), contentHash({}));
  });

  it("ignore the moments of observation, not what was seen", () => {
    const a = { data: { loadedAt: "2026-01-01T00:00:00Z", sha256: "abc" }, observedAt: "2026-01-01T00:00:01Z", hosts: [1] };
    const b = { data: { loadedAt: "2026-02-01T00:00:00Z", sha256: "abc" }, observedAt: "2026-02-01T00:00:01Z", hosts: [1] };
    assert.equal(contentHash(a), contentHash(b));
    assert.notEqual(contentHash(a), contentHash({ ...b, data: { ...b.data, sha256: "def" } }));
    assert.notEqual(contentHash(a), contentHash({ ...b, hosts: [2] }));
  });

  it("keep text that only mentions a moment key inside a string value", () => {
    const said = (n: number) => ({ reason: `the file says "loadedAt":"${n}"`, loadedAt: `2026-0${n}-01T00:00:00Z` });
    assert.notEqual(contentHash(said(1)), contentHash(said(2)));
  });
});
