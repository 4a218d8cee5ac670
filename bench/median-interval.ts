// How far a benchmark's median can be trusted. Single rounds of the runs benchmark spread widely
// (a round's storage share from −30 % to +24 %), so a median of 21 rounds still moves by a few
// points from one benchmark to the next: the interval says by how much, from the rounds
// themselves, so that a figure near a target reads as "at the line" rather than over or under.
//
// A percentile bootstrap: the rounds are drawn again with replacement many times, and the middle
// 95 % of the resampled medians is the interval. The draws come from a fixed seed, so the same
// rounds always give the same interval.

import { seededRandom } from "../test/helpers/seeded-random.ts";

/** Resamples per interval: enough for the 2.5th and 97.5th percentiles to settle. */
const RESAMPLES = 4000;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The bootstrap interval of the median of `values` at `confidence` (0.95: the middle 95 %). */
export function medianInterval(values: readonly number[], confidence = 0.95, seed = 1): [low: number, high: number] {
  if (values.length === 0) throw new Error("the median of no values");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie between 0 and 1, not ${confidence}`);
  const random = seededRandom(seed);
  const medians: number[] = [];
  const draw = new Array<number>(values.length);
  for (let r = 0; r < RESAMPLES; r++) {
    for (let i = 0; i < values.length; i++) draw[i] = values[Math.floor(random() * values.length)]!;
    medians.push(median(draw));
  }
  medians.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return [medians[Math.floor(tail * (RESAMPLES - 1))]!, medians[Math.ceil((1 - tail) * (RESAMPLES - 1))]!];
}
