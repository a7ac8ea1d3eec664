// The merchant's side of referrals (Berichten → Vrienden werven, and a
// customer's page): per program the switch, both bonuses and the monthly
// limit; who brings friends, and each referral with its status. Managers and owners.
import { AppError, fromZod } from "@/lib/errors/app-error";
import type { ReferralStatus } from "@/lib/generated/prisma/enums";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";
import { ReferralSettings } from "@/lib/validation/messages";
import { walletProgramChanged } from "@/lib/wallet/card-changes";

export type ReferralRow = {
  id: string;
  createdAt: Date;
  status: ReferralStatus;
  blockedReason: string | null;
  rewardedAt: Date | null;
  referrer: { id: string; name: string };
  friend: { id: string; name: string };
};

export type TopReferrer = { customerId: string; name: string; rewarded: number; pending: number; blocked: number };

export type ProgramReferralSettings = ReferralSettings & { id: string; name: string; status: string };

export async function referralOverview(ctx: TenantContext) {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const programs: ProgramReferralSettings[] = await t.cardProgram.findMany({
    where: { status: { not: "ARCHIVED" } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      status: true,
      referralEnabled: true,
      referralBonusStamps: true,
      referralFriendBonusStamps: true,
      referralMonthlyLimit: true,
    },
  });
  const grouped = await t.referral.groupBy({ by: ["referrerCustomerId", "status"], _count: { _all: true } });
  const byReferrer = new Map<string, TopReferrer>();
  for (const g of grouped) {
    const row = byReferrer.get(g.referrerCustomerId) ?? { customerId: g.referrerCustomerId, name: "", rewarded: 0, pending: 0, blocked: 0 };
    row[g.status === "REWARDED" ? "rewarded" : g.status === "PENDING" ? "pending" : "blocked"] += g._count._all;
    byReferrer.set(g.referrerCustomerId, row);
  }
  const top = [...byReferrer.values()].sort((a, b) => b.rewarded - a.rewarded || b.pending - a.pending || b.blocked - a.blocked).slice(0, 10);
  const recentRows = await t.referral.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  const recent = await withNames(ctx, recentRows);
  const names = await customerNames(
    ctx,
    top.map((r) => r.customerId),
  );
  for (const r of top) r.name = names.get(r.customerId) ?? "";
  return { programs, top, recent };
}

type RawReferral = {
  id: string;
  createdAt: Date;
  status: ReferralStatus;
  blockedReason: string | null;
  rewardedAt: Date | null;
  referrerCustomerId: string;
  friendCustomerId: string;
};

async function customerNames(ctx: TenantContext, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tenantDb(ctx).customer.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function withNames(ctx: TenantContext, rows: RawReferral[]): Promise<ReferralRow[]> {
  const names = await customerNames(
    ctx,
    rows.flatMap((r) => [r.referrerCustomerId, r.friendCustomerId]),
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    status: r.status,
    blockedReason: r.blockedReason,
    rewardedAt: r.rewardedAt,
    referrer: { id: r.referrerCustomerId, name: names.get(r.referrerCustomerId) ?? "" },
    friend: { id: r.friendCustomerId, name: names.get(r.friendCustomerId) ?? "" },
  }));
}

/** A customer's referrals: the friends they brought, and who brought them (customer detail). Any member may see them. */
export async function customerReferrals(ctx: TenantContext, customerId: string): Promise<{ brought: ReferralRow[]; broughtBy: ReferralRow | null }> {
  const t = tenantDb(ctx);
  const rows = await t.referral.findMany({
    where: { OR: [{ referrerCustomerId: customerId }, { friendCustomerId: customerId }] },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const named = await withNames(ctx, rows);
  return { brought: named.filter((r) => r.referrer.id === customerId), broughtBy: named.find((r) => r.friend.id === customerId) ?? null };
}

/** Saves one program's referral settings. Switching referrals on or off changes every pass of the program (the share link on its back). */
export async function saveReferralSettings(ctx: TenantContext, rawProgramId: unknown, input: unknown): Promise<ReferralSettings> {
  requireRole(ctx, "MANAGER");
  const programId = EntityId.safeParse(rawProgramId);
  if (!programId.success) throw new AppError("NOT_FOUND");
  const parsed = ReferralSettings.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const data = parsed.data;
  await tenantDb(ctx).$transaction(async (tx, sql) => {
    const before = await tx.cardProgram.findFirst({ where: { id: programId.data, status: { not: "ARCHIVED" } }, select: { referralEnabled: true } });
    if (!before) throw new AppError("NOT_FOUND");
    await tx.cardProgram.updateMany({ where: { id: programId.data }, data });
    if (before.referralEnabled !== data.referralEnabled) await walletProgramChanged(sql, ctx.orgId, programId.data);
  });
  return data;
}
