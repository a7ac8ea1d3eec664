// lib/lanes.ts: the one "n calls in flight" loop of APNs, Google Wallet, SMTP and the send engine.
import { describe, expect, it } from "vitest";
import { inLanes } from "@/lib/lanes";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("inLanes", () => {
  it("calls every item once, with its index, in list order, never more than n at a time", async () => {
    const started: [string, number][] = [];
    let inFlight = 0;
    let most = 0;
    await inLanes(["a", "b", "c", "d", "e", "f", "g"], 3, async (item, i) => {
      started.push([item, i]);
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(started).toEqual(["a", "b", "c", "d", "e", "f", "g"].map((x, i) => [x, i]));
    expect(most).toBe(3);
  });

  it("does nothing for an empty list, and one lane when n is larger than the list", async () => {
    let calls = 0;
    await inLanes([], 5, async () => void calls++);
    expect(calls).toBe(0);
    await inLanes([1], 5, async () => void calls++);
    expect(calls).toBe(1);
  });

  it("rejects when a call fails", async () => {
    await expect(inLanes([1, 2, 3], 2, async (x) => (x === 2 ? Promise.reject(new Error("boom")) : undefined))).rejects.toThrow("boom");
  });
});
