// The account state contract (lib/billing/entitlements.ts, docs/billing.md).
import { describe, expect, it } from "vitest";
import { accountFieldsOf, accountState, monthStart, type AccountFields } from "@/lib/billing/entitlements";
import { PAYMENT_GRACE_DAYS, STAMPING_GRACE_DAYS } from "@/lib/billing/plans";
import { failure } from "@/lib/actions/result";
import { AppError } from "@/lib/errors/app-error";

const DAY = 86_400_000;
const now = new Date("2026-12-10T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const org = (o: Partial<AccountFields> = {}): AccountFields => ({
  plan: "TRIAL",
  trialEndsAt: ago(-10),
  subscriptionStatus: "NONE",
  currentPeriodEnd: null,
  pastDueSince: null,
  deletionRequestedAt: null,
  deletedAt: null,
  ...o,
});

describe("accountState", () => {
  it("a running trial: days left, stamping, not read-only", () => {
    expect(accountState(org(), now, true)).toEqual({ mode: "trial", trialDaysLeft: 10, readOnlySince: null, stampingAllowed: true, reason: null });
    expect(accountState(org({ trialEndsAt: new Date(now.getTime() + 3600_000) }), now, true).trialDaysLeft).toBe(1);
  });

  it("a trial ended unpaid turns read-only, stamping goes on through the grace", () => {
    const s = accountState(org({ trialEndsAt: ago(2) }), now, true);
    expect(s).toMatchObject({ mode: "readOnly", trialDaysLeft: 0, reason: "trialEnded", stampingAllowed: true });
    expect(s.readOnlySince).toEqual(ago(2));
    expect(accountState(org({ trialEndsAt: ago(STAMPING_GRACE_DAYS - 0.01) }), now, true).stampingAllowed).toBe(true);
    expect(accountState(org({ trialEndsAt: ago(STAMPING_GRACE_DAYS) }), now, true).stampingAllowed).toBe(false);
  });

  it("billing off: the trial never turns read-only", () => {
    expect(accountState(org({ trialEndsAt: ago(90) }), now, false)).toMatchObject({ mode: "trial", readOnlySince: null, stampingAllowed: true });
  });

  it("a paid plan is active; a failed payment is read-only only after the payment grace", () => {
    expect(accountState(org({ plan: "GROEI", trialEndsAt: ago(60), subscriptionStatus: "ACTIVE" }), now, true).mode).toBe("active");
    const pastDue = (days: number) => accountState(org({ plan: "START", subscriptionStatus: "PAST_DUE", pastDueSince: ago(days) }), now, true);
    expect(pastDue(PAYMENT_GRACE_DAYS - 1).mode).toBe("active");
    expect(pastDue(PAYMENT_GRACE_DAYS + 1)).toMatchObject({ mode: "readOnly", reason: "paymentFailed", readOnlySince: ago(1) });
  });

  it("a cancelled subscription is read-only once its period ended", () => {
    const c = (end: Date) => accountState(org({ plan: "PRO", subscriptionStatus: "CANCELED", currentPeriodEnd: end }), now, true);
    expect(c(ago(-3)).mode).toBe("active");
    expect(c(ago(3))).toMatchObject({ mode: "readOnly", reason: "canceled" });
  });

  it("deleting while the undo window runs", () => {
    expect(accountState(org({ deletionRequestedAt: ago(1) }), now, true)).toMatchObject({ mode: "deleting", reason: "deleting" });
    expect(accountState(org({ deletionRequestedAt: ago(20), deletedAt: ago(1) }), now, true).mode).toBe("trial");
  });

  it("reads the columns as PostgreSQL's JSON writes them (UTC wall time)", () => {
    const f = accountFieldsOf({ plan: "TRIAL", trialEndsAt: "2026-12-01T10:00:00.5", subscriptionStatus: "NONE", pastDueSince: null });
    expect(f.trialEndsAt.toISOString()).toBe("2026-12-01T10:00:00.500Z");
    expect(f.pastDueSince).toBeNull();
  });
});

describe("monthStart", () => {
  it("is local midnight on the first, in the merchant's zone", () => {
    expect(monthStart(new Date("2026-12-10T12:00:00Z"), "Europe/Amsterdam").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(monthStart(new Date("2026-07-01T00:30:00+02:00"), "Europe/Amsterdam").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(monthStart(new Date("2026-06-30T22:30:00Z"), "UTC").toISOString()).toBe("2026-06-01T00:00:00.000Z");
  });
});

describe("action results", () => {
  it("a plan limit or read-only refusal carries its code and an errors.* message", () => {
    expect(failure(new AppError("PLAN_LIMIT", "planLimit.locations"))).toEqual({ ok: false, error: "errors.planLimit.locations", code: "PLAN_LIMIT" });
    expect(failure(new AppError("READ_ONLY", "readOnly.trialEnded"))).toMatchObject({ error: "errors.readOnly.trialEnded", code: "READ_ONLY" });
  });
});
