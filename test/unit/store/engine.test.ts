import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { powerOfTwoAtMost, powerOfTwoChunks } from "../../../src/store/engine.ts";

describe("statement sizes", () => {
  it("finds the largest power of two not above a number", () => {
    assert.deepEqual([1, 2, 3, 4, 1000, 1024, 1333].map(powerOfTwoAtMost), [1, 2, 2, 4, 512, 1024, 1024]);
  });

  it("cuts rows into power-of-two chunks, largest first, keeping every row once and in order", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const parts = powerOfTwoChunks(rows, 1333);
    assert.deepEqual(parts.map((p) => p.length), [512, 256, 128, 64, 32, 8]);
    assert.deepEqual(parts.flat(), rows);
    assert.deepEqual(powerOfTwoChunks(Array.from({ length: 2500 }, (_, i) => i), 1333).map((p) => p.length), [1024, 1024, 256, 128, 64, 4]);
    assert.deepEqual(powerOfTwoChunks([], 10), []);
  });

  it("needs few lengths for every batch size: the prepared statements stay few", () => {
    const lengths = new Set<number>();
    for (let n = 1; n <= 5000; n++) for (const part of powerOfTwoChunks(new Array<number>(n).fill(0), 1333)) lengths.add(part.length);
    assert.equal(lengths.size, 11);
  });
});
