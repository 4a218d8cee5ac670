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
