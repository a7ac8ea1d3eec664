// Billing periods and the prorated charge of an upgrade (docs/billing.md).
import type { BillingInterval, PlanDefinition } from "./plans";

export const MOLLIE_INTERVAL: Record<BillingInterval, string> = { month: "1 month", year: "12 months" };
export const INTERVAL_ENUM = { month: "MONTH", year: "YEAR" } as const;
export const intervalOf = (v: "MONTH" | "YEAR"): BillingInterval => (v === "YEAR" ? "year" : "month");

/** `date` plus one billing interval (calendar months, UTC; 31 Jan + 1 month = 3 Mar like Date does, acceptable for a period end). */
export function addInterval(date: Date, interval: BillingInterval, times = 1): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + (interval === "year" ? 12 : 1) * times);
  return d;
}

/** YYYY-MM-DD (Mollie's dates). */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The net amount an upgrade costs now: the price difference for the part of the
 * period that is left, rounded to whole cents. A downgrade costs nothing now
 * (it takes effect at the period end), so never below 0.
 */
export function prorate(input: { from: PlanDefinition; to: PlanDefinition; interval: BillingInterval; periodEnd: Date; now: Date }): number {
  const periodStart = addInterval(input.periodEnd, input.interval, -1);
  const total = input.periodEnd.getTime() - periodStart.getTime();
  const left = Math.min(Math.max(input.periodEnd.getTime() - input.now.getTime(), 0), total);
  const diff = input.to.price[input.interval] - input.from.price[input.interval];
  return diff <= 0 ? 0 : Math.round((diff * left) / total);
}
