// Inzichten › Overzicht: the period's key figures beside the previous period's,
// and the charts under them (docs/insights.md § Overzicht). One function per
// panel, each one transaction through insightsQuery; all arithmetic in SQL.
//
// Visits (Visit: one row per customer per local day with stamps that stand)
// are exact at once, "returning" too: the trigger flags each customer's first
// visit ever (Visit.first), so a customer is new in a period that holds it.
// Days are local dates (Visit.day), instants are UTC (CardEvent/Customer.createdAt).
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { addDays, type Period } from "./period";
import { kept } from "./kept";
import { insightsQuery } from "./query";

/** A figure for the period and for the one before it. */
export type Pair<T = number> = { current: T; previous: T };

export type RewardRedeemed = { programId: string; programName: string; kind: "main" | "intermediate"; reward: string } & Pair;

export type OverviewKpis = {
  newCustomers: Pair;
  activeCustomers: Pair;
  /** Share (0–1) of active customers whose first visit was before the period; null without active customers. */
  returningRate: Pair<number | null>;
  visits: Pair;
  /** Stamps that stand (undone ones subtracted). */
  stamps: Pair;
  rewards: RewardRedeemed[];
  visitsPerCustomer: Pair<number | null>;
  /** The median over customers with 2+ visits of (last day − first day) / (visits − 1); null without such customers. */
  medianDaysBetweenVisits: Pair<number | null>;
  /** Share (0–1) of the period's visits made by regulars: customers with at least `regularVisits` visits in it. */
  regularsShare: Pair<number | null>;
  regularVisits: number;
};

/** A regular comes at least 4 times in 90 days, scaled to the period, and at least twice. */
export const regularVisits = (days: number) => Math.max(2, Math.round((4 * days) / 90));

// One period's visits ([$2, $3)) grouped per customer (a hash aggregate: 38 000
// customers from 82 000 visits at Koffiebar Groot in 30 days), then the
// period's figures from those rows. A customer is returning in the period when
// their first visit ever (Visit.first, kept by the trigger) is not in it.
export const VISIT_KPIS = `
WITH per_customer AS (
  SELECT count(*)::int AS visits, sum(v.stamps)::int AS stamps, max(v.day) - min(v.day) AS span, bool_or(v.first) AS first
    FROM "Visit" v
   WHERE v."organizationId" = $1 AND v.day >= $2::date AND v.day < $3::date
   GROUP BY v."customerId"
)
SELECT count(*)::int AS active,
       coalesce(sum(visits), 0)::int AS visits,
       coalesce(sum(stamps), 0)::int AS stamps,
       count(*) FILTER (WHERE NOT first)::int AS returning,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY span::float8 / (visits - 1)) FILTER (WHERE visits >= 2) AS "medianGap",
       coalesce(sum(visits) FILTER (WHERE visits >= $4), 0)::int AS "regularVisits"
  FROM per_customer`;

const NEW_CUSTOMERS = `
SELECT count(*) FILTER (WHERE "createdAt" >= $3::timestamp)::int AS current,
       count(*) FILTER (WHERE "createdAt" < $3::timestamp)::int AS previous
  FROM "Customer" WHERE "organizationId" = $1 AND "createdAt" >= $2::timestamp AND "createdAt" < $4::timestamp`;

// Redeems that stand: the period's REDEEM events, less those an UNDO took back.
// Undos come seconds after their redeem, so the undos of the same range (and a
// day after) are all there are; they are few, and are subtracted (n = -1)
// rather than looked for behind every redeem (an anti-join of every redeem
// cost twice the rest of the query at Koffiebar Groot). The program is on the
// card. Joining every redeem to all of a merchant's cards costs more than
// counting the redeems (110 000 cards at Koffiebar Groot), so only the cards of
// the other programs ($5) are looked up, by index, and the rest belong to the
// first program ($6), usually the big one.
const REWARDS = `
WITH undone AS MATERIALIZED (
  SELECT "reversesId" AS id FROM "CardEvent"
   WHERE "organizationId" = $1 AND type = 'UNDO' AND "createdAt" >= $2::timestamp AND "createdAt" < $4::timestamp + interval '1 day'
), counted AS (
  SELECT r."cardId", r."rewardDelta", r."createdAt", 1 AS n
    FROM "CardEvent" r
   WHERE r."organizationId" = $1 AND r.type = 'REDEEM' AND r."createdAt" >= $2::timestamp AND r."createdAt" < $4::timestamp
  UNION ALL
  SELECT r."cardId", r."rewardDelta", r."createdAt", -1
    FROM undone u JOIN "CardEvent" r ON r.id = u.id
   WHERE r."organizationId" = $1 AND r.type = 'REDEEM' AND r."createdAt" >= $2::timestamp AND r."createdAt" < $4::timestamp
), other_cards AS (
  SELECT id, "programId" FROM "Card" WHERE "organizationId" = $1 AND "programId" = ANY($5::text[])
), redeemed AS (
  SELECT coalesce(o."programId", $6) AS "programId", r."rewardDelta" < 0 AS main,
         coalesce(sum(r.n) FILTER (WHERE r."createdAt" >= $3::timestamp), 0)::int AS current,
         coalesce(sum(r.n) FILTER (WHERE r."createdAt" < $3::timestamp), 0)::int AS previous
    FROM counted r
    LEFT JOIN other_cards o ON o.id = r."cardId"
   GROUP BY 1, 2
)
SELECT p.id AS "programId", p.name AS "programName", CASE WHEN x.main THEN 'main' ELSE 'intermediate' END AS kind,
       coalesce(CASE WHEN x.main THEN p."rewardText" ELSE p."intermediateRewardText" END, '') AS reward, x.current, x.previous
  FROM redeemed x JOIN "CardProgram" p ON p."organizationId" = $1 AND p.id = x."programId"
 WHERE x.current <> 0 OR x.previous <> 0
 ORDER BY p."createdAt", p.id, x.main DESC`;

const share = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * The key figures of the period and the previous one. Four transactions at
 * once — the period's visits, the previous period's (usually kept by the
 * refresh), the new customers and the redeems (which read the ledger) — so the
 * answer comes when the slowest does.
 */
async function overviewKpisLive(ctx: TenantContext, period: Period): Promise<OverviewKpis> {
  const p = period.previous;
  const threshold = regularVisits(period.days);
  const [cur, prev, newCustomers, rewards] = await Promise.all([
    visitKpis(ctx, period.from, period.to, threshold),
    previousVisitKpis(ctx, p.from, period.from, threshold),
    insightsQuery(ctx, async (sql) => (await sql<Pair>(NEW_CUSTOMERS, [ctx.orgId, iso(p.fromUtc), iso(period.fromUtc), iso(period.toUtc)]))[0]),
    rewardsRedeemed(ctx, period),
  ]);
  const pair = <T>(f: (v: VisitKpis) => T): Pair<T> => ({ current: f(cur), previous: f(prev) });
  return {
    newCustomers,
    activeCustomers: pair((v) => v.active),
    returningRate: pair((v) => share(v.returning, v.active)),
    visits: pair((v) => v.visits),
    stamps: pair((v) => v.stamps),
    visitsPerCustomer: pair((v) => share(v.visits, v.active)),
    medianDaysBetweenVisits: pair((v) => v.medianGap),
    regularsShare: pair((v) => share(v.regularVisits, v.visits)),
    regularVisits: threshold,
    rewards,
  };
}
export const overviewKpis = kept("overview.overviewKpis", overviewKpisLive);

type VisitKpis = { active: number; visits: number; stamps: number; returning: number; medianGap: number | null; regularVisits: number };

/** One period's visit figures: local days [from, to). */
async function visitKpis(ctx: TenantContext, from: string, to: string, threshold: number): Promise<VisitKpis> {
  return insightsQuery(ctx, (sql) => countVisitKpis(sql, ctx.orgId, from, to, threshold));
}

async function countVisitKpis(sql: TenantSql, orgId: string, from: string, to: string, threshold: number): Promise<VisitKpis> {
  return (await sql<VisitKpis>(VISIT_KPIS, [orgId, from, to, threshold]))[0];
}

/**
 * The previous period's visit figures as the hourly refresh keeps them
 * (InsightPeriod: that period is closed), or computed now when the refresh has
 * not run since the day began.
 */
async function previousVisitKpis(ctx: TenantContext, from: string, to: string, threshold: number): Promise<VisitKpis> {
  return insightsQuery(ctx, async (sql) => {
    const [kept] = await sql<VisitKpis>(
      `SELECT active, visits, stamps, "returning", "medianGap", "regularVisits" FROM "InsightPeriod"
        WHERE "organizationId" = $1 AND "from" = $2::date AND "to" = $3::date AND threshold = $4`,
      [ctx.orgId, from, to, threshold],
    );
    return kept ?? countVisitKpis(sql, ctx.orgId, from, to, threshold);
  });
}

/** Rewards redeemed in the period and the previous one, per program, the main and the intermediate reward apart. */
export async function rewardsRedeemed(ctx: TenantContext, period: Period): Promise<RewardRedeemed[]> {
  return insightsQuery(ctx, async (sql) => {
    const programs = await sql<{ id: string }>(`SELECT id FROM "CardProgram" WHERE "organizationId" = $1 ORDER BY "createdAt", id`, [ctx.orgId]);
    if (!programs.length) return [];
    const [first, ...others] = programs.map((p) => p.id);
    return sql<RewardRedeemed>(REWARDS, [ctx.orgId, iso(period.previous.fromUtc), iso(period.fromUtc), iso(period.toUtc), others, first]);
  });
}

export type SeriesPoint = { start: string; visits: number; stamps: number };

/** Visits and stamps per local day (7, 30, 90 days) or per week starting Monday (12 months), zero-filled. */
async function visitsSeriesLive(ctx: TenantContext, period: Period): Promise<{ unit: "day" | "week"; points: SeriesPoint[] }> {
  const unit = period.days > 90 ? "week" : "day";
  const points = await insightsQuery(ctx, (sql) =>
    sql<SeriesPoint>(
      `SELECT b.start::date::text AS start, coalesce(v.visits, 0)::int AS visits, coalesce(v.stamps, 0)::int AS stamps
         FROM generate_series(date_trunc($4::text, $2::date::timestamp), $3::date::timestamp - interval '1 day', ('1 ' || $4::text)::interval) AS b(start)
         LEFT JOIN (SELECT date_trunc($4::text, day::timestamp) AS start, count(*) AS visits, sum(stamps) AS stamps
                      FROM "Visit" WHERE "organizationId" = $1 AND day >= $2::date AND day < $3::date GROUP BY 1) v USING (start)
        ORDER BY b.start`,
      [ctx.orgId, period.from, period.to, unit],
    ),
  );
  return { unit, points };
}
export const visitsSeries = kept("overview.visitsSeries", visitsSeriesLive);

export type SourceCount = { source: AcquisitionSource } & Pair;

/** New customers by where they signed up (every source, zero-filled), this period and the previous. */
async function enrollmentsBySourceLive(ctx: TenantContext, period: Period): Promise<SourceCount[]> {
  return insightsQuery(ctx, (sql) =>
    sql<SourceCount>(
      `SELECT s.source, coalesce(c.current, 0)::int AS current, coalesce(c.previous, 0)::int AS previous
         FROM unnest(enum_range(NULL::"AcquisitionSource")) WITH ORDINALITY AS s(source, n)
         LEFT JOIN (SELECT source, count(*) FILTER (WHERE "createdAt" >= $3::timestamp) AS current, count(*) FILTER (WHERE "createdAt" < $3::timestamp) AS previous
                      FROM "Customer" WHERE "organizationId" = $1 AND "createdAt" >= $2::timestamp AND "createdAt" < $4::timestamp GROUP BY 1) c USING (source)
        ORDER BY s.n`,
      [ctx.orgId, iso(period.previous.fromUtc), iso(period.fromUtc), iso(period.toUtc)],
    ),
  );
}
export const enrollmentsBySource = kept("overview.enrollmentsBySource", enrollmentsBySourceLive);

/** A location or staff member and the stamps they gave; id null: none recorded (dashboard), name null: deleted since. */
export type StampShare = { id: string | null; name: string | null; stamps: number };

/**
 * Stamps that stand in the period by location and by staff member.
 * From Visit, where a day's stamps count for the location and member of its
 * first stamp: on the large seed (30 days) 28 ms, against 190–1000 ms for
 * exact per-event figures from CardEvent (each STAMP checked for an UNDO).
 * A customer stamped by two people on one day is rare at a café counter.
 */
async function stampsByLocationAndStaffLive(ctx: TenantContext, period: Period): Promise<{ locations: StampShare[]; staff: StampShare[] }> {
  const rows = await insightsQuery(ctx, (sql) =>
    sql<StampShare & { staff: boolean }>(
      `SELECT x.staff, x.id, CASE WHEN x.staff THEN coalesce(m."displayName", u.name) ELSE l.name END AS name, x.stamps
         FROM (SELECT GROUPING("locationId") = 1 AS staff, coalesce("locationId", "membershipId") AS id, sum(stamps)::int AS stamps
                 FROM "Visit" WHERE "organizationId" = $1 AND day >= $2::date AND day < $3::date
                GROUP BY GROUPING SETS (("locationId"), ("membershipId"))) x
         LEFT JOIN "Location" l ON NOT x.staff AND l."organizationId" = $1 AND l.id = x.id
         LEFT JOIN "Membership" m ON x.staff AND m."organizationId" = $1 AND m.id = x.id
         LEFT JOIN "User" u ON u.id = m."userId"
        ORDER BY x.stamps DESC, name`,
      [ctx.orgId, period.from, period.to],
    ),
  );
  const pick = (staff: boolean) => rows.filter((r) => r.staff === staff).map(({ id, name, stamps }) => ({ id, name, stamps }));
  return { locations: pick(false), staff: pick(true) };
}
export const stampsByLocationAndStaff = kept("overview.stampsByLocationAndStaff", stampsByLocationAndStaffLive);

/** Visits by local weekday (1 = Monday … 7 = Sunday) and the local hour of the day's first stamp; cells without visits left out. */
async function heatmapLive(ctx: TenantContext, period: Period): Promise<{ weekday: number; hour: number; visits: number }[]> {
  return insightsQuery(ctx, (sql) =>
    sql<{ weekday: number; hour: number; visits: number }>(
      `SELECT extract(isodow FROM day)::int AS weekday, hour::int AS hour, count(*)::int AS visits
         FROM "Visit" WHERE "organizationId" = $1 AND day >= $2::date AND day < $3::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [ctx.orgId, period.from, period.to],
    ),
  );
}
export const heatmap = kept("overview.heatmap", heatmapLive);

/** One cohort: the customers whose first visit was in `month`, and the % of them who came `offset` months later (index = offset). */
export type Cohort = { month: string; customers: number; retention: (number | null)[] };

export const COHORT_MONTHS = 12;

/**
 * The last 12 cohort months (up to this month) from the hourly refresh
 * (InsightCohort): offset 0 is 100%, later offsets the share who came back in
 * that month; months that have not come yet are null.
 */
export async function cohorts(ctx: TenantContext, period: Period): Promise<Cohort[]> {
  const today = addDays(period.to, -1);
  return insightsQuery(ctx, (sql) =>
    sql<Cohort>(
      `SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(base.customers, 0) AS customers,
              array_agg(CASE WHEN m.month + make_interval(months => o.n) > date_trunc('month', $2::date::timestamp) OR base.customers IS NULL THEN NULL
                             ELSE round(100.0 * coalesce(c.customers, 0) / base.customers, 1)::float8 END ORDER BY o.n) AS retention
         FROM generate_series(date_trunc('month', $2::date::timestamp) - make_interval(months => $3::int - 1), date_trunc('month', $2::date::timestamp), interval '1 month') AS m(month)
        CROSS JOIN generate_series(0, $3::int - 1) AS o(n)
         LEFT JOIN "InsightCohort" base ON base."organizationId" = $1 AND base.month = m.month::date AND base."offset" = 0 AND base.customers > 0
         LEFT JOIN "InsightCohort" c ON c."organizationId" = $1 AND c.month = m.month::date AND c."offset" = o.n
        GROUP BY m.month, base.customers
        ORDER BY m.month DESC`,
      [ctx.orgId, today, COHORT_MONTHS],
    ),
  );
}

/** A UTC instant as text for a `timestamp` (UTC) parameter, whatever the process time zone. */
const iso = (at: Date) => at.toISOString();
