// The plans, defined once: the public pricing page, the in-app plan page and
// (a later billing issue) the limits the app enforces all read this module.
// Prices are whole euro cents excluding BTW (B2B, Dutch VAT added on the invoice).

export const VAT_RATE = 0.21;

export type PlanId = "start" | "groei" | "pro";
export type BillingInterval = "month" | "year";

/** Counted limits; `null` is unlimited. */
export type CountedLimit = "cardPrograms" | "locations" | "staff" | "customers" | "campaignsPerMonth" | "automations";
/** Features a plan has or has not. */
export type Feature = "api" | "webhooks";

export type PlanDefinition = {
  id: PlanId;
  /** Cents excl. BTW, per billing interval. */
  price: Record<BillingInterval, number>;
  limits: Record<CountedLimit, number | null>;
  features: Record<Feature, boolean>;
  /** The plan the pricing page points most shops to. */
  recommended?: boolean;
};

export const COUNTED_LIMITS: readonly CountedLimit[] = ["cardPrograms", "locations", "staff", "customers", "campaignsPerMonth", "automations"];
export const FEATURES: readonly Feature[] = ["api", "webhooks"];

export const PLANS: readonly PlanDefinition[] = [
  {
    id: "start",
    price: { month: 19_00, year: 190_00 },
    limits: { cardPrograms: 1, locations: 1, staff: 3, customers: 500, campaignsPerMonth: 2, automations: 0 },
    features: { api: false, webhooks: false },
  },
  {
    id: "groei",
    price: { month: 39_00, year: 390_00 },
    limits: { cardPrograms: 3, locations: 3, staff: 10, customers: 2_500, campaignsPerMonth: 8, automations: 5 },
    features: { api: false, webhooks: false },
    recommended: true,
  },
  {
    id: "pro",
    price: { month: 79_00, year: 790_00 },
    limits: { cardPrograms: null, locations: 10, staff: null, customers: 10_000, campaignsPerMonth: null, automations: null },
    features: { api: true, webhooks: true },
  },
];

export function plan(id: PlanId): PlanDefinition {
  const found = PLANS.find((p) => p.id === id);
  if (!found) throw new Error(`unknown plan ${id}`);
  return found;
}

/** What a year costs per month, in cents (rounded down to whole cents). */
export const monthlyEquivalent = (p: PlanDefinition) => Math.floor(p.price.year / 12);

/** Whole months a yearly plan saves against paying monthly. */
export const monthsFreeYearly = (p: PlanDefinition) => Math.round((12 * p.price.month - p.price.year) / p.price.month);

/** The amount including BTW, in cents. */
export const withVat = (cents: number) => Math.round(cents * (1 + VAT_RATE));

/** Whether `count` things of this kind still fit the plan (e.g. one more location: `count` = current + 1). */
export function withinLimit(p: PlanDefinition, limit: CountedLimit, count: number): boolean {
  const max = p.limits[limit];
  return max === null || count <= max;
}

// ---- trial and grace (issue 17, docs/billing.md)

/** Days of the free trial from sign-up. */
export const TRIAL_DAYS = 30;
/** The trial banner shows from this many days before the trial ends; reminder emails go at 7 and 1 days. */
export const TRIAL_BANNER_DAYS = 7;
export const TRIAL_REMINDER_DAYS = [7, 1] as const;
/** Days after a failed recurring payment before the dashboard turns read-only (Mollie retries meanwhile). */
export const PAYMENT_GRACE_DAYS = 14;
/**
 * Days the tablet keeps stamping after the dashboard turned read-only (trial
 * ended unpaid, or payment lapsed). Passes and web cards keep working always:
 * the merchant's customers are never punished.
 */
export const STAMPING_GRACE_DAYS = 30;
/** Days a deleted organization can still be restored before it is voided and erased. */
export const DELETION_UNDO_DAYS = 14;

/** During the trial a shop can try everything: the trial has the Pro plan's limits and features. */
export const TRIAL_PLAN: PlanId = "pro";

/** The database's Plan enum value for a plan id, and back (TRIAL has no plan id). */
export const PLAN_ENUM = { start: "START", groei: "GROEI", pro: "PRO" } as const satisfies Record<PlanId, string>;
export type PlanEnum = "TRIAL" | (typeof PLAN_ENUM)[PlanId];
export function planIdOf(value: PlanEnum): PlanId | null {
  return value === "TRIAL" ? null : ((Object.keys(PLAN_ENUM) as PlanId[]).find((id) => PLAN_ENUM[id] === value) ?? null);
}
/** The definition whose limits apply to an organization on `value` (the trial: TRIAL_PLAN). */
export const effectivePlan = (value: PlanEnum): PlanDefinition => plan(planIdOf(value) ?? TRIAL_PLAN);
