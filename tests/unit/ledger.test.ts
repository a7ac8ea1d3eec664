import { describe, expect, it } from "vitest";
import { applyDeltas, EMPTY_COUNTERS, redeemDeltas, stampDeltas, type CardCounters } from "@/lib/cards/ledger";

const rules = { stampsRequired: 10, intermediateStamp: 5 };

function stampMany(amounts: number[], state: CardCounters = EMPTY_COUNTERS) {
  return amounts.reduce((s, a) => applyDeltas(s, stampDeltas(s, a, rules)), state);
}

describe("stampDeltas", () => {
  it("adds stamps below the goal", () => {
    expect(stampDeltas(EMPTY_COUNTERS, 3, rules)).toEqual({ stampDelta: 3, rewardDelta: 0, intermediateDelta: 0 });
  });

  it("earns the intermediate reward when passing stamp 5", () => {
    expect(stampMany([4, 1])).toEqual({ stampCount: 5, rewardsAvailable: 0, intermediateAvailable: 1 });
    expect(stampMany([4, 2])).toEqual({ stampCount: 6, rewardsAvailable: 0, intermediateAvailable: 1 });
  });

  it("turns a full card into a reward and carries extra stamps over", () => {
    expect(stampMany([9, 2])).toEqual({ stampCount: 1, rewardsAvailable: 1, intermediateAvailable: 1 });
    expect(stampMany([10])).toEqual({ stampCount: 0, rewardsAvailable: 1, intermediateAvailable: 1 });
  });

  it("handles several cards in one go", () => {
    expect(stampMany([25])).toEqual({ stampCount: 5, rewardsAvailable: 2, intermediateAvailable: 3 });
  });

  it("equals stamping one at a time (the ledger is path-independent)", () => {
    for (const total of [1, 7, 10, 13, 29]) {
      expect(stampMany([total])).toEqual(stampMany(Array(total).fill(1)));
    }
  });

  it("ignores an intermediate stamp at or beyond the goal", () => {
    expect(stampDeltas(EMPTY_COUNTERS, 10, { stampsRequired: 10, intermediateStamp: 10 })).toEqual({ stampDelta: 0, rewardDelta: 1, intermediateDelta: 0 });
  });

  it("rejects non-positive or fractional amounts", () => {
    expect(() => stampDeltas(EMPTY_COUNTERS, 0, rules)).toThrow(RangeError);
    expect(() => stampDeltas(EMPTY_COUNTERS, 1.5, rules)).toThrow(RangeError);
  });
});

describe("redeemDeltas", () => {
  it("redeems only what is available", () => {
    expect(redeemDeltas(EMPTY_COUNTERS, "reward")).toBeNull();
    expect(redeemDeltas({ stampCount: 0, rewardsAvailable: 1, intermediateAvailable: 0 }, "reward")).toEqual({
      stampDelta: 0,
      rewardDelta: -1,
      intermediateDelta: 0,
    });
    expect(redeemDeltas({ stampCount: 5, rewardsAvailable: 0, intermediateAvailable: 1 }, "intermediate")).toEqual({
      stampDelta: 0,
      rewardDelta: 0,
      intermediateDelta: -1,
    });
  });
});
