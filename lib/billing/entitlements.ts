// What an organization may do on its plan (docs/billing.md): the counted limits
// and features of lib/billing/plans.ts, checked in the domain functions that
// create things, and the account state (trial, active, read-only, deleting).
//
// For B (billing) and C (settings), the read-only mechanism:
//  - Server actions: `tenantAction(role, fn)` refuses every action with
//    AppError("READ_ONLY") while the dashboard is read-only (or the organization
//    is being deleted). The ways out pass `{ allowReadOnly: true }`:
//    `tenantAction("OWNER", fn, { allowReadOnly: true })` (billing, export,
//    delete, restore). Route handlers: `withTenant(role, endpoint, { allowReadOnly: true })`
//    (lib/http/principals.ts; GET and HEAD are never refused).
//  - Domain code that runs outside those wrappers calls `assertWritable(org)`.
//  - The tablet and the API's card actions stamp while `stampingAllowed`
//    (lib/stamping/card-action.ts reads the account in its opening round trip).
//  - API v1 (lib/api/router.ts): every write but the card actions answers 402
//    read_only; a plan without `api` answers 403 plan_limit to every request.
// Passes, web cards and PassKit/Google updates never look at any of this.
import { AppError } from "@/lib/errors/app-error";
import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { billingEnabled } from "./config";
import { effectivePlan, PAYMENT_GRACE_DAYS, STAMPING_GRACE_DAYS, type CountedLimit, type Feature, type PlanDefinition, type PlanEnum } from "./plans";

const DAY = 86_400_000;

/** The Organization columns the account state is computed from. */
export type AccountFields = {
  plan: PlanEnum;
  trialEndsAt: Date;
  subscriptionStatus: string;
  currentPeriodEnd: Date | null;
  pastDueSince: Date | null;
  deletionRequestedAt: Date | null;
  deletedAt: Date | null;
};
export const ACCOUNT_SELECT = {
  plan: true,
  trialEndsAt: true,
  subscriptionStatus: true,
  currentPeriodEnd: true,
  pastDueSince: true,
  deletionRequestedAt: true,
  deletedAt: true,
  timezone: true,
} as const;

/** UTC wall time as PostgreSQL's JSON writes a `timestamp` column (no zone), or a Date. */
const utcDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(/(Z|[+-]\d\d:?\d\d)$/.test(String(v)) ? String(v) : `${String(v)}Z`);

/** The account columns from a hand-written query's `json_build_object` (see ACCOUNT_JSON). */
export function accountFieldsOf(raw: Record<string, unknown>): AccountFields {
  return {
    plan: raw.plan as PlanEnum,
    trialEndsAt: utcDate(raw.trialEndsAt)!,
    subscriptionStatus: String(raw.subscriptionStatus),
    currentPeriodEnd: utcDate(raw.currentPeriodEnd),
    pastDueSince: utcDate(raw.pastDueSince),
    deletionRequestedAt: utcDate(raw.deletionRequestedAt),
    deletedAt: utcDate(raw.deletedAt),
  };
}

/** SQL: the account columns of Organization `o` as one JSON value, for hot paths that read them with other rows. */
export const accountJson = (o: string) =>
  `json_build_object('plan', ${o}.plan, 'trialEndsAt', ${o}."trialEndsAt", 'subscriptionStatus', ${o}."subscriptionStatus",
     'currentPeriodEnd', ${o}."currentPeriodEnd", 'pastDueSince', ${o}."pastDueSince",
     'deletionRequestedAt', ${o}."deletionRequestedAt", 'deletedAt', ${o}."deletedAt")`;

export type AccountMode = "trial" | "active" | "readOnly" | "deleting";
export type ReadOnlyReason = "trialEnded" | "paymentFailed" | "canceled";
export type AccountState = {
  mode: AccountMode;
  /** Whole days left in the trial (0 on its last day and after), null when not on the trial. */
  trialDaysLeft: number | null;
  /** When the dashboard turned read-only (null while it is not). */
  readOnlySince: Date | null;
  /** The tablet (and the API's card actions) may stamp: not read-only, or read-only for less than the stamping grace. */
  stampingAllowed: boolean;
  /** Why the dashboard is read-only or being deleted (null otherwise). */
  reason: ReadOnlyReason | "deleting" | null;
};

/** The moment each lapse made the dashboard read-only, if it did (billing on only). */
function lapses(org: AccountFields, now: Date): { at: Date; reason: ReadOnlyReason }[] {
  const found: { at: Date; reason: ReadOnlyReason }[] = [];
  if (org.plan === "TRIAL" && org.trialEndsAt < now) found.push({ at: org.trialEndsAt, reason: "trialEnded" });
  if (org.pastDueSince) {
    const at = new Date(org.pastDueSince.getTime() + PAYMENT_GRACE_DAYS * DAY);
    if (at < now) found.push({ at, reason: "paymentFailed" });
  }
  if (org.subscriptionStatus === "CANCELED" && org.currentPeriodEnd && org.currentPeriodEnd < now) found.push({ at: org.currentPeriodEnd, reason: "canceled" });
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The account state contract (docs/billing.md). With billing off nothing turns read-only because of the trial or payment. */
export function accountState(org: AccountFields, now = new Date(), billing = billingEnabled()): AccountState {
  const trialDaysLeft = org.plan === "TRIAL" ? Math.max(0, Math.ceil((org.trialEndsAt.getTime() - now.getTime()) / DAY)) : null;
  const first = billing ? lapses(org, now)[0] : undefined;
  const readOnlySince = first?.at ?? null;
  const stampingAllowed = !readOnlySince || now.getTime() - readOnlySince.getTime() < STAMPING_GRACE_DAYS * DAY;
  const deleting = !!org.deletionRequestedAt && !org.deletedAt;
  const mode: AccountMode = deleting ? "deleting" : readOnlySince ? "readOnly" : org.plan === "TRIAL" ? "trial" : "active";
  return { mode, trialDaysLeft, readOnlySince, stampingAllowed, reason: deleting ? "deleting" : (first?.reason ?? null) };
}

/** Refuses a dashboard or API write while read-only (or being deleted): AppError("READ_ONLY"). */
export function assertWritable(org: AccountFields, now = new Date()): void {
  const state = accountState(org, now);
  if (state.mode === "deleting") throw new AppError("READ_ONLY", "readOnly.deleting");
  if (state.mode === "readOnly") throw new AppError("READ_ONLY", `readOnly.${state.reason}`);
}

/** assertWritable for a signed-in member (lib/auth/session currentTenant): its organization row, read again only when not at hand. */
export async function assertTenantWritable(tenant: { ctx: Pick<TenantContext, "orgId">; organization?: AccountFields | null }): Promise<void> {
  assertWritable(tenant.organization ?? (await account(tenantDb(tenant.ctx))));
}

/** Refuses a stamp (tablet or API card action) after the stamping grace. */
export function assertStampingAllowed(org: AccountFields, now = new Date()): void {
  if (!accountState(org, now).stampingAllowed) throw new AppError("READ_ONLY", "stampingPaused");
}

// ------------------------------------------------------------------ limits

type Db = TenantTx | TenantDb;
const isCtx = (x: Db | Pick<TenantContext, "orgId">): x is Pick<TenantContext, "orgId"> => typeof (x as { orgId?: unknown }).orgId === "string";
const dbOf = (x: Db | Pick<TenantContext, "orgId">): Db => (isCtx(x) ? tenantDb(x) : x);

/** The organization's own row (scoped and pinned by the caller's tenant client). */
async function account(db: Db) {
  const org = await db.organization.findFirst({ select: ACCOUNT_SELECT });
  if (!org) throw new AppError("NOT_FOUND");
  return org;
}

/** The plan whose limits apply to the organization (the trial: Pro's). */
export async function currentPlan(dbOrCtx: Db | Pick<TenantContext, "orgId">): Promise<PlanDefinition> {
  return effectivePlan((await account(dbOf(dbOrCtx))).plan);
}

/** Local midnight of the first of `now`'s month in `timeZone`, as an instant. */
export function monthStart(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric" }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  const guess = Date.UTC(Number(parts.year), Number(parts.month) - 1, 1);
  // The zone's offset at that moment: its wall clock read as UTC, minus the instant.
  const wall = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const offset = Date.UTC(Number(wall.year), Number(wall.month) - 1, Number(wall.day), Number(wall.hour), Number(wall.minute)) - guess;
  return new Date(guess - offset);
}

/** How many of `limit` the organization uses now. */
export async function usage(db: Db, limit: CountedLimit, now = new Date(), timeZone = "Europe/Amsterdam"): Promise<number> {
  switch (limit) {
    case "cardPrograms":
      return db.cardProgram.count({ where: { status: { not: "ARCHIVED" } } });
    case "locations":
      return db.location.count({ where: { archivedAt: null } });
    case "staff": {
      // Everyone on the team (owner, managers, staff, tablet-only staff) and the invitations still open.
      const [members, invited] = await Promise.all([
        db.membership.count({ where: { removedAt: null } }),
        db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
      ]);
      return members + invited;
    }
    case "customers":
      // Erased customers (every card erased) no longer count.
      return db.customer.count({ where: { OR: [{ cards: { none: {} } }, { cards: { some: { erasedAt: null } } }] } });
    case "campaignsPerMonth":
      // Campaigns started or scheduled this calendar month (the merchant's); one cancelled before it sent is not counted.
      return db.campaign.count({
        where: { createdAt: { gte: monthStart(now, timeZone) }, status: { not: "DRAFT" }, NOT: { status: "CANCELLED", startedAt: null } },
      });
    case "automations":
      return db.automation.count({ where: { enabled: true } });
  }
}

/** Usage and maximum of every counted limit ("2 van 3 locaties"); `max` null is unlimited. */
export async function planUsage(ctx: Pick<TenantContext, "orgId">, now = new Date()) {
  const db = tenantDb(ctx);
  const org = await account(db);
  const plan = effectivePlan(org.plan);
  const limits = (Object.keys(plan.limits) as CountedLimit[]).map(async (limit) => ({
    limit,
    used: await usage(db, limit, now, org.timezone),
    max: plan.limits[limit],
  }));
  return { plan, usage: await Promise.all(limits) };
}

/**
 * Refuses one more (or `adding` more) of `limit` beyond the plan: AppError("PLAN_LIMIT",
 * "planLimit.<limit>"). Pass the transaction the create runs in, so the count is
 * read in it (or a context: its own reads).
 */
export async function assertWithinLimit(dbOrCtx: Db | Pick<TenantContext, "orgId">, limit: CountedLimit, adding = 1, now = new Date()): Promise<void> {
  const db = dbOf(dbOrCtx);
  const org = await account(db);
  const max = effectivePlan(org.plan).limits[limit];
  if (max === null) return;
  if ((await usage(db, limit, now, org.timezone)) + adding > max) throw new AppError("PLAN_LIMIT", `planLimit.${limit}`);
}

/** Whether the organization's plan has `feature`. */
export async function hasFeature(dbOrCtx: Db | Pick<TenantContext, "orgId">, feature: Feature): Promise<boolean> {
  return effectivePlan((await account(dbOf(dbOrCtx))).plan).features[feature];
}

/** Refuses a feature the plan lacks (API, webhooks): AppError("PLAN_LIMIT", "planLimit.<feature>"). */
export async function assertFeature(dbOrCtx: Db | Pick<TenantContext, "orgId">, feature: Feature): Promise<void> {
  if (!(await hasFeature(dbOrCtx, feature))) throw new AppError("PLAN_LIMIT", `planLimit.${feature}`);
}

/** The same check on a plan value already read (the API key's row). */
export function assertPlanFeature(plan: PlanEnum, feature: Feature): void {
  if (!effectivePlan(plan).features[feature]) throw new AppError("PLAN_LIMIT", `planLimit.${feature}`);
}
