import { describe, expect, it } from "vitest";
import { checkStamp } from "@/lib/stamping/rules";

const rules = { minMinutesBetweenStamps: 10, maxStampsPerDay: 5, maxStampsPerAction: 3 };
const now = new Date("2026-11-25T09:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("checkStamp (the fraud rules, given the facts read under the card lock)", () => {
  it("allows a stamp that breaks no rule", () => {
    expect(checkStamp({ amount: 3, now, lastStampAt: minutesAgo(10), stampsToday: 2, rules })).toBeNull();
    expect(checkStamp({ amount: 1, now, lastStampAt: null, stampsToday: 0, rules })).toBeNull();
  });

  it("refuses more stamps in one action than allowed", () => {
    expect(checkStamp({ amount: 4, now, lastStampAt: null, stampsToday: 0, rules })).toEqual({ rule: "maxPerAction", limit: 3 });
  });

  it("refuses a stamp within the interval, saying when the next one can be given", () => {
    expect(checkStamp({ amount: 1, now, lastStampAt: minutesAgo(9), stampsToday: 1, rules })).toEqual({ rule: "minInterval", retryAt: minutesAgo(-1) });
    expect(checkStamp({ amount: 1, now, lastStampAt: minutesAgo(1), stampsToday: 1, rules: { ...rules, minMinutesBetweenStamps: 0 } })).toBeNull();
  });

  it("refuses going over the day's cap, counting this action's stamps", () => {
    expect(checkStamp({ amount: 2, now, lastStampAt: null, stampsToday: 4, rules })).toEqual({ rule: "maxPerDay", limit: 5, stampsToday: 4 });
    expect(checkStamp({ amount: 1, now, lastStampAt: null, stampsToday: 4, rules })).toBeNull();
  });
});
