// One customer, as the dashboard's detail page shows them (dashboard → Klanten →
// a name): profile, consent history, cards and their state, the full ledger
// timeline with who/where/which tablet, visits per month, lifetime totals,
// wallet status, messages received, tags and the note, "mogelijk dubbel"
// suggestions, the customer's insights (RFM scores and segment, engagement,
// ladder rung, matrix cell, survey answers: getCustomerInsights) — and the
// profile edit and GDPR actions (export, erase) a manager can take there.
// Every function takes the tenant context: another organization's customer id
// reads as not found (404).
//
// Permissions (issue 13): every member may view; editing, export, correction,
// merge and erasure are for managers and owners, checked here (not only in the UI).
import { recordAudit, recordAuditAlone, auditTrailOf, type AuditRow } from "@/lib/audit/audit";
import { readyRewards, type ReadyReward } from "@/lib/cards/rewards";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AcquisitionSource, CardEventType, LoyaltyCell, LoyaltyRung, RfmSegment, SurveyKind } from "@/lib/generated/prisma/enums";
import { hasRole, requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { ProfileInput } from "@/lib/validation/customer-detail";
import { EntityId } from "@/lib/validation/ids";
import { eraseCustomer, exportCustomerData } from "./privacy";

/** How many ledger lines the page shows (newest first); older ones are counted. */
export const TIMELINE_LIMIT = 500;
/** Months in the visits chart, this month included. */
export const CHART_MONTHS = 12;

export type Permissions = { edit: boolean; export: boolean; correct: boolean; merge: boolean; erase: boolean };

export function permissionsOf(ctx: TenantContext): Permissions {
  const manager = hasRole(ctx, "MANAGER");
  return { edit: manager, export: manager, correct: manager, merge: manager, erase: manager };
}

export type DetailCard = {
  id: string;
  serial: string;
  programId: string;
  programName: string;
  stampsRequired: number;
  stampCount: number;
  rewardsAvailable: number;
  intermediateAvailable: number;
  ready: ReadyReward[];
  totalStamps: number;
  totalRedeemed: number;
  lastStampAt: Date | null;
  createdAt: Date;
  erased: boolean;
  /** The card this one was merged into (its number), or null. */
  mergedInto: { id: string; serial: string } | null;
  wallet: { appleInstalled: number; appleRemoved: number; googleSaved: boolean };
};

export type TimelineEntry = {
  id: string;
  cardId: string;
  cardSerial: string;
  type: CardEventType;
  amount: number;
  stampDelta: number;
  rewardDelta: number;
  intermediateDelta: number;
  at: Date;
  actor: string | null;
  location: string | null;
  tablet: string | null;
  spendCents: number | null;
  note: string | null;
  /** A stamp or redeem taken back by a later UNDO. */
  undone: boolean;
};

export type ConsentEntry = {
  kind: "terms" | "marketing";
  at: Date;
  programName: string | null;
  /** The version of the sign-up form (the card program's published version) in use at that moment. */
  formVersion: number | null;
  /** What the customer agreed to: the consent text (marketing) or the terms, as published then. */
  text: string | null;
};

export type DuplicateSuggestion = {
  customerId: string;
  name: string;
  /** Card pairs of one program that can be merged: this customer's card and theirs. */
  pairs: { programName: string; mine: { id: string; serial: string; stampCount: number }; theirs: { id: string; serial: string; stampCount: number } }[];
};

export type CustomerDetail = Awaited<ReturnType<typeof getCustomerDetail>>;

function parseId(id: unknown): string {
  const r = EntityId.safeParse(id);
  if (!r.success) throw new AppError("NOT_FOUND");
  return r.data;
}

/** The published form version (and its texts) of a program at moment `at`. */
type VersionRow = { programId: string; version: number; createdAt: Date; design: Prisma.JsonValue };
function versionAt(versions: VersionRow[], programId: string, at: Date) {
  let best: VersionRow | null = null;
  for (const v of versions) if (v.programId === programId && v.createdAt <= at && (!best || v.version > best.version)) best = v;
  return best;
}
const designText = (v: VersionRow | null, key: "consentText" | "terms") => {
  const d = v?.design as Record<string, unknown> | null | undefined;
  return typeof d?.[key] === "string" ? (d[key] as string) : null;
};

/** Everything the detail page shows. Managers and owners (as the customer list); another organization's customer is NOT_FOUND. */
export async function getCustomerDetail(ctx: TenantContext, customerId: string) {
  requireRole(ctx, "MANAGER");
  const id = parseId(customerId);
  const t = tenantDb(ctx);
  const customer = await t.customer.findFirst({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      birthday: true,
      marketingConsent: true,
      marketingConsentAt: true,
      termsAcceptedAt: true,
      source: true,
      note: true,
      externalId: true,
      createdAt: true,
      lastVisitAt: true,
      possibleDuplicateOfId: true,
      tags: { select: { tag: true }, orderBy: { tag: "asc" } },
      cards: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          serial: true,
          programId: true,
          stampCount: true,
          rewardsAvailable: true,
          intermediateAvailable: true,
          totalStamps: true,
          totalRedeemed: true,
          lastStampAt: true,
          createdAt: true,
          erasedAt: true,
          mergedIntoId: true,
          googleInstalled: true,
          program: { select: { name: true, stampsRequired: true, rewardText: true, intermediateStamp: true, intermediateRewardText: true } },
          passRegistrations: { select: { unregisteredAt: true } },
        },
      },
    },
  });
  if (!customer) throw new AppError("NOT_FOUND");
  const cardIds = customer.cards.map((c) => c.id);
  const serialOf = new Map(customer.cards.map((c) => [c.id, c.serial]));

  const [events, eventCount, messages, versions, mergedTargets, duplicates, stats] = await Promise.all([
    t.cardEvent.findMany({
      where: { cardId: { in: cardIds } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        cardId: true,
        type: true,
        amount: true,
        stampDelta: true,
        rewardDelta: true,
        intermediateDelta: true,
        createdAt: true,
        actorUserId: true,
        actorMembershipId: true,
        deviceId: true,
        spendCents: true,
        note: true,
        reversesId: true,
        location: { select: { name: true } },
        reversedBy: { select: { id: true } },
      },
    }),
    t.cardEvent.count({ where: { cardId: { in: cardIds } } }),
    t.walletMessage.findMany({
      where: { cardId: { in: cardIds } },
      orderBy: { createdAt: "desc" },
      select: { id: true, cardId: true, header: true, body: true, createdAt: true, deliveredAt: true },
    }),
    t.cardProgramVersion.findMany({
      where: { programId: { in: [...new Set(customer.cards.map((c) => c.programId))] } },
      select: { programId: true, version: true, createdAt: true, design: true },
    }),
    t.card.findMany({
      where: { id: { in: customer.cards.map((c) => c.mergedIntoId).filter((x): x is string => x !== null) } },
      select: { id: true, serial: true },
    }),
    t.customer.findMany({
      where: {
        id: { not: id },
        OR: [{ possibleDuplicateOfId: id }, ...(customer.possibleDuplicateOfId ? [{ id: customer.possibleDuplicateOfId }] : [])],
      },
      take: 10,
      select: {
        id: true,
        name: true,
        cards: { where: { erasedAt: null, mergedIntoId: null }, select: { id: true, serial: true, programId: true, stampCount: true } },
      },
    }),
    t.$transaction(async (_tx, sql) => {
      // Visits per month in the merchant's time zone (a visit: a stamp not undone), and the spend recorded.
      const months = await sql<{ month: string; visits: number }>(
        `SELECT to_char(date_trunc('month', (e."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE o.timezone), 'YYYY-MM') AS month, count(*)::int AS visits
           FROM "CardEvent" e JOIN "Organization" o ON o.id = e."organizationId"
          WHERE e."organizationId" = $1 AND e."cardId" = ANY($2::text[]) AND e.type = 'STAMP'
            AND NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)
            AND e."createdAt" >= ((date_trunc('month', now() AT TIME ZONE o.timezone) - make_interval(months => $3)) AT TIME ZONE o.timezone) AT TIME ZONE 'UTC'
          GROUP BY 1 ORDER BY 1`,
        [ctx.orgId, cardIds, CHART_MONTHS - 1],
      );
      const [totals] = await sql<{ visits: number; spendCents: number; first: Date | null; last: Date | null; thisMonth: string }>(
        `SELECT count(*) FILTER (WHERE e.type = 'STAMP')::int AS visits,
                COALESCE(sum(e."spendCents") FILTER (WHERE e.type = 'STAMP'), 0)::int AS "spendCents",
                min(e."createdAt") FILTER (WHERE e.type = 'STAMP') AS first, max(e."createdAt") FILTER (WHERE e.type = 'STAMP') AS last,
                (SELECT to_char(now() AT TIME ZONE o.timezone, 'YYYY-MM') FROM "Organization" o WHERE o.id = $1) AS "thisMonth"
           FROM "CardEvent" e
          WHERE e."organizationId" = $1 AND e."cardId" = ANY($2::text[])
            AND NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)`,
        [ctx.orgId, cardIds],
      );
      return { months, totals };
    }),
  ]);

  // Names behind the ledger's actors: members (with an account or tablet staff), by membership or user.
  const membershipIds = [...new Set(events.map((e) => e.actorMembershipId).filter((x): x is string => x !== null))];
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((x): x is string => x !== null))];
  const deviceIds = [...new Set(events.map((e) => e.deviceId).filter((x): x is string => x !== null))];
  const [members, devices, audit] = await Promise.all([
    membershipIds.length || userIds.length
      ? t.membership.findMany({
          where: { OR: [{ id: { in: membershipIds } }, { userId: { in: userIds } }] },
          select: { id: true, userId: true, displayName: true, user: { select: { name: true } } },
        })
      : [],
    deviceIds.length ? t.device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, name: true } }) : [],
    hasRole(ctx, "MANAGER") ? auditTrailOf(ctx, id, cardIds) : Promise.resolve<AuditRow[]>([]),
  ]);
  const byMembership = new Map(members.map((m) => [m.id, m.displayName ?? m.user?.name ?? null]));
  const byUser = new Map(members.filter((m) => m.userId).map((m) => [m.userId!, m.user?.name ?? m.displayName ?? null]));
  const deviceName = new Map(devices.map((d) => [d.id, d.name]));
  const mergedSerial = new Map(mergedTargets.map((c) => [c.id, c.serial]));

  const cards: DetailCard[] = customer.cards.map((c) => ({
    id: c.id,
    serial: c.serial,
    programId: c.programId,
    programName: c.program.name,
    stampsRequired: c.program.stampsRequired,
    stampCount: c.stampCount,
    rewardsAvailable: c.rewardsAvailable,
    intermediateAvailable: c.intermediateAvailable,
    ready: readyRewards(c, c.program),
    totalStamps: c.totalStamps,
    totalRedeemed: c.totalRedeemed,
    lastStampAt: c.lastStampAt,
    createdAt: c.createdAt,
    erased: c.erasedAt !== null,
    mergedInto: c.mergedIntoId ? { id: c.mergedIntoId, serial: mergedSerial.get(c.mergedIntoId) ?? "" } : null,
    wallet: {
      appleInstalled: c.passRegistrations.filter((r) => !r.unregisteredAt).length,
      appleRemoved: c.passRegistrations.filter((r) => r.unregisteredAt).length,
      googleSaved: c.googleInstalled,
    },
  }));

  const timeline: TimelineEntry[] = events.map((e) => ({
    id: e.id,
    cardId: e.cardId,
    cardSerial: serialOf.get(e.cardId) ?? "",
    type: e.type,
    amount: e.amount,
    stampDelta: e.stampDelta,
    rewardDelta: e.rewardDelta,
    intermediateDelta: e.intermediateDelta,
    at: e.createdAt,
    actor: (e.actorMembershipId && byMembership.get(e.actorMembershipId)) || (e.actorUserId && byUser.get(e.actorUserId)) || null,
    location: e.location?.name ?? null,
    tablet: (e.deviceId && deviceName.get(e.deviceId)) || null,
    spendCents: e.spendCents,
    note: e.note,
    undone: e.reversedBy !== null,
  }));

  // Consent: what the customer agreed to when they signed up, through which version of the form.
  const first = customer.cards[0];
  const consent: ConsentEntry[] = [];
  for (const [kind, at] of [
    ["terms", customer.termsAcceptedAt],
    ["marketing", customer.marketingConsentAt],
  ] as const) {
    if (!at) continue;
    const v = first ? versionAt(versions, first.programId, at) : null;
    consent.push({
      kind,
      at,
      programName: first?.program.name ?? null,
      formVersion: v?.version ?? null,
      text: designText(v, kind === "terms" ? "terms" : "consentText"),
    });
  }

  const mineByProgram = new Map(customer.cards.filter((c) => !c.erasedAt && !c.mergedIntoId).map((c) => [c.programId, c]));
  const suggestions: DuplicateSuggestion[] = duplicates.map((d) => ({
    customerId: d.id,
    name: d.name,
    pairs: d.cards.flatMap((theirs) => {
      const mine = mineByProgram.get(theirs.programId);
      return mine
        ? [
            {
              programName: mine.program.name,
              mine: { id: mine.id, serial: mine.serial, stampCount: mine.stampCount },
              theirs: { id: theirs.id, serial: theirs.serial, stampCount: theirs.stampCount },
            },
          ]
        : [];
    }),
  }));

  // The chart: every month of the last CHART_MONTHS, empty ones included.
  const visitsByMonth = new Map(stats.months.map((m) => [m.month, m.visits]));
  const [y, m] = stats.totals.thisMonth.split("-").map(Number);
  const chart = Array.from({ length: CHART_MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (CHART_MONTHS - 1 - i), 1));
    const key = d.toISOString().slice(0, 7);
    return { month: key, visits: visitsByMonth.get(key) ?? 0 };
  });

  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      birthday: customer.birthday,
      source: customer.source as AcquisitionSource,
      note: customer.note,
      externalId: customer.externalId,
      createdAt: customer.createdAt,
      lastVisitAt: customer.lastVisitAt,
      marketingConsent: customer.marketingConsent,
      tags: customer.tags.map((x) => x.tag),
      erased: customer.cards.length > 0 && customer.cards.every((c) => c.erasedAt !== null),
    },
    consent,
    cards,
    timeline,
    timelineHidden: Math.max(0, eventCount - timeline.length),
    chart,
    totals: {
      stamps: cards.reduce((s, c) => s + c.totalStamps, 0),
      redeemed: cards.reduce((s, c) => s + c.totalRedeemed, 0),
      visits: stats.totals.visits,
      spendCents: stats.totals.spendCents,
      firstVisit: stats.totals.first,
      lastVisit: stats.totals.last,
    },
    messages: messages.map((msg) => ({ ...msg, cardSerial: serialOf.get(msg.cardId) ?? "" })),
    duplicates: suggestions,
    audit,
    can: permissionsOf(ctx),
  };
}

const isUnique = (e: unknown): e is Prisma.PrismaClientKnownRequestError => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Saves the profile form. OWNER or MANAGER. An email or phone another customer has → a field error. */
export async function updateCustomerProfile(ctx: TenantContext, customerId: string, input: unknown): Promise<void> {
  requireRole(ctx, "MANAGER");
  const id = parseId(customerId);
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const p = parsed.data;
  const data = { name: p.name, email: p.email ?? null, phone: p.phone ?? null, birthday: p.birthday ? new Date(`${p.birthday}T00:00:00Z`) : null };
  try {
    await tenantDb(ctx).$transaction(async (tx) => {
      const before = await tx.customer.findFirst({
        where: { id },
        select: { name: true, email: true, phone: true, birthday: true, cards: { select: { erasedAt: true } } },
      });
      if (!before) throw new AppError("NOT_FOUND");
      if (before.cards.length > 0 && before.cards.every((c) => c.erasedAt)) throw new AppError("CONFLICT", "customerErased");
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => String(before[k] ?? "") !== String(data[k] ?? ""));
      if (!changed.length) return;
      await tx.customer.update({ where: { id }, data });
      // Which fields changed, not their values: the trail should not become a copy of personal data.
      await recordAudit(tx, ctx, { action: "customer.update", subjectType: "customer", subjectId: id, details: { fields: changed } });
    });
  } catch (e) {
    if (isUnique(e)) {
      const target = String((e.meta as { target?: unknown } | undefined)?.target ?? "");
      const field = target.includes("phone") ? "phone" : "email";
      throw new AppError("VALIDATION", field === "phone" ? "phoneTaken" : "emailTaken", { [field]: [field === "phone" ? "phoneTaken" : "emailTaken"] });
    }
    throw e;
  }
}

/** A live card's web token: the customer's own privacy actions (lib/customers/privacy.ts) are keyed by it. */
async function liveCardToken(ctx: TenantContext, customerId: string): Promise<string> {
  const id = parseId(customerId);
  const customer = await tenantDb(ctx).customer.findFirst({
    where: { id },
    select: { cards: { where: { erasedAt: null }, orderBy: { createdAt: "asc" }, take: 1, select: { webToken: true } } },
  });
  if (!customer) throw new AppError("NOT_FOUND");
  // Everything already erased (or no card at all): nothing the privacy page could do either.
  if (!customer.cards[0]) throw new AppError("CONFLICT", "customerErased");
  return customer.cards[0].webToken;
}

/** The customer's data as their own privacy page exports it (GDPR art. 15/20). OWNER or MANAGER; recorded in the trail. */
export async function exportCustomerDataForMerchant(ctx: TenantContext, customerId: string) {
  requireRole(ctx, "MANAGER");
  const data = await exportCustomerData(await liveCardToken(ctx, customerId));
  await recordAuditAlone(ctx, { action: "customer.dataExport", subjectType: "customer", subjectId: data.customer.id });
  return data;
}

/**
 * Erases the customer exactly as their own privacy page does (GDPR art. 17):
 * personal data gone, cards retired, an anonymous ERASE event on each; the
 * merchant's own note and tags about them go too. OWNER or MANAGER; recorded.
 */
export async function eraseCustomerForMerchant(ctx: TenantContext, customerId: string): Promise<void> {
  requireRole(ctx, "MANAGER");
  const id = parseId(customerId);
  await eraseCustomer(await liveCardToken(ctx, id));
  await tenantDb(ctx).$transaction(async (tx) => {
    await tx.customer.update({ where: { id }, data: { note: null, externalId: null } });
    await tx.customerTag.deleteMany({ where: { customerId: id } });
    await recordAudit(tx, ctx, { action: "customer.erase", subjectType: "customer", subjectId: id });
  });
}

// ---------------------------------------------------------------- insights (issue 14)

/** Engagement parts as lib/insights/refresh-insights.ts scores them (keep in step): points and the window in days. */
export const ENGAGEMENT_PARTS = { wallet: 40, opened: 20, surveyed: 20, referred: 20 } as const;
const OPENED_DAYS = 30;
const SURVEYED_DAYS = 180;
/** Answers shown on the detail page, newest first (asked at most weekly: a year's worth). */
export const ANSWERS_SHOWN = 60;

export type CustomerScoreView = {
  recency: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment | null;
  rung: LoyaltyRung;
  cell: LoyaltyCell | null;
  /** The latest NPS/CLI answer within a year (0–10), what the matrix reads as attitude. */
  attitude: number | null;
  engagement: number;
  /** Which parts of the engagement score this customer earned, as of computedAt. */
  parts: Record<keyof typeof ENGAGEMENT_PARTS, boolean>;
  visits: number;
  visits90: number;
  /** The latest refresh (the organization's insightsRefreshedAt): the scores hold as of then. */
  computedAt: Date;
};

export type SurveyAnswerView = {
  id: string;
  at: Date;
  kind: SurveyKind;
  score: number;
  comeBack: number | null;
  tryOther: number | null;
  comment: string | null;
  location: string | null;
  staff: string | null;
};

/**
 * The customer's insights for the detail page: RFM scores and segment,
 * engagement and its parts, ladder rung and matrix cell (from the latest
 * refresh; null before the first), and their survey answers. Managers and
 * owners; another merchant's customer is NOT_FOUND.
 */
export async function getCustomerInsights(ctx: TenantContext, customerId: string): Promise<{ score: CustomerScoreView | null; answers: SurveyAnswerView[] }> {
  requireRole(ctx, "MANAGER");
  const id = parseId(customerId);
  const t = tenantDb(ctx);
  const customer = await t.customer.findFirst({ where: { id }, select: { id: true } });
  if (!customer) throw new AppError("NOT_FOUND");
  const [score, org, answers] = await Promise.all([
    t.customerScore.findFirst({ where: { customerId: id } }),
    // The refresh the scores hold for: it rewrites only the rows that changed (lib/insights/refresh-insights.ts).
    t.organization.findFirst({ select: { insightsRefreshedAt: true } }),
    t.surveyAnswer.findMany({
      where: { customerId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ANSWERS_SHOWN,
      select: { id: true, createdAt: true, kind: true, score: true, comeBack: true, tryOther: true, comment: true, locationId: true, membershipId: true },
    }),
  ]);
  const locationIds = [...new Set(answers.flatMap((a) => (a.locationId ? [a.locationId] : [])))];
  const memberIds = [...new Set(answers.flatMap((a) => (a.membershipId ? [a.membershipId] : [])))];
  const at = org?.insightsRefreshedAt ?? score?.computedAt ?? new Date();
  const [locations, members, wallet, opened, surveyed, referred, blockedReferrals] = await Promise.all([
    locationIds.length ? t.location.findMany({ where: { id: { in: locationIds } }, select: { id: true, name: true } }) : [],
    memberIds.length
      ? t.membership.findMany({ where: { id: { in: memberIds } }, select: { id: true, displayName: true, user: { select: { name: true } } } })
      : [],
    t.card.count({ where: { customerId: id, erasedAt: null, OR: [{ appleInstalls: { gt: 0 } }, { googleInstalled: true }] } }),
    t.card.count({ where: { customerId: id, erasedAt: null, webOpenedAt: { gt: new Date(at.getTime() - OPENED_DAYS * 86_400_000) } } }),
    t.surveyAnswer.count({ where: { customerId: id, createdAt: { gt: new Date(at.getTime() - SURVEYED_DAYS * 86_400_000), lte: at } } }),
    t.customer.count({ where: { referredByCustomerId: id } }),
    // Friends whose referral was blocked as farming do not count (as in lib/insights/refresh-insights.ts).
    t.referral.count({ where: { referrerCustomerId: id, status: "BLOCKED" } }),
  ]);
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  const memberName = new Map(members.map((m) => [m.id, m.displayName ?? m.user?.name ?? null]));
  return {
    score: score && {
      recency: score.recency,
      frequency: score.frequency,
      monetary: score.monetary,
      segment: score.segment,
      rung: score.rung,
      cell: score.cell,
      attitude: score.attitude,
      engagement: score.engagement,
      parts: { wallet: wallet > 0, opened: opened > 0, surveyed: surveyed > 0, referred: referred - blockedReferrals > 0 },
      visits: score.visits,
      visits90: score.visits90,
      computedAt: at,
    },
    answers: answers.map((a) => ({
      id: a.id,
      at: a.createdAt,
      kind: a.kind,
      score: a.score,
      comeBack: a.comeBack,
      tryOther: a.tryOther,
      comment: a.comment,
      location: a.locationId ? (locationName.get(a.locationId) ?? null) : null,
      staff: a.membershipId ? (memberName.get(a.membershipId) ?? null) : null,
    })),
  };
}
