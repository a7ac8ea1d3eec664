// The dashboard's customer list (Klanten): the newest customers, each card with
// its stamps and the rewards waiting for them at the counter, by name.
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { readyRewards } from "./rewards";

export async function recentCustomersWithRewards(ctx: TenantContext, take = 25) {
  requireRole(ctx, "MANAGER");
  const customers = await tenantDb(ctx).customer.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      createdAt: true,
      cards: {
        where: { erasedAt: null },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          stampCount: true,
          rewardsAvailable: true,
          intermediateAvailable: true,
          program: { select: { name: true, stampsRequired: true, rewardText: true, intermediateStamp: true, intermediateRewardText: true } },
        },
      },
    },
  });
  return customers.map((c) => ({ ...c, cards: c.cards.map((card) => ({ ...card, ready: readyRewards(card, card.program) })) }));
}
