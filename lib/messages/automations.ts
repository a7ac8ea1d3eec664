// Automations: messages that send themselves on an occasion (dashboard → Berichten
// → Automatisch, docs/messages/automations.md). The merchant switches each kind on
// or off and may replace its nl/en texts; `runAutomations(orgId, now)` (called by
// lib/messages/scheduler.ts every minute) queues one Delivery per customer and
// occasion with one set-based INSERT … ON CONFLICT DO NOTHING per kind, so running
// it twice (or on two instances at once) queues nobody twice. The sender
// (lib/messages/send.ts, job `messages-send`) then decides consent, the frequency
// cap and the channel, like for a campaign.
//
// Occasions, with `now` and all dates in the merchant's time zone (computed in SQL):
//  - WELCOME: a card enrolled in the last 2 days (not from a customer import).
//    Occurrence "card:<id>".
//  - ONE_TO_GO: a card stamped in the last 2 days whose stampCount is one below the
//    goal or one below the intermediate reward. Occurrence "card:<id>:<totalStamps>".
//  - REWARD_READY: a card stamped in the last 2 days with a reward waiting (main or
//    intermediate). Occurrence "card:<id>:reward:<n>", n = rewards earned so far on
//    the card (redeemed + waiting): once per reward, not again at the next stamp
//    while it waits, nor after it is redeemed.
//  - REWARD_EXPIRING: programs with stampExpiryMonths; a card whose open stamps lapse
//    (lastStampAt + months, lib/stamping/expire-stamps.ts) within settings.days
//    (default 7). Occurrence "card:<id>:<lastStampAt>" (a new stamp moves the lapse).
//  - BIRTHDAY: today's local month/day is the customer's birthday (29 February on
//    28 February in years without it). Occurrence "<year>". settings.bonusStamps go
//    on the delivery, valid until the end of that local day + 7 days.
//  - WIN_BACK: the last visit (Visit.day) between N and N+7 days ago; N =
//    settings.days, or when unset the customer's own median interval between visits
//    × 2 (at least 14, at most 365; customers with one visit: the merchant's
//    suggestion, suggestedWinBackDays). Occurrence "<last visit day>".
//  - SURVEY: a visit today or yesterday, and the NPS question due on the card by
//    lib/surveys/eligibility.ts (the same rules the web card asks by; the facts are
//    read in SQL, the rule applied here, then one INSERT of the chosen).
//    Occurrence "<ISO year>-W<ISO week>".
//  - REVIEW: an NPS answer of 9–10 in the last 14 days; only with settings.link.
//    Occurrence "answer:<id>".
//  - REFERRAL: rung FAN or AMBASSADOR (CustomerScore), a card on a program with
//    referrals on, and no referral invitation in the last 90 days.
//    Occurrence "<year>-Q<quarter>".
// Customer-level occasions go on the customer's most recently stamped card (else
// newest); erased and merged cards never get one.
import { recordAudit } from "@/lib/audit/audit";
import { diff } from "@/lib/audit/diff";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { AutomationKind } from "@/lib/generated/prisma/enums";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { dueQuestion, type SurveySettings } from "@/lib/surveys/eligibility";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { AUTOMATION_KINDS, AutomationInput, AutomationSettings, SERVICE_AUTOMATIONS } from "@/lib/validation/messages";
import type { MessageTexts } from "./types";

export type AutomationDefaults = { titleNl: string; titleEn: string; bodyNl: string; bodyEn: string };

/** The texts an automation sends until the merchant writes their own. */
export const DEFAULT_TEXTS: Record<AutomationKind, AutomationDefaults> = {
  WELCOME: {
    titleNl: "Welkom!",
    titleEn: "Welcome!",
    bodyNl: "Hoi {naam}, leuk dat je er bent! Bij elke bestelling krijg je een stempel. Na {stempels} stempels: {beloning}.",
    bodyEn: "Hi {naam}, great to have you! Every order gets you a stamp. After {stempels} stamps: {beloning}.",
  },
  ONE_TO_GO: {
    titleNl: "Nog één stempel!",
    titleEn: "One stamp to go!",
    bodyNl: "Hoi {naam}, nog één stempel en je hebt {beloning}. Tot snel!",
    bodyEn: "Hi {naam}, one more stamp and you get {beloning}. See you soon!",
  },
  REWARD_READY: {
    titleNl: "Je beloning staat klaar",
    titleEn: "Your reward is ready",
    bodyNl: "Gefeliciteerd {naam}! {beloning} staat voor je klaar. Laat je kaart zien bij je volgende bezoek.",
    bodyEn: "Congratulations {naam}! {beloning} is waiting for you. Show your card on your next visit.",
  },
  REWARD_EXPIRING: {
    titleNl: "Je stempels verlopen bijna",
    titleEn: "Your stamps expire soon",
    bodyNl: "Hoi {naam}, je {stempels} stempels verlopen binnenkort. Kom langs voor een nieuwe stempel, dan blijven ze staan.",
    bodyEn: "Hi {naam}, your {stempels} stamps expire soon. Drop by for a new stamp and they stay on your card.",
  },
  BIRTHDAY: {
    titleNl: "Gefeliciteerd!",
    titleEn: "Happy birthday!",
    bodyNl: "Van harte gefeliciteerd, {naam}! Kom je het vieren met een kopje koffie?",
    bodyEn: "Happy birthday, {naam}! Come and celebrate with a cup of coffee?",
  },
  WIN_BACK: {
    titleNl: "We missen je!",
    titleEn: "We miss you!",
    bodyNl: "Hoi {naam}, het is even geleden. Je hebt {stempels} stempels, nog {nog} tot {beloning}. Tot snel?",
    bodyEn: "Hi {naam}, it's been a while. You have {stempels} stamps, {nog} more to {beloning}. See you soon?",
  },
  SURVEY: {
    titleNl: "Hoe bevalt het?",
    titleEn: "How are we doing?",
    bodyNl: "Hoi {naam}, wil je ons een cijfer geven? Het is één vraag op je kaart en kost maar een paar seconden.",
    bodyEn: "Hi {naam}, would you rate us? It's one question on your card and takes a few seconds.",
  },
  REVIEW: {
    titleNl: "Fijn dat je tevreden bent!",
    titleEn: "Glad you're happy!",
    bodyNl: "Dank je wel, {naam}! Wil je een korte review achterlaten? Daar helpen we andere koffieliefhebbers mee.",
    bodyEn: "Thank you, {naam}! Would you leave a short review? It helps other coffee lovers find us.",
  },
  REFERRAL: {
    titleNl: "Neem een vriend mee",
    titleEn: "Bring a friend",
    bodyNl: "Hoi {naam}, je bent een vaste gast! Deel je persoonlijke link: jij en je vriend krijgen allebei een extra stempel.",
    bodyEn: "Hi {naam}, you're a regular! Share your personal link: you and your friend both get an extra stamp.",
  },
};

const DAY_MS = 86_400_000;
/** Win-back when nothing else is known: two weeks. */
export const WIN_BACK_MIN_DAYS = 14;
const WIN_BACK_MAX_DAYS = 365;
/** REWARD_EXPIRING without settings.days: a week before. */
export const EXPIRING_DEFAULT_DAYS = 7;

/** Stored settings, read leniently: an unreadable JSON gives the defaults. */
function settingsOf(json: unknown): AutomationSettings {
  const parsed = AutomationSettings.safeParse(json ?? {});
  return parsed.success ? parsed.data : AutomationSettings.parse({});
}

export type AutomationView = {
  kind: AutomationKind;
  enabled: boolean;
  marketing: boolean;
  /** The merchant's own texts (null: the default is sent). */
  titleNl: string | null;
  titleEn: string | null;
  bodyNl: string | null;
  bodyEn: string | null;
  defaults: AutomationDefaults;
  settings: AutomationSettings;
  /** Deliveries sent (or being sent) in the last 30 days. */
  sentLast30Days: number;
};

/** Every kind, in page order, with the merchant's row where there is one. Managers and owners. */
export async function listAutomations(ctx: TenantContext, now = new Date()): Promise<AutomationView[]> {
  requireRole(ctx, "MANAGER");
  const db = tenantDb(ctx);
  const [rows, sent] = await Promise.all([
    db.automation.findMany(),
    db.delivery.groupBy({
      by: ["automation"],
      where: { automation: { not: null }, status: { in: ["SENDING", "DELIVERED", "SILENT"] }, createdAt: { gt: new Date(now.getTime() - 30 * DAY_MS) } },
      _count: { _all: true },
    }),
  ]);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const sentBy = new Map(sent.map((s) => [s.automation, s._count._all]));
  return AUTOMATION_KINDS.map((kind) => {
    const r = byKind.get(kind);
    return {
      kind,
      enabled: r?.enabled ?? false,
      marketing: !SERVICE_AUTOMATIONS.has(kind),
      titleNl: r?.titleNl ?? null,
      titleEn: r?.titleEn ?? null,
      bodyNl: r?.bodyNl ?? null,
      bodyEn: r?.bodyEn ?? null,
      defaults: DEFAULT_TEXTS[kind],
      settings: settingsOf(r?.settings),
      sentLast30Days: sentBy.get(kind) ?? 0,
    };
  });
}

/** Rules beyond the schema: a review request needs the link it asks customers to follow. */
function checkKindRules(kind: AutomationKind, enabled: boolean, settings: AutomationSettings) {
  if (kind === "REVIEW" && enabled && !settings.link) throw new AppError("VALIDATION", "VALIDATION", { "settings.link": ["linkRequired"] });
}

/** Switching one more automation on must fit the plan (one already on may be saved again). */
async function assertCanEnable(ctx: TenantContext, kind: AutomationKind) {
  const db = tenantDb(ctx);
  const current = await db.automation.findUnique({ where: { organizationId_kind: { organizationId: ctx.orgId, kind } }, select: { enabled: true } });
  if (!current?.enabled) await assertWithinLimit(db, "automations");
}

/** "automation.update" with what changed (nothing changed: no entry). */
async function auditAutomation(tx: TenantTx, ctx: TenantContext, kind: AutomationKind, before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const change = diff(before ?? { enabled: false }, after);
  if (change) await recordAudit(tx, ctx, { action: "automation.update", subjectType: "automation", subjectId: kind, details: { kind }, ...change });
}

/** Saves one automation (switch, texts, settings). Managers and owners; bad input → VALIDATION with field errors. */
export async function saveAutomation(ctx: TenantContext, input: unknown): Promise<AutomationView> {
  requireRole(ctx, "MANAGER");
  const parsed = AutomationInput.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const a = parsed.data;
  checkKindRules(a.kind, a.enabled, a.settings);
  const data = { enabled: a.enabled, titleNl: a.titleNl, titleEn: a.titleEn, bodyNl: a.bodyNl, bodyEn: a.bodyEn, settings: a.settings };
  if (a.enabled) await assertCanEnable(ctx, a.kind);
  await tenantDb(ctx).$transaction(async (tx) => {
    const where = { organizationId_kind: { organizationId: ctx.orgId, kind: a.kind } };
    const before = await tx.automation.findUnique({ where });
    await tx.automation.upsert({ where, create: { organizationId: ctx.orgId, kind: a.kind, ...data }, update: data });
    await auditAutomation(tx, ctx, a.kind, before, data);
  });
  return (await listAutomations(ctx)).find((v) => v.kind === a.kind)!;
}

/** The switch alone (the page's optimistic toggle and its undo). */
export async function setAutomationEnabled(ctx: TenantContext, kind: unknown, enabled: unknown): Promise<{ kind: AutomationKind; enabled: boolean }> {
  requireRole(ctx, "MANAGER");
  if (typeof kind !== "string" || !AUTOMATION_KINDS.includes(kind as AutomationKind) || typeof enabled !== "boolean") throw new AppError("VALIDATION");
  const k = kind as AutomationKind;
  const db = tenantDb(ctx);
  const current = await db.automation.findUnique({ where: { organizationId_kind: { organizationId: ctx.orgId, kind: k } } });
  checkKindRules(k, enabled, settingsOf(current?.settings));
  if (enabled && !current?.enabled) await assertWithinLimit(db, "automations");
  await db.$transaction(async (tx) => {
    await tx.automation.upsert({
      where: { organizationId_kind: { organizationId: ctx.orgId, kind: k } },
      create: { organizationId: ctx.orgId, kind: k, enabled },
      update: { enabled },
    });
    await auditAutomation(tx, ctx, k, current, { enabled });
  });
  return { kind: k, enabled };
}

// Each customer's own median interval (days) between visits; `only` limits it to
// the customers of a CTE of that name (WIN_BACK: those whose last visit could be due).
const OWN_MEDIANS = (only?: string) => `
  gaps AS (
    SELECT v."customerId", v.day - lag(v.day) OVER (PARTITION BY v."customerId" ORDER BY v.day) AS gap
      FROM "Visit" v ${only ? `JOIN ${only} ON ${only}."customerId" = v."customerId"` : ""} WHERE v."organizationId" = $1),
  own AS (
    SELECT "customerId", percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median
      FROM gaps WHERE gap IS NOT NULL GROUP BY "customerId")`;

async function suggestedWinBackDaysIn(sql: TenantSql, orgId: string): Promise<number> {
  const [r] = await sql<{ median: number | null }>(`WITH ${OWN_MEDIANS()} SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY median) AS median FROM own`, [
    orgId,
  ]);
  const median = r?.median === null || r?.median === undefined ? null : Number(r.median);
  return median === null ? WIN_BACK_MIN_DAYS : Math.min(WIN_BACK_MAX_DAYS, Math.max(WIN_BACK_MIN_DAYS, Math.round(median * 2)));
}

/**
 * The win-back days the page suggests: the median over customers of their own
 * median interval between visits, × 2, at least 14 (14 without customers who
 * came twice).
 */
export async function suggestedWinBackDays(ctx: TenantContext): Promise<number> {
  return tenantDb(ctx).$transaction((_tx, sql) => suggestedWinBackDaysIn(sql, ctx.orgId));
}

/** The texts (merchant's own or the defaults) of each automation kind, for the sender. */
export async function automationTexts(sql: TenantSql, orgId: string): Promise<Map<AutomationKind, MessageTexts>> {
  const rows = await sql<{
    kind: AutomationKind;
    titleNl: string | null;
    titleEn: string | null;
    bodyNl: string | null;
    bodyEn: string | null;
    settings: unknown;
  }>(`SELECT kind, "titleNl", "titleEn", "bodyNl", "bodyEn", settings FROM "Automation" WHERE "organizationId" = $1`, [orgId]);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return new Map(AUTOMATION_KINDS.map((kind) => [kind, textsOf(kind, byKind.get(kind))]));
}

/**
 * The merchant's texts over the defaults. A field the merchant wrote in Dutch
 * only has no English (English customers then get the merchant's Dutch, not a
 * default that may say something else); untouched fields use both defaults.
 */
export function textsOf(
  kind: AutomationKind,
  own: { titleNl: string | null; titleEn: string | null; bodyNl: string | null; bodyEn: string | null; settings: unknown } | undefined,
): MessageTexts {
  const d = DEFAULT_TEXTS[kind];
  const pick = (nl: string | null | undefined, en: string | null | undefined, dNl: string, dEn: string) =>
    nl ? { nl, en: en || null } : { nl: dNl, en: en || dEn };
  const title = pick(own?.titleNl, own?.titleEn, d.titleNl, d.titleEn);
  const body = pick(own?.bodyNl, own?.bodyEn, d.bodyNl, d.bodyEn);
  const link = kind === "REVIEW" ? settingsOf(own?.settings).link : null;
  return { titleNl: title.nl, titleEn: title.en, bodyNl: body.nl, bodyEn: body.en, link };
}

// ---------------------------------------------------------------- the occasions

// $1 organization id, $2 now (UTC, ISO). `local` is now in the merchant's zone,
// `today` its date; `tz` the zone.
const LOCAL = `
  org AS (
    SELECT o.timezone AS tz, ($2::timestamp AT TIME ZONE 'UTC') AT TIME ZONE o.timezone AS local
      FROM "Organization" o WHERE o.id = $1),
  t AS (SELECT tz, local, local::date AS today FROM org)`;

// The customer's card a customer-level message goes on: most recently stamped, else newest.
const MAIN_CARD = (customer: string) => `
  JOIN LATERAL (
    SELECT k.id FROM "Card" k
     WHERE k."organizationId" = $1 AND k."customerId" = ${customer} AND k."erasedAt" IS NULL AND k."mergedIntoId" IS NULL
     ORDER BY k."lastStampAt" DESC NULLS LAST, k."createdAt" DESC LIMIT 1) mc ON true`;

const LIVE_CARD = `c."organizationId" = $1 AND c."erasedAt" IS NULL AND c."mergedIntoId" IS NULL`;
const RECENT_STAMP = `c."lastStampAt" > $2::timestamp - interval '2 days' AND c."lastStampAt" <= $2::timestamp`;

type Occasions = { select: string; params: unknown[] };
// Every select gives "customerId", "cardId", occurrence, "bonusStamps", "bonusUntil"; extra params from $5.
const NO_BONUS = `0 AS "bonusStamps", NULL::timestamp AS "bonusUntil"`;

const OCCASIONS: Record<Exclude<AutomationKind, "SURVEY">, (s: AutomationSettings, winBackFallback: number) => Occasions | null> = {
  WELCOME: () => ({
    select: `SELECT c."customerId", c.id AS "cardId", 'card:' || c.id AS occurrence, ${NO_BONUS}
               FROM "Card" c JOIN "Customer" cu ON cu.id = c."customerId" AND cu."organizationId" = $1
              WHERE ${LIVE_CARD} AND c."createdAt" > $2::timestamp - interval '2 days' AND c."createdAt" <= $2::timestamp
                AND cu.source <> 'IMPORT'`,
    params: [],
  }),
  ONE_TO_GO: () => ({
    select: `SELECT c."customerId", c.id AS "cardId", 'card:' || c.id || ':' || c."totalStamps" AS occurrence, ${NO_BONUS}
               FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = $1
              WHERE ${LIVE_CARD} AND ${RECENT_STAMP} AND c."stampCount" > 0
                AND (c."stampCount" = p."stampsRequired" - 1
                     OR (p."intermediateStamp" < p."stampsRequired" AND c."stampCount" = p."intermediateStamp" - 1))`,
    params: [],
  }),
  REWARD_READY: () => ({
    select: `SELECT c."customerId", c.id AS "cardId",
                    'card:' || c.id || ':reward:' || (c."totalRedeemed" + c."rewardsAvailable" + c."intermediateAvailable") AS occurrence, ${NO_BONUS}
               FROM "Card" c
              WHERE ${LIVE_CARD} AND ${RECENT_STAMP} AND (c."rewardsAvailable" > 0 OR c."intermediateAvailable" > 0)`,
    params: [],
  }),
  REWARD_EXPIRING: (s) => ({
    select: `SELECT c."customerId", c.id AS "cardId", 'card:' || c.id || ':' || to_char(c."lastStampAt", 'YYYYMMDDHH24MISSMS') AS occurrence, ${NO_BONUS}
               FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = $1
              WHERE ${LIVE_CARD} AND p."stampExpiryMonths" IS NOT NULL AND c."stampCount" > 0
                AND c."lastStampAt" + make_interval(months => p."stampExpiryMonths") > $2::timestamp
                AND c."lastStampAt" + make_interval(months => p."stampExpiryMonths") <= $2::timestamp + make_interval(days => $5::int)`,
    params: [s.days ?? EXPIRING_DEFAULT_DAYS],
  }),
  BIRTHDAY: (s) => ({
    select: `WITH ${LOCAL}
             SELECT cu.id AS "customerId", mc.id AS "cardId", extract(year FROM t.today)::int::text AS occurrence,
                    $5::int AS "bonusStamps",
                    CASE WHEN $5::int > 0 THEN ((t.today + 8)::timestamp AT TIME ZONE t.tz) AT TIME ZONE 'UTC' END AS "bonusUntil"
               FROM t, "Customer" cu ${MAIN_CARD("cu.id")}
              WHERE cu."organizationId" = $1 AND cu.birthday IS NOT NULL
                AND ((extract(month FROM cu.birthday) = extract(month FROM t.today) AND extract(day FROM cu.birthday) = extract(day FROM t.today))
                  OR (extract(month FROM cu.birthday) = 2 AND extract(day FROM cu.birthday) = 29
                      AND extract(month FROM t.today) = 2 AND extract(day FROM t.today) = 28
                      AND extract(day FROM make_date(extract(year FROM t.today)::int, 3, 1) - 1) = 28))`,
    params: [s.bonusStamps],
  }),
  WIN_BACK: (s, fallback) => ({
    select: `WITH ${LOCAL},
             last AS (
               SELECT v."customerId", max(v.day) AS day FROM "Visit" v WHERE v."organizationId" = $1 GROUP BY v."customerId"
               HAVING (SELECT today FROM t) - max(v.day)
                      BETWEEN COALESCE($5::int, ${WIN_BACK_MIN_DAYS}) AND COALESCE($5::int, ${WIN_BACK_MAX_DAYS}) + 7),
             ${OWN_MEDIANS("last")},
             due AS (
               SELECT last."customerId", last.day,
                      COALESCE($5::int, CASE WHEN own.median IS NOT NULL
                        THEN LEAST(${WIN_BACK_MAX_DAYS}, GREATEST(${WIN_BACK_MIN_DAYS}, round(own.median * 2)::int)) END, $6::int) AS n
                 FROM last LEFT JOIN own ON own."customerId" = last."customerId")
             SELECT due."customerId", mc.id AS "cardId", to_char(due.day, 'YYYY-MM-DD') AS occurrence, ${NO_BONUS}
               FROM t, due ${MAIN_CARD(`due."customerId"`)}
              WHERE t.today - due.day BETWEEN due.n AND due.n + 7`,
    params: [s.days, fallback],
  }),
  REVIEW: (s) =>
    s.link
      ? {
          select: `SELECT a."customerId", mc.id AS "cardId", 'answer:' || a.id AS occurrence, ${NO_BONUS}
                     FROM "SurveyAnswer" a ${MAIN_CARD(`a."customerId"`)}
                    WHERE a."organizationId" = $1 AND a.kind = 'NPS' AND a.score >= 9
                      AND a."createdAt" > $2::timestamp - interval '14 days' AND a."createdAt" <= $2::timestamp`,
          params: [],
        }
      : null,
  REFERRAL: () => ({
    select: `WITH ${LOCAL}
             SELECT s."customerId", rc.id AS "cardId", to_char(t.local, 'YYYY') || '-Q' || to_char(t.local, 'Q') AS occurrence, ${NO_BONUS}
               FROM t, "CustomerScore" s
               JOIN LATERAL (
                 SELECT c.id FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = $1 AND p."referralEnabled"
                  WHERE ${LIVE_CARD} AND c."customerId" = s."customerId"
                  ORDER BY c."lastStampAt" DESC NULLS LAST, c."createdAt" DESC LIMIT 1) rc ON true
              WHERE s."organizationId" = $1 AND s.rung IN ('FAN', 'AMBASSADOR')
                AND NOT EXISTS (SELECT 1 FROM "Delivery" d
                                 WHERE d."organizationId" = $1 AND d."customerId" = s."customerId" AND d.automation = 'REFERRAL'
                                   AND d."createdAt" > $2::timestamp - interval '90 days')`,
    params: [],
  }),
};

/** One INSERT of every due occasion of `kind`; returns how many deliveries it queued. */
async function insertDeliveries(sql: TenantSql, orgId: string, now: Date, kind: AutomationKind, o: Occasions): Promise<number> {
  const rows = await sql<{ id: string }>(
    `INSERT INTO "Delivery" (id, "organizationId", "customerId", "cardId", automation, occurrence, marketing, "bonusStamps", "bonusUntil", status, "createdAt")
     SELECT gen_random_uuid()::text, $1, d."customerId", d."cardId", $3::"AutomationKind", d.occurrence, $4::boolean, d."bonusStamps", d."bonusUntil", 'QUEUED', $2::timestamp
       FROM (${o.select}) d
     ON CONFLICT ("organizationId", automation, "customerId", occurrence) DO NOTHING
     RETURNING id`,
    [orgId, now.toISOString(), kind, !SERVICE_AUTOMATIONS.has(kind), ...o.params],
  );
  return rows.length;
}

type SurveyCandidate = SurveySettings & {
  customerId: string;
  cardId: string;
  timezone: string;
  visits: number;
  lastVisitDay: string | null;
  lastSatisfactionAt: Date | null;
  lastNpsAt: Date | null;
  week: string;
};

/** SURVEY: candidates by SQL (a visit today or yesterday, NPS on), the NPS rule of lib/surveys, then one INSERT. */
async function surveyDeliveries(sql: TenantSql, orgId: string, now: Date): Promise<number> {
  const candidates = await sql<SurveyCandidate>(
    `WITH ${LOCAL},
     recent AS (SELECT DISTINCT v."customerId" FROM "Visit" v, t WHERE v."organizationId" = $1 AND v.day >= t.today - 1 AND v.day <= t.today)
     SELECT r."customerId", mc.id AS "cardId", t.tz AS timezone, to_char(t.today, 'IYYY-"W"IW') AS week,
            p."surveySatisfaction", p."surveyNps", p."surveyNpsAfterVisits", p."surveyNpsEveryDays", p."surveyCli",
            (SELECT count(*)::int FROM "Visit" v WHERE v."organizationId" = $1 AND v."customerId" = r."customerId") AS visits,
            (SELECT to_char(max(v.day), 'YYYY-MM-DD') FROM "Visit" v WHERE v."organizationId" = $1 AND v."customerId" = r."customerId") AS "lastVisitDay",
            (SELECT max(a."createdAt") FROM "SurveyAnswer" a
              WHERE a."organizationId" = $1 AND a."customerId" = r."customerId" AND a.kind = 'SATISFACTION') AS "lastSatisfactionAt",
            (SELECT max(a."createdAt") FROM "SurveyAnswer" a
              WHERE a."organizationId" = $1 AND a."customerId" = r."customerId" AND a.kind = 'NPS') AS "lastNpsAt"
       FROM t, recent r ${MAIN_CARD(`r."customerId"`)}
       JOIN "Card" k ON k.id = mc.id AND k."organizationId" = $1
       JOIN "CardProgram" p ON p.id = k."programId" AND p."organizationId" = $1
      WHERE p."surveyNps"`,
    [orgId, now.toISOString()],
  );
  const due = candidates.filter(
    (c) =>
      dueQuestion(c, {
        now,
        timezone: c.timezone,
        visits: c.visits,
        lastVisitDay: c.lastVisitDay,
        lastSatisfactionAt: c.lastSatisfactionAt,
        lastNpsAt: c.lastNpsAt,
      })?.kind === "NPS",
  );
  if (due.length === 0) return 0;
  return insertDeliveries(sql, orgId, now, "SURVEY", {
    select: `SELECT u."customerId", u."cardId", u.occurrence, ${NO_BONUS}
               FROM unnest($5::text[], $6::text[], $7::text[]) AS u("customerId", "cardId", occurrence)`,
    params: [due.map((c) => c.customerId), due.map((c) => c.cardId), due.map((c) => c.week)],
  });
}

/** Finds every due occasion of the merchant's switched-on automations and queues one Delivery per customer and occasion (idempotent). */
export async function runAutomations(orgId: string, now = new Date()): Promise<{ queued: number }> {
  return withTenantTransaction(orgId, async (sql) => {
    const enabled = await sql<{ kind: AutomationKind; settings: unknown }>(
      `SELECT kind, settings FROM "Automation" WHERE "organizationId" = $1 AND enabled ORDER BY kind`,
      [orgId],
    );
    if (enabled.length === 0) return { queued: 0 };
    const winBackFallback = enabled.some((a) => a.kind === "WIN_BACK") ? await suggestedWinBackDaysIn(sql, orgId) : WIN_BACK_MIN_DAYS;
    let queued = 0;
    for (const a of enabled) {
      if (a.kind === "SURVEY") {
        queued += await surveyDeliveries(sql, orgId, now);
        continue;
      }
      const occasions = OCCASIONS[a.kind](settingsOf(a.settings), winBackFallback);
      if (occasions) queued += await insertDeliveries(sql, orgId, now, a.kind, occasions);
    }
    // Sent by the job `messages-send` (lib/messages/send.ts), committed with the deliveries it sends.
    if (queued > 0) await enqueue(QUEUES.messagesSend, { orgId }, orgId, sql);
    return { queued };
  });
}
