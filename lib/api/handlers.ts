// What each API route does, reusing the app's domain functions: the tablet's
// card action (same rules, idempotency and ledger), the dashboard's balance
// correction and customer erase, the Insights figures. Every read is pinned to
// the key's organization (tenantDb / RLS): another merchant's id is a 404.
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { issueCard } from "@/lib/cards/issue-card";
import { correctBalance } from "@/lib/customers/correct";
import { eraseCustomerForMerchant } from "@/lib/customers/detail";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { overviewKpis } from "@/lib/insights/overview";
import { resolvePeriod } from "@/lib/insights/period";
import { applyCardActionAs, type ActionPrincipal, type CardActor } from "@/lib/stamping/card-action";
import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { normalizeSerial, SERIAL_FORMAT } from "@/lib/validation/serial";
import { admit, keyOpening, presentedKey, touchKeySql, type ApiPrincipal, type RateState } from "./auth";
import { claim, derivedUuid, ledgerKey, remember } from "./idempotency";
import type * as S from "./schemas";

export type Presented = ReturnType<typeof presentedKey>;
export type ApiCall<P = unknown, Q = unknown, B = unknown> = {
  principal: ApiPrincipal;
  params: P;
  query: Q;
  body: B;
  idempotencyKey: string | null;
  requestHash: string | null;
};
/** A card action resolves the key itself, inside its own opening round trip. */
export type CardCall<P = unknown, B = unknown> = Omit<ApiCall<P, unknown, B>, "principal"> & { presented: Presented; rate: { state?: RateState } };
export type Answer = { status?: number; body: unknown };

/** The key acts with a manager's reach in domain code that checks roles; it has no user. */
const ctxOf = (p: ApiPrincipal): TenantContext => ({ orgId: p.orgId, userId: null, role: "MANAGER" });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ------------------------------------------------------------------ pages

type CursorPos = { at: Date; id: string };
const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
function decodeCursor(cursor: string | undefined): CursorPos | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const d = new Date(at);
    if (typeof id !== "string" || Number.isNaN(d.getTime())) throw new Error("bad");
    return { at: d, id };
  } catch {
    throw new AppError("VALIDATION", "badCursor", { cursor: ["badCursor"] });
  }
}
/** Oldest first, by (createdAt, id): a poller resumes exactly where it stopped. */
const after = (c: CursorPos | null) => (c ? { OR: [{ createdAt: { gt: c.at } }, { createdAt: c.at, id: { gt: c.id } }] } : {});
function page<R extends { createdAt: Date; id: string }, T>(rows: R[], limit: number, out: (r: R) => T) {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { data: shown.map(out), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
}

// ------------------------------------------------------------------ customers

const CUSTOMER = {
  id: true,
  name: true,
  email: true,
  phone: true,
  birthday: true,
  marketingConsent: true,
  marketingConsentAt: true,
  termsAcceptedAt: true,
  locale: true,
  externalId: true,
  source: true,
  lastVisitAt: true,
  createdAt: true,
  updatedAt: true,
  cards: { select: { erasedAt: true } },
} as const;
type CustomerRow = Prisma.CustomerGetPayload<{ select: typeof CUSTOMER }>;

const customerOut = (c: CustomerRow): z.output<typeof S.Customer> => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  birthday: c.birthday ? c.birthday.toISOString().slice(0, 10) : null,
  marketingConsent: c.marketingConsent,
  marketingConsentAt: iso(c.marketingConsentAt),
  termsAcceptedAt: iso(c.termsAcceptedAt),
  locale: c.locale,
  externalId: c.externalId,
  source: c.source,
  lastVisitAt: iso(c.lastVisitAt),
  erased: c.cards.length > 0 && c.cards.every((k) => k.erasedAt !== null),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export async function listCustomers({ principal, query: q }: ApiCall<unknown, z.output<typeof S.CustomerListQuery>>): Promise<Answer> {
  const cursor = decodeCursor(q.cursor);
  const where: Prisma.CustomerWhereInput = {
    AND: [
      after(cursor),
      q.email ? { email: q.email } : {},
      q.phone ? { phone: q.phone } : {},
      q.externalId ? { externalId: q.externalId } : {},
      q.marketingConsent ? { marketingConsent: q.marketingConsent === "true" } : {},
      q.createdSince ? { createdAt: { gte: new Date(q.createdSince) } } : {},
      q.updatedSince ? { updatedAt: { gte: new Date(q.updatedSince) } } : {},
    ],
  };
  const rows = await tenantDb(principal).customer.findMany({ where, select: CUSTOMER, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: q.limit + 1 });
  return { body: page(rows, q.limit, customerOut) };
}

async function oneCustomer(orgId: string, id: string) {
  const c = await tenantDb({ orgId }).customer.findFirst({ where: { id }, select: CUSTOMER });
  if (!c) throw new AppError("NOT_FOUND");
  return c;
}

export async function getCustomer({ principal, params }: ApiCall<{ id: string }>): Promise<Answer> {
  return { body: customerOut(await oneCustomer(principal.orgId, params.id)) };
}

const isUnique = (e: unknown): e is Prisma.PrismaClientKnownRequestError => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
function uniqueField(e: Prisma.PrismaClientKnownRequestError): AppError {
  const target = String((e.meta as { target?: unknown } | undefined)?.target ?? "");
  const field = target.includes("phone") ? "phone" : target.includes("externalId") ? "externalId" : "email";
  return new AppError("VALIDATION", `${field}Taken`, { [field]: [`${field}Taken`] });
}

export async function createCustomer(call: ApiCall<unknown, unknown, z.output<typeof S.CreateCustomer>>): Promise<Answer> {
  const { principal: p, body: b } = call;
  let made: { id: string; replayed: boolean };
  try {
    made = await tenantDb(p).$transaction(async (tx, sql) => {
      if (call.idempotencyKey) {
        const earlier = await claim(sql, p.orgId, p.apiKeyId, call.idempotencyKey, call.requestHash!);
        if (earlier?.resourceId) return { id: earlier.resourceId, replayed: true };
      }
      const program = b.programId
        ? await tx.cardProgram.findFirst({ where: { id: b.programId, status: "PUBLISHED" }, select: { id: true, version: true } })
        : null;
      if (b.programId && !program) throw new AppError("VALIDATION", "programNotFound", { programId: ["programNotFound"] });
      await assertWithinLimit(tx, "customers");
      const now = new Date();
      const customer = await tx.customer.create({
        data: {
          organizationId: p.orgId,
          name: b.name,
          email: b.email ?? null,
          phone: b.phone ?? null,
          birthday: b.birthday ? new Date(`${b.birthday}T00:00:00Z`) : null,
          marketingConsent: b.marketingConsent,
          marketingConsentAt: b.marketingConsent ? (b.marketingConsentAt ? new Date(b.marketingConsentAt) : now) : null,
          termsAcceptedAt: b.termsAcceptedAt ? new Date(b.termsAcceptedAt) : null,
          locale: b.locale,
          externalId: b.externalId ?? null,
          source: "API",
        },
        select: { id: true },
      });
      if (program)
        await issueCard(tx, { orgId: p.orgId, programId: program.id, programVersion: program.version, customerId: customer.id, idempotencyKey: null });
      if (call.idempotencyKey) await remember(sql, p.orgId, p.apiKeyId, call.idempotencyKey, customer.id);
      return { id: customer.id, replayed: false };
    });
  } catch (e) {
    if (isUnique(e)) throw uniqueField(e);
    throw e;
  }
  return { status: made.replayed ? 200 : 201, body: customerOut(await oneCustomer(p.orgId, made.id)) };
}

export async function updateCustomer({ principal: p, params, body: b }: ApiCall<{ id: string }, unknown, z.output<typeof S.UpdateCustomer>>): Promise<Answer> {
  try {
    await tenantDb(p).$transaction(async (tx) => {
      const before = await tx.customer.findFirst({ where: { id: params.id }, select: CUSTOMER });
      if (!before) throw new AppError("NOT_FOUND");
      if (customerOut(before).erased) throw new AppError("CONFLICT", "customerErased");
      const data: Prisma.CustomerUpdateInput = {};
      if (b.name !== undefined) data.name = b.name;
      if (b.email !== undefined) data.email = b.email;
      if (b.phone !== undefined) data.phone = b.phone;
      if (b.birthday !== undefined) data.birthday = b.birthday ? new Date(`${b.birthday}T00:00:00Z`) : null;
      if (b.locale !== undefined) data.locale = b.locale;
      if (b.externalId !== undefined) data.externalId = b.externalId;
      if (b.marketingConsent !== undefined && b.marketingConsent !== before.marketingConsent) {
        data.marketingConsent = b.marketingConsent;
        data.marketingConsentAt = b.marketingConsent ? new Date() : null;
      }
      const fields = Object.keys(data).filter((k) => k !== "marketingConsentAt");
      if (!fields.length) return;
      await tx.customer.update({ where: { id: params.id }, data });
      // Which fields changed, not their values (as the dashboard's edit records it).
      await recordAudit(tx, ctxOf(p), { action: "customer.update", subjectType: "customer", subjectId: params.id, details: { fields, apiKeyId: p.apiKeyId } });
    });
  } catch (e) {
    if (isUnique(e)) throw uniqueField(e);
    throw e;
  }
  return { body: customerOut(await oneCustomer(p.orgId, params.id)) };
}

/** Erases the customer exactly as the dashboard does (lib/customers/detail.ts); erasing again answers the same. */
export async function deleteCustomer({ principal: p, params }: ApiCall<{ id: string }>): Promise<Answer> {
  const c = await oneCustomer(p.orgId, params.id);
  if (!customerOut(c).erased) await eraseCustomerForMerchant(ctxOf(p), c.id);
  return { body: { id: c.id, erased: true } };
}

// ------------------------------------------------------------------ cards

const CARD = {
  id: true,
  serial: true,
  programId: true,
  customerId: true,
  stampCount: true,
  rewardsAvailable: true,
  intermediateAvailable: true,
  totalStamps: true,
  totalRedeemed: true,
  lastStampAt: true,
  createdAt: true,
} as const;
type CardRow = Prisma.CardGetPayload<{ select: typeof CARD }>;
const cardOut = (c: CardRow): z.output<typeof S.Card> => ({ ...c, lastStampAt: iso(c.lastStampAt), createdAt: c.createdAt.toISOString() });

async function cardBySerial(orgId: string, serial: string) {
  const card = await tenantDb({ orgId }).card.findFirst({ where: { serial, erasedAt: null }, select: CARD });
  if (!card) throw new AppError("NOT_FOUND", "cardNotFound");
  return card;
}

export async function getCard({ principal, params }: ApiCall<{ serial: string }>): Promise<Answer> {
  return { body: cardOut(await cardBySerial(principal.orgId, params.serial)) };
}

/** A scanned QR: the card number itself, or a text (a link) with the number in it. */
export async function lookupCard({ principal, query }: ApiCall<unknown, { qr: string }>): Promise<Answer> {
  const text = query.qr.trim().toUpperCase();
  const serial = normalizeSerial(text) ?? text.match(SERIAL_FORMAT)?.[0] ?? null;
  if (!serial) throw new AppError("NOT_FOUND", "cardNotFound");
  return { body: cardOut(await cardBySerial(principal.orgId, serial)) };
}

export async function customerCards({ principal, params }: ApiCall<{ id: string }>): Promise<Answer> {
  const t = tenantDb(principal);
  const customer = await t.customer.findFirst({ where: { id: params.id }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND");
  const cards = await t.card.findMany({ where: { customerId: customer.id, erasedAt: null }, select: CARD, orderBy: { createdAt: "asc" } });
  return { body: { data: cards.map(cardOut) } };
}

/** The tablet's card action with the key as its actor: resolved, rate-counted and scope-checked in the action's opening round trip. */
function apiActor(call: CardCall, scope: "stamp" | "redeem", locationId: string | undefined): CardActor<ActionPrincipal & { apiKeyId: string }> {
  const now = new Date();
  return {
    opening: (lit) => keyOpening(lit(call.presented.hash), locationId ? lit(locationId) : "NULL"),
    principal: (row) => {
      const p = admit(row, call.presented.hash, scope, call.rate);
      if (locationId && !p.locationId) throw new AppError("VALIDATION", "locationNotFound", { locationId: ["locationNotFound"] });
      return {
        orgId: p.orgId,
        userId: null,
        memberId: null,
        deviceId: null,
        role: "MANAGER",
        locationId: p.locationId,
        timezone: p.timezone,
        apiKeyId: p.apiKeyId,
      };
    },
    touch: (p) => touchKeySql(p.apiKeyId, call.presented.ip, now),
    requestHash: call.requestHash,
  };
}

export async function stamp(call: CardCall<{ serial: string }, z.output<typeof S.StampRequest>>): Promise<Answer> {
  const { body: b } = call;
  const result = await applyCardActionAs(apiActor(call, "stamp", b.locationId), {
    kind: "stamp",
    serial: call.params.serial,
    amount: b.amount,
    spendCents: b.spendCents,
    idempotencyKey: ledgerKey(call.presented.hash, call.idempotencyKey),
  });
  return { status: result.replayed ? 200 : 201, body: result };
}

export async function redeem(call: CardCall<{ serial: string }, z.output<typeof S.RedeemRequest>>): Promise<Answer> {
  const { body: b } = call;
  const result = await applyCardActionAs(apiActor(call, "redeem", b.locationId), {
    kind: "redeem",
    serial: call.params.serial,
    reward: b.reward,
    idempotencyKey: ledgerKey(call.presented.hash, call.idempotencyKey),
  });
  return { status: result.replayed ? 200 : 201, body: result };
}

/** The dashboard's balance correction (an ADJUST event, audited), with the key's Idempotency-Key. */
export async function correct(call: ApiCall<{ serial: string }, unknown, z.output<typeof S.CorrectRequest>> & { keyHash: string }): Promise<Answer> {
  const { principal: p, body: b } = call;
  const card = await cardBySerial(p.orgId, call.params.serial);
  if (call.idempotencyKey) {
    await tenantDb(p).$transaction((_tx, sql) => claim(sql, p.orgId, p.apiKeyId, call.idempotencyKey!, call.requestHash!));
  }
  const requestId = call.idempotencyKey ? derivedUuid(call.keyHash, call.idempotencyKey) : undefined;
  const r = await correctBalance(ctxOf(p), {
    cardId: card.id,
    stamps: b.stamps,
    rewards: b.rewards,
    intermediate: b.intermediate,
    reason: b.reason,
    requestId,
  });
  return { status: r.replayed ? 200 : 201, body: { eventId: r.eventId, kind: "ADJUST", replayed: r.replayed, card: { serial: card.serial, ...r.card } } };
}

// ------------------------------------------------------------------ programs, locations

type ProgramRow = Prisma.CardProgramGetPayload<object>;
const programOut = (p: ProgramRow): z.output<typeof S.Program> => ({
  id: p.id,
  name: p.name,
  description: p.description,
  status: p.status,
  stampsRequired: p.stampsRequired,
  rewardText: p.rewardText,
  intermediateStamp: p.intermediateStamp,
  intermediateRewardText: p.intermediateRewardText,
  stampExpiryMonths: p.stampExpiryMonths,
  rules: {
    visitMinutes: p.visitMinutes,
    maxStampsPerVisit: p.maxStampsPerVisit,
    maxStampsPerDay: p.maxStampsPerDay,
    requirePinToRedeem: p.requirePinToRedeem,
    undoWindowSeconds: p.undoWindowSeconds,
  },
  publishedAt: iso(p.publishedAt),
  createdAt: p.createdAt.toISOString(),
});

export async function listPrograms({ principal }: ApiCall): Promise<Answer> {
  const rows = await tenantDb(principal).cardProgram.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { body: { data: rows.map(programOut) } };
}

export async function getProgram({ principal, params }: ApiCall<{ id: string }>): Promise<Answer> {
  const p = await tenantDb(principal).cardProgram.findFirst({ where: { id: params.id } });
  if (!p) throw new AppError("NOT_FOUND");
  return { body: programOut(p) };
}

type LocationRow = Prisma.LocationGetPayload<object>;
const locationOut = (l: LocationRow): z.output<typeof S.Location> => ({
  id: l.id,
  name: l.name,
  address: l.address,
  city: l.city,
  latitude: l.latitude,
  longitude: l.longitude,
  archivedAt: iso(l.archivedAt),
  createdAt: l.createdAt.toISOString(),
});

export async function listLocations({ principal }: ApiCall): Promise<Answer> {
  const rows = await tenantDb(principal).location.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { body: { data: rows.map(locationOut) } };
}

export async function getLocation({ principal, params }: ApiCall<{ id: string }>): Promise<Answer> {
  const l = await tenantDb(principal).location.findFirst({ where: { id: params.id } });
  if (!l) throw new AppError("NOT_FOUND");
  return { body: locationOut(l) };
}

// ------------------------------------------------------------------ events, insights

const EVENT = {
  id: true,
  type: true,
  cardId: true,
  amount: true,
  stampDelta: true,
  rewardDelta: true,
  intermediateDelta: true,
  spendCents: true,
  locationId: true,
  reversesId: true,
  apiKeyId: true,
  deviceId: true,
  actorUserId: true,
  createdAt: true,
  card: { select: { customerId: true } },
} as const;
type EventRow = Prisma.CardEventGetPayload<{ select: typeof EVENT }>;
const eventOut = ({ card, deviceId, actorUserId, ...e }: EventRow): z.output<typeof S.Event> => ({
  ...e,
  customerId: card.customerId,
  source: e.apiKeyId ? "api" : deviceId ? "tablet" : actorUserId ? "dashboard" : "system",
  createdAt: e.createdAt.toISOString(),
});

export async function listEvents({ principal, query: q }: ApiCall<unknown, z.output<typeof S.EventListQuery>>): Promise<Answer> {
  const cursor = decodeCursor(q.cursor);
  const where: Prisma.CardEventWhereInput = {
    AND: [
      after(cursor),
      q.type ? { type: { in: q.type } } : {},
      q.since ? { createdAt: { gte: new Date(q.since) } } : {},
      q.until ? { createdAt: { lt: new Date(q.until) } } : {},
      q.cardId ? { cardId: q.cardId } : {},
    ],
  };
  const rows = await tenantDb(principal).cardEvent.findMany({ where, select: EVENT, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: q.limit + 1 });
  return { body: page(rows, q.limit, eventOut) };
}

export async function insightsSummary({ principal, query }: ApiCall<unknown, z.output<typeof S.InsightsQuery>>): Promise<Answer> {
  const period = resolvePeriod(query.period, principal.timezone);
  // Live, not a big merchant's kept figures (lib/insights/kept.ts): an integration asks for now.
  const k = await overviewKpis.live(ctxOf(principal), period);
  return {
    body: {
      period: { key: period.key, from: period.from, to: period.to, timezone: period.timezone },
      newCustomers: k.newCustomers,
      activeCustomers: k.activeCustomers,
      returningRate: k.returningRate,
      visits: k.visits,
      stamps: k.stamps,
      visitsPerCustomer: k.visitsPerCustomer,
      medianDaysBetweenVisits: k.medianDaysBetweenVisits,
      regularsShare: k.regularsShare,
      rewardsRedeemed: k.rewards.map((r) => ({
        programId: r.programId,
        programName: r.programName,
        kind: r.kind,
        reward: r.reward,
        current: r.current,
        previous: r.previous,
      })),
    },
  };
}
