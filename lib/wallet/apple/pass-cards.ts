// Reading cards for Apple Wallet. A device proves itself with the pass's serial
// and authentication token; the serial is looked up across merchants (it is
// globally unique), the token compared in constant time, and from then on
// everything is scoped to the card's organization (tenantDb).
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { PassCard } from "./build-pass";

export type AuthenticCard = { orgId: string; cardId: string; serial: string; passUpdatedAt: Date };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The card whose pass has this serial and token, or null (unknown serial, wrong token, erased card). */
export async function authenticCard(serial: string, token: string): Promise<AuthenticCard | null> {
  const card = await db().card.findUnique({
    where: { serial },
    select: { id: true, organizationId: true, serial: true, authToken: true, erasedAt: true, passUpdatedAt: true },
  });
  if (!card || card.erasedAt || !sameSecret(card.authToken, token)) return null;
  return { orgId: card.organizationId, cardId: card.id, serial: card.serial, passUpdatedAt: card.passUpdatedAt };
}

/** The customer's own card, by the secret token of their web-card URL. */
export async function cardByWebToken(webToken: string): Promise<AuthenticCard | null> {
  if (!/^[A-Za-z0-9_-]{20,80}$/.test(webToken)) return null;
  const card = await db().card.findFirst({ where: { webToken, erasedAt: null }, select: { id: true, organizationId: true, serial: true, passUpdatedAt: true } });
  return card && { orgId: card.organizationId, cardId: card.id, serial: card.serial, passUpdatedAt: card.passUpdatedAt };
}

/** Everything a pass shows, read in the card's organization. */
export async function loadPassCard(orgId: string, cardId: string): Promise<PassCard | null> {
  const t = tenantDb({ orgId });
  const card = await t.card.findFirst({
    where: { id: cardId, erasedAt: null },
    select: {
      serial: true, authToken: true, webToken: true, stampCount: true, rewardsAvailable: true, intermediateAvailable: true, programVersion: true,
      customer: { select: { name: true } },
      program: {
        select: {
          name: true, rewardText: true, stampsRequired: true, intermediateStamp: true, intermediateRewardText: true, terms: true,
          backgroundColor: true, foregroundColor: true, labelColor: true, stampIcon: true, logoKey: true, iconKey: true, version: true,
        },
      },
    },
  });
  if (!card) return null;
  const [org, locations] = await Promise.all([
    t.organization.findFirst({ select: { name: true, locale: true } }),
    t.location.findMany({
      where: { archivedAt: null },
      orderBy: { createdAt: "asc" },
      take: 10,
      select: { name: true, address: true, city: true, latitude: true, longitude: true },
    }),
  ]);
  const { customer, programVersion, program, ...rest } = card;
  const { version, ...design } = program;
  // Served with the newest design: this card no longer waits for it.
  if (programVersion < version) await t.card.updateMany({ where: { id: cardId, programVersion: { lt: version } }, data: { programVersion: version } });
  return { ...rest, program: design, customerName: customer.name, merchantName: org!.name, locale: org!.locale, locations };
}
