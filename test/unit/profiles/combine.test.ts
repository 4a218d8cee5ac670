import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combineStates, meanScore, worstSeverity } from "../../../src/profiles/combine.ts";

describe("combining outcomes", () => {
  it("states: the first of not_met, error, not_measured, explained, met that occurs", () => {
    assert.equal(combineStates(["met", "explained", "met"]), "explained");
    assert.equal(combineStates(["met", "not_measured", "explained"]), "not_measured");
    assert.equal(combineStates(["error", "not_measured", "met"]), "error");
    assert.equal(combineStates(["met", "error", "not_met"]), "not_met");
    assert.equal(combineStates(["met", "met"]), "met");
    assert.equal(combineStates([]), "not_measured");
  });

  it("severity: the worst, with null only when nothing ran anywhere", () => {
    assert.equal(worstSeverity(["low", "high", "none"]), "high");
    assert.equal(worstSeverity([null, "none", null]), "none");
    assert.equal(worstSeverity([null, "low"]), "low");
    assert.equal(worstSeverity([null, null]), null);
    assert.equal(worstSeverity([]), null);
  });

  it("score: int of the mean of the scores that exist", () => {
    assert.equal(meanScore([100, 20, 100]), 73);
    assert.equal(meanScore([null, 50, undefined, 61]), 55);
    assert.equal(meanScore([null]), null);
    assert.equal(meanScore([]), null);
  });
});
