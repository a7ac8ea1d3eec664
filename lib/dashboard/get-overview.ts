import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

/** The dashboard's figures cover the last PERIOD_DAYS days, and the page says so. */
export const PERIOD_DAYS = 7;

/**
 * Numbers and checklist state for the dashboard home. Figures count what
 * stands: a stamp or redeem that was undone is not counted, and the main and
 * intermediate rewards are counted apart.
 */
export async function getOverview(ctx: TenantContext, now = new Date()) {
  const t = tenantDb(ctx);
  const since = new Date(now.getTime() - PERIOD_DAYS * 24 * 3600 * 1000);
  const standing = { createdAt: { gte: since, lte: now }, reversedBy: { is: null } };
  const [customers, published, programs, members, stamps, main, intermediate] = await Promise.all([
    t.customer.count(),
    t.cardProgram.count({ where: { status: "PUBLISHED" } }),
    t.cardProgram.count(),
    t.membership.count(),
    t.cardEvent.aggregate({ _sum: { amount: true }, where: { type: "STAMP", ...standing } }),
    t.cardEvent.count({ where: { type: "REDEEM", rewardDelta: { lt: 0 }, ...standing } }),
    t.cardEvent.count({ where: { type: "REDEEM", intermediateDelta: { lt: 0 }, ...standing } }),
  ]);
  return {
    periodDays: PERIOD_DAYS,
    customers,
    stamps: stamps._sum.amount ?? 0,
    redeemed: { main, intermediate },
    checklist: { design: programs > 0, print: published > 0, invite: members > 1 },
  };
}

export async function listPrograms(ctx: TenantContext) {
  return tenantDb(ctx).cardProgram.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, stampsRequired: true, rewardText: true, _count: { select: { cards: true } } },
  });
}

export async function listRecentCustomers(ctx: TenantContext, take = 25) {
  requireRole(ctx, "MANAGER");
  return tenantDb(ctx).customer.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, name: true, createdAt: true, cards: { select: { stampCount: true, lastStampAt: true, serial: true } } },
  });
}

export async function listTeam(ctx: TenantContext) {
  const members = await tenantDb(ctx).membership.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, userId: true, pinHash: true, user: { select: { name: true, email: true } } },
  });
  // Never send PIN hashes to the page: only whether a PIN is set.
  return members.map(({ pinHash, ...m }) => ({ ...m, hasPin: pinHash !== null }));
}
