import { describe, expect, it } from "vitest";
import { startOfLocalDay } from "@/lib/stamping/local-day";

describe("startOfLocalDay (Europe/Amsterdam)", () => {
  const tz = "Europe/Amsterdam";
  it.each([
    ["2026-11-25T22:59:00Z", "2026-11-24T23:00:00.000Z"], // 23:59 winter time
    ["2026-11-25T23:01:00Z", "2026-11-25T23:00:00.000Z"], // 00:01 the next day
    ["2026-07-01T21:30:00Z", "2026-06-30T22:00:00.000Z"], // summer time, UTC+2
    ["2026-10-25T12:00:00Z", "2026-10-24T22:00:00.000Z"], // the 25-hour day
    ["2026-03-29T12:00:00Z", "2026-03-28T23:00:00.000Z"], // the 23-hour day
  ])("%s starts its day at %s", (at, start) => {
    expect(startOfLocalDay(new Date(at), tz).toISOString()).toBe(start);
  });
  it("handles other zones", () => {
    expect(startOfLocalDay(new Date("2026-11-25T03:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-24T05:00:00.000Z");
  });
});
