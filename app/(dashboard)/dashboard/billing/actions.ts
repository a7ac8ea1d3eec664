"use server";
// The billing page's actions (owners only). They stay possible while the
// dashboard is read-only: paying is the way out (allowReadOnly, lib/billing/entitlements.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/actions/tenant-action";
import type { ActionResult } from "@/lib/actions/result";
import { AppError } from "@/lib/errors/app-error";
import { cancelSubscription, changePlan, payNow, previewPlanChange, resumeSubscription, startCheckout, type PlanChoice } from "@/lib/billing/subscription";
import type { TenantContext } from "@/lib/tenancy/context";

const PlanChoiceSchema = z.object({ plan: z.enum(["start", "groei", "pro"]), interval: z.enum(["month", "year"]) });
const BILLING_ERRORS = new Set([
  "billingOff",
  "alreadySubscribed",
  "nothingDue",
  "noSubscription",
  "samePlan",
  "cannotResume",
  "checkoutUnavailable",
  "invalidChoice",
]);

/** Runs `fn` as the owner; billing's own refusals come back as "billing.errors.<key>". */
async function billingAction<T>(fn: (ctx: TenantContext) => Promise<T>): Promise<ActionResult<T>> {
  const result = await tenantAction("OWNER", fn, { allowReadOnly: true });
  if (!result.ok) {
    const key = result.error.replace(/^(validation|errors)\./, "");
    if (BILLING_ERRORS.has(key)) return { ...result, error: `billing.errors.${key}` };
  }
  return result;
}

function choice(input: unknown): PlanChoice {
  const parsed = PlanChoiceSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "invalidChoice");
  return parsed.data;
}

const refresh = () => revalidatePath("/dashboard/billing");

export async function checkoutAction(input: unknown) {
  return billingAction((ctx) => startCheckout(ctx, choice(input)));
}

export async function payNowAction() {
  return billingAction((ctx) => payNow(ctx));
}

export async function previewPlanChangeAction(input: unknown) {
  return billingAction(async (ctx) => {
    const p = await previewPlanChange(ctx, choice(input));
    return { ...p, effectiveAt: p.effectiveAt.toISOString() };
  });
}

export async function changePlanAction(input: unknown) {
  return billingAction(async (ctx) => {
    await changePlan(ctx, choice(input));
    refresh();
    return null;
  });
}

export async function cancelAction() {
  return billingAction(async (ctx) => {
    await cancelSubscription(ctx);
    refresh();
    return null;
  });
}

export async function resumeAction() {
  return billingAction(async (ctx) => {
    await resumeSubscription(ctx);
    refresh();
    return null;
  });
}
