// The NPS on screen must equal the seed's figure computed by PostgreSQL's round (halves away from zero).
import { describe, expect, it } from "vitest";
import { roundNps } from "@/lib/insights/nps";

describe("roundNps", () => {
  it("rounds halves away from zero, like PostgreSQL", () => {
    expect([-12.5, 12.5, -12.4, -0.4, 0, 7.5, -100].map(roundNps)).toEqual([-13, 13, -12, 0, 0, 8, -100]);
  });
});
