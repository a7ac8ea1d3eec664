import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Numbers and checklist state for the dashboard home. */
export async function getOverview(ctx: TenantContext, now = new Date()) {
  const t = tenantDb(ctx);
  const [customers, published, programs, members, stampsWeek, redeemed] = await Promise.all([
    t.customer.count(),
    t.cardProgram.count({ where: { status: "PUBLISHED" } }),
    t.cardProgram.count(),
    t.membership.count(),
    t.cardEvent.aggregate({ _sum: { amount: true }, where: { type: "STAMP", createdAt: { gte: new Date(now.getTime() - WEEK_MS) } } }),
    t.cardEvent.count({ where: { type: "REDEEM" } }),
  ]);
  return {
    customers,
    stampsThisWeek: stampsWeek._sum.amount ?? 0,
    rewardsRedeemed: redeemed,
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
