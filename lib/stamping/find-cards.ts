import type { z } from "zod";
import { normalizePhone } from "@/lib/validation/enrollment";
import { normalizeSerial, serialFragments } from "@/lib/validation/serial";
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
  program: {
    select: {
      name: true,
      stampsRequired: true,
      intermediateStamp: true,
      rewardText: true,
      intermediateRewardText: true,
      undoWindowSeconds: true,
      requirePinToRedeem: true,
      labelColor: true,
      backgroundColor: true,
      foregroundColor: true,
    },
  },
} as const;

/**
 * Fallback when scanning fails: the card number or any part of it (a group or
 * more, any case, with or without dashes or spaces), a phone number or 4+ of
 * its digits in any notation (06…, +316…), or part of the name or email.
 */
export async function findCards(p: TabletPrincipal, query: z.input<typeof LookupQuery>) {
  const { q } = LookupQuery.parse(query);
  const serial = normalizeSerial(q);
  const phone = normalizePhone(q);
  // Phones are stored as +31…: a national "06…" fragment is matched without its 0.
  const digits = q.replace(/\D/g, "");
  const phoneParts = digits.length >= 4 && !phone ? [...new Set([digits, digits.startsWith("0") ? digits.slice(1) : digits])] : [];
  return tenantDb({ orgId: p.orgId }).card.findMany({
    where: {
      erasedAt: null,
      OR: [
        // A whole number is one indexed lookup; a fragment may sit anywhere in it.
        ...(serial ? [{ serial }] : serialFragments(q).map((part) => ({ serial: { contains: part } }))),
        ...(phone ? [{ customer: { phone } }] : []),
        ...phoneParts.map((part) => ({ customer: { phone: { contains: part } } })),
        { customer: { name: { contains: q, mode: "insensitive" as const } } },
        { customer: { email: { contains: q.trim(), mode: "insensitive" as const } } },
      ],
    },
    orderBy: { lastStampAt: { sort: "desc", nulls: "last" } },
    take: 8,
    select: CARD_VIEW,
  });
}

/** A card by its number as scanned or typed (any case, dashes optional); null when there is none. */
export async function getCardForTablet(p: TabletPrincipal, serial: string) {
  const printed = normalizeSerial(serial);
  if (!printed) return null;
  return tenantDb({ orgId: p.orgId }).card.findFirst({ where: { serial: printed, erasedAt: null }, select: CARD_VIEW });
}
