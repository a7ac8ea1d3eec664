// Seed factories: the demo data for `npm start`, reused by tests to build
// realistic merchants quickly. They write with the owner's client
// (lib/db/owner.ts) on purpose: seeding creates tenants and spans them, which
// the app's role (rightly) cannot do.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { AcquisitionSource, Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { newAuthToken, newSerial, newWebToken } from "@/lib/cards/identifiers";
import { applyDeltas, EMPTY_COUNTERS, redeemDeltas, stampDeltas, type CardCounters, type Deltas } from "@/lib/cards/ledger";
import { createOrganization } from "@/lib/organizations/create-organization";
import { newOrganizationId } from "@/lib/tenancy/new-organization";
import { pinHash } from "@/lib/stamping/pin";
import type { Rng } from "./random";

export async function seedUser(db: Db, input: { email: string; name: string; password: string }) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) return existing;
  return db.user.create({ data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) } });
}

export async function seedOrganization(db: Db, input: { name: string; slug?: string; owner: { id: string }; now?: Date; city?: string }) {
  const orgId = newOrganizationId();
  return db.$transaction(async (tx) => {
    // Pinned like sign-up, so this also works for an owner that row-level security holds.
    await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
    return createOrganization(tx, orgId, { name: input.name, slug: input.slug, ownerUserId: input.owner.id, now: input.now });
  });
}

export function seedMembership(db: Db, organizationId: string, userId: string, role: Role, pin?: string) {
  const pinData = pin ? { pinHash: pinHash(organizationId, pin) } : {};
  return db.membership.upsert({
    where: { organizationId_userId: { organizationId, userId } },
    create: { organizationId, userId, role, ...pinData },
    update: { role, ...pinData },
  });
}

export function seedProgram(
  db: Db,
  organizationId: string,
  input: Partial<{
    name: string;
    stampsRequired: number;
    rewardText: string;
    intermediateStamp: number | null;
    intermediateRewardText: string | null;
    status: "DRAFT" | "PUBLISHED";
  }> = {},
) {
  const status = input.status ?? "PUBLISHED";
  return db.cardProgram.create({
    data: {
      organizationId,
      name: input.name ?? "Koffiekaart",
      stampsRequired: input.stampsRequired ?? 10,
      rewardText: input.rewardText ?? "Gratis koffie naar keuze",
      intermediateStamp: input.intermediateStamp === undefined ? 5 : input.intermediateStamp,
      intermediateRewardText: input.intermediateRewardText === undefined ? "Gratis koekje" : input.intermediateRewardText,
      description: "Spaar stempels bij elke koffie.",
      terms: "Eén stempel per consumptie. Niet inwisselbaar voor geld.",
      status,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
    },
  });
}

/** A visit; `staff` pins who stamped it and where (otherwise one of the history's staff, at random). */
type Visit = { at: Date; stamps: number; staff?: { userId: string; locationId: string } };
type EventRow = {
  id: string;
  organizationId: string;
  cardId: string;
  type: "ENROLL" | "STAMP" | "REDEEM";
  amount: number;
  actorUserId: string | null;
  locationId: string | null;
  createdAt: Date;
} & Deltas;

/**
 * A customer with a card and a visit history replayed through the same ledger
 * arithmetic as live stamping, so the card's counters equal its events' sums.
 */
export function buildCustomerHistory(input: {
  organizationId: string;
  program: { id: string; stampsRequired: number; intermediateStamp: number | null };
  customer: {
    name: string;
    email: string | null;
    phone: string | null;
    birthday: Date | null;
    marketingConsent: boolean;
    source: AcquisitionSource;
    joinedAt: Date;
  };
  visits: Visit[];
  staff: { userId: string; locationId: string }[];
  rand: Rng;
}) {
  const customerId = randomUUID();
  const cardId = randomUUID();
  const { organizationId, program, rand } = input;
  const events: EventRow[] = [];
  const base = { organizationId, cardId };
  let state: CardCounters = EMPTY_COUNTERS;
  let totalStamps = 0;
  let totalRedeemed = 0;
  let lastStampAt: Date | null = null;
  let lastLocationId: string | null = null;
  events.push({
    ...base,
    id: randomUUID(),
    type: "ENROLL",
    amount: 0,
    stampDelta: 0,
    rewardDelta: 0,
    intermediateDelta: 0,
    actorUserId: null,
    locationId: null,
    createdAt: input.customer.joinedAt,
  });
  for (const visit of input.visits) {
    const who = visit.staff ?? rand.pick(input.staff);
    const actor = { actorUserId: who.userId, locationId: who.locationId };
    for (const kind of ["reward", "intermediate"] as const) {
      const redeem = redeemDeltas(state, kind);
      if (redeem && rand.chance(0.85)) {
        events.push({ ...base, ...actor, ...redeem, id: randomUUID(), type: "REDEEM", amount: 1, createdAt: visit.at });
        state = applyDeltas(state, redeem);
        totalRedeemed++;
      }
    }
    const d = stampDeltas(state, visit.stamps, program);
    events.push({ ...base, ...actor, ...d, id: randomUUID(), type: "STAMP", amount: visit.stamps, createdAt: new Date(visit.at.getTime() + 1000) });
    state = applyDeltas(state, d);
    totalStamps += visit.stamps;
    lastStampAt = visit.at;
    lastLocationId = who.locationId;
  }
  const { joinedAt, ...customer } = input.customer;
  return {
    customer: {
      id: customerId,
      organizationId,
      ...customer,
      marketingConsentAt: customer.marketingConsent ? joinedAt : null,
      termsAcceptedAt: joinedAt,
      lastVisitAt: lastStampAt,
      lastVisitLocationId: lastLocationId,
      createdAt: joinedAt,
    },
    card: {
      id: cardId,
      organizationId,
      programId: program.id,
      customerId,
      serial: newSerial(),
      authToken: newAuthToken(),
      webToken: newWebToken(),
      ...state,
      totalStamps,
      totalRedeemed,
      lastStampAt,
      lastLocationId,
      createdAt: input.customer.joinedAt,
    },
    events,
  };
}

export async function insertHistories(db: Db, histories: ReturnType<typeof buildCustomerHistory>[]) {
  const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  await db.$transaction(
    async (tx) => {
      for (const part of chunk(
        histories.map((h) => h.customer),
        500,
      ))
        await tx.customer.createMany({ data: part });
      for (const part of chunk(
        histories.map((h) => h.card),
        500,
      ))
        await tx.card.createMany({ data: part });
      for (const part of chunk(
        histories.flatMap((h) => h.events),
        2000,
      ))
        await tx.cardEvent.createMany({ data: part });
    },
    { timeout: 120_000 },
  );
}
