import { describe, expect, it } from "vitest";
import { COUNTED_LIMITS, FEATURES, monthlyEquivalent, monthsFreeYearly, plan, PLANS, VAT_RATE, withinLimit, withVat } from "@/lib/billing/plans";
import { en, nl } from "@/lib/i18n/messages";

describe("plans: one definition for the pricing page, the plan page and (later) enforcement", () => {
  it("Start, Groei and Pro, in that order, each with a monthly and a yearly price in whole cents", () => {
    expect(PLANS.map((p) => p.id)).toEqual(["start", "groei", "pro"]);
    for (const p of PLANS) {
      for (const cents of [p.price.month, p.price.year]) {
        expect(Number.isInteger(cents)).toBe(true);
        expect(cents).toBeGreaterThan(0);
      }
    }
  });

  it("costs more as it offers more, and a year is cheaper than twelve months", () => {
    for (let i = 1; i < PLANS.length; i++) {
      expect(PLANS[i].price.month).toBeGreaterThan(PLANS[i - 1].price.month);
      expect(PLANS[i].price.year).toBeGreaterThan(PLANS[i - 1].price.year);
    }
    for (const p of PLANS) {
      expect(p.price.year).toBeLessThan(12 * p.price.month);
      expect(monthlyEquivalent(p)).toBeLessThan(p.price.month);
      expect(monthsFreeYearly(p)).toBe(2);
    }
  });

  it("never takes a limit or a feature away on a higher plan (null = unlimited)", () => {
    const rank = (v: number | null) => (v === null ? Infinity : v);
    for (let i = 1; i < PLANS.length; i++) {
      for (const key of COUNTED_LIMITS) expect(rank(PLANS[i].limits[key]), `${PLANS[i].id}.${key}`).toBeGreaterThanOrEqual(rank(PLANS[i - 1].limits[key]));
      for (const key of FEATURES) if (PLANS[i - 1].features[key]) expect(PLANS[i].features[key]).toBe(true);
    }
    // Every plan lets a shop run: at least one card, one location, one person behind the counter.
    for (const p of PLANS)
      for (const key of ["cardPrograms", "locations", "staff", "customers"] as const) expect(rank(p.limits[key])).toBeGreaterThanOrEqual(1);
  });

  it("defines every limit and feature for every plan, with a label in both languages", () => {
    for (const p of PLANS) {
      expect(Object.keys(p.limits).sort()).toEqual([...COUNTED_LIMITS].sort());
      expect(Object.keys(p.features).sort()).toEqual([...FEATURES].sort());
      expect(nl.pricing.plans).toHaveProperty(p.id);
      expect(en.pricing.plans).toHaveProperty(p.id);
    }
    for (const key of [...COUNTED_LIMITS, ...FEATURES]) {
      expect(nl.pricing.limits).toHaveProperty(key);
      expect(en.pricing.limits).toHaveProperty(key);
    }
  });

  it("checks limits and adds 21% BTW", () => {
    const start = plan("start");
    expect(withinLimit(start, "locations", 1)).toBe(true);
    expect(withinLimit(start, "locations", 2)).toBe(false);
    expect(withinLimit(plan("pro"), "staff", 10_000)).toBe(true);
    expect(VAT_RATE).toBe(0.21);
    expect(withVat(19_00)).toBe(22_99);
    expect(exactlyOneRecommended()).toBe(true);
  });
});

const exactlyOneRecommended = () => PLANS.filter((p) => p.recommended).length === 1;
