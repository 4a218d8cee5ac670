// The benchmark's confidence interval for a median (bench/median-interval.ts): a percentile
// bootstrap that must contain the sample's median, narrow as the rounds agree, and give the same
// interval for the same rounds.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { median, medianInterval } from "../../../bench/median-interval.ts";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /no values/);
  });
});

describe("medianInterval", () => {
  // 21 paired shares, spread as the runs benchmark's rounds spread for PostgreSQL's 1,000-domain first runs.
  const rounds = [0.02, 0.15, 0.2, 0.09, 0.12, 0.04, 0.11, 0.13, 0.08, 0.1, -0.05, 0.06, 0.17, 0.09, 0.24, 0.07, 0.1, 0.03, 0.08, 0.14, 0.11];

  it("holds the sample's median, within the range of the rounds", () => {
    const [low, high] = medianInterval(rounds);
    const m = median(rounds);
    assert.ok(low <= m && m <= high, `${low} ≤ ${m} ≤ ${high}`);
    assert.ok(low >= Math.min(...rounds) && high <= Math.max(...rounds));
    assert.ok(low < m && m < high, "21 scattered rounds leave the median uncertain both ways");
  });

  it("is the same for the same rounds, and wider at higher confidence", () => {
    assert.deepEqual(medianInterval(rounds), medianInterval(rounds));
    const [low95, high95] = medianInterval(rounds, 0.95);
    const [low50, high50] = medianInterval(rounds, 0.5);
    assert.ok(low95 <= low50 && high50 <= high95);
    assert.ok(high50 - low50 < high95 - low95);
  });

  it("narrows as the rounds agree", () => {
    const spread = medianInterval(rounds);
    const agreeing = medianInterval(rounds.map((r) => 0.1 + (r - 0.1) / 10));
    assert.ok(agreeing[1] - agreeing[0] < (spread[1] - spread[0]) / 5);
    assert.deepEqual(medianInterval([0.07, 0.07, 0.07]), [0.07, 0.07]);
  });

  it("refuses no rounds and a confidence outside (0, 1)", () => {
    assert.throws(() => medianInterval([]), /no values/);
    assert.throws(() => medianInterval(rounds, 1), RangeError);
    assert.throws(() => medianInterval(rounds, 0), RangeError);
  });
});
