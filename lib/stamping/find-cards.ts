import { normalizePhone } from "@/lib/validation/enrollment";
import { LookupQuery } from "@/lib/validation/stamping";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { TabletPrincipal } from "./devices";

const CARD_VIEW = {
  serial: true,
  stampCount: true,
  rewardsAvailable: true,
  intermediateAvailable: true,
  lastStampAt: true,
  customer: { select: { name: true } },
  program: { select: { name: true, stampsRequired: true, intermediateStamp: true, rewardText: true, intermediateRewardText: true, undoWindowSeconds: true, requirePinToRedeem: true, labelColor: true, backgroundColor: true, foregroundColor: true } },
} as const;

/** Fallback when scanning fails: card number, phone, or part of the name. */
export async function findCards(p: TabletPrincipal, query: unknown) {
  const { q } = LookupQuery.parse(query);
  const serial = q.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const phone = normalizePhone(q);
  return tenantDb({ orgId: p.orgId }).card.findMany({
    where: {
      erasedAt: null,
      OR: [
        ...(serial.length === 10 ? [{ serial: `${serial.slice(0, 4)}-${serial.slice(4, 8)}-${serial.slice(8)}` }] : []),
        ...(phone ? [{ customer: { phone } }] : []),
        { customer: { name: { contains: q, mode: "insensitive" as const } } },
      ],
    },
    orderBy: { lastStampAt: { sort: "desc", nulls: "last" } },
    take: 8,
    select: CARD_VIEW,
  });
}

export function getCardForTablet(p: TabletPrincipal, serial: string) {
  return tenantDb({ orgId: p.orgId }).card.findFirst({ where: { serial: serial.toUpperCase(), erasedAt: null }, select: CARD_VIEW });
}
