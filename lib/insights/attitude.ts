// Inzichten → Tevredenheid: what customers say (SurveyAnswer, written by the
// surveys on their phone). One exported function per panel, each one statement
// through insightsQuery (docs/insights.md "Tevredenheid"):
//  - NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100; passives
//    (7–8) count in the total only. Each customer counts once per period: their
//    latest NPS answer in it (someone asked twice should not weigh double).
//  - CLI = the mean of "recommend", "come back" and "try something else"
//    (0–10), over those same latest answers that have all three.
//  - Satisfaction 1–5: every answer in the period (asked at most weekly, so a
//    customer who comes often says more about more visits).
//  - By location and by staff member: groups with fewer than MIN_GROUP_ANSWERS
//    answers get no number at all (too few to mean anything, and a single
//    answer should not point at one customer or one barista).
import type { SurveyKind } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { addDays, localMidnight, type Period } from "./period";
import { insightsQuery } from "./query";

/** Below this many answers a location or staff member shows "te weinig antwoorden": one or two answers swing the number wildly and can be traced to a person. */
export const MIN_GROUP_ANSWERS = 5;
/** Comments shown, newest first. */
export const COMMENTS_SHOWN = 20;
/** Months in the NPS trend, this month included. */
export const TREND_MONTHS = 12;

export type NpsStats = {
  /** Customers counted (their latest NPS answer in the period). */
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…100, null without answers. */
  nps: number | null;
  /** 0–10, null when no counted answer has the CLI questions. */
  cli: number | null;
  cliResponses: number;
};

export type SatisfactionStats = {
  responses: number;
  /** 1–5, null without answers. */
  average: number | null;
  /** Answers with 1, 2, 3, 4 and 5 stars. */
  distribution: [number, number, number, number, number];
};

export type AttitudeGroup = {
  /** Location or membership id; null: answers without one. */
  id: string | null;
  name: string | null;
  npsResponses: number;
  /** Null when fewer than MIN_GROUP_ANSWERS (also null: satisfaction). */
  nps: number | null;
  satisfactionResponses: number;
  satisfaction: number | null;
};

export type SurveyComment = {
  id: string;
  at: Date;
  kind: SurveyKind;
  score: number;
  comment: string;
  location: string | null;
  customerId: string;
  customerName: string;
};

/** Timestamps are UTC in `timestamp` columns: an ISO string cast to timestamp keeps that, whatever the process time zone. */
const utc = (d: Date) => d.toISOString();

/**
 * Each customer's latest NPS answer with createdAt in [$2, $3) — the answers
 * NPS and CLI count. Ids sort with COLLATE "C" (byte order): any fixed order
 * will do, and it is several times cheaper than the database's collation.
 */
const LATEST_NPS = `
  SELECT DISTINCT ON ("customerId" COLLATE "C") "customerId", score, "comeBack", "tryOther", "locationId", "membershipId"
    FROM "SurveyAnswer"
   WHERE "organizationId" = $1 AND kind = 'NPS' AND "createdAt" >= $2::timestamp AND "createdAt" < $3::timestamp
   ORDER BY "customerId" COLLATE "C", "createdAt" DESC, id COLLATE "C" DESC`;

/** NPS columns over a set of answers `a` (score 0–10). */
const NPS_COLUMNS = `
  count(*)::int AS responses,
  count(*) FILTER (WHERE a.score >= 9)::int AS promoters,
  count(*) FILTER (WHERE a.score BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE a.score <= 6)::int AS detractors,
  (100.0 * (count(*) FILTER (WHERE a.score >= 9) - count(*) FILTER (WHERE a.score <= 6)) / nullif(count(*), 0))::float8 AS nps,
  (avg((a.score + a."comeBack" + a."tryOther") / 3.0) FILTER (WHERE a."comeBack" IS NOT NULL AND a."tryOther" IS NOT NULL))::float8 AS cli,
  count(*) FILTER (WHERE a."comeBack" IS NOT NULL AND a."tryOther" IS NOT NULL)::int AS "cliResponses"`;

async function npsIn(sql: TenantSql, orgId: string, from: Date, to: Date): Promise<NpsStats> {
  const [row] = await sql<NpsStats>(`SELECT ${NPS_COLUMNS} FROM (${LATEST_NPS}) a`, [orgId, utc(from), utc(to)]);
  return row;
}

/** Does this merchant ask anything yet, and has anyone answered? (the empty state) */
export async function surveySetup(ctx: TenantContext): Promise<{ asking: boolean; answered: boolean }> {
  return insightsQuery(ctx, async (sql) => {
    const [row] = await sql<{ asking: boolean; answered: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "CardProgram" WHERE "organizationId" = $1 AND ("surveySatisfaction" OR "surveyNps")) AS asking,
              EXISTS (SELECT 1 FROM "SurveyAnswer" WHERE "organizationId" = $1) AS answered`,
      [ctx.orgId],
    );
    return row;
  });
}

/** NPS and CLI for the period and the one before. */
export async function npsSummary(ctx: TenantContext, period: Period): Promise<{ current: NpsStats; previous: NpsStats }> {
  return insightsQuery(ctx, async (sql) => ({
    current: await npsIn(sql, ctx.orgId, period.fromUtc, period.toUtc),
    previous: await npsIn(sql, ctx.orgId, period.previous.fromUtc, period.previous.toUtc),
  }));
}

/** Average satisfaction (1–5) with its distribution, for the period and the one before. */
export async function satisfactionSummary(ctx: TenantContext, period: Period): Promise<{ current: SatisfactionStats; previous: SatisfactionStats }> {
  return insightsQuery(ctx, async (sql) => {
    const rows = await sql<{ current: boolean; responses: number; average: number | null; d: number[] }>(
      `SELECT "createdAt" >= $3::timestamp AS current, count(*)::int AS responses, avg(score)::float8 AS average,
              ARRAY[count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2), count(*) FILTER (WHERE score = 3),
                    count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5)]::int[] AS d
         FROM "SurveyAnswer"
        WHERE "organizationId" = $1 AND kind = 'SATISFACTION' AND "createdAt" >= $2::timestamp AND "createdAt" < $4::timestamp
        GROUP BY 1`,
      [ctx.orgId, utc(period.previous.fromUtc), utc(period.fromUtc), utc(period.toUtc)],
    );
    const of = (current: boolean): SatisfactionStats => {
      const r = rows.find((x) => x.current === current);
      return r
        ? { responses: r.responses, average: r.average, distribution: r.d as SatisfactionStats["distribution"] }
        : { responses: 0, average: null, distribution: [0, 0, 0, 0, 0] };
    };
    return { current: of(true), previous: of(false) };
  });
}

/** NPS per calendar month (merchant's time zone) for the last TREND_MONTHS months: each customer's latest answer in a month counts. */
export async function npsTrend(ctx: TenantContext, period: Period): Promise<{ month: string; responses: number; nps: number | null }[]> {
  const today = addDays(period.to, -1);
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  const months = Array.from({ length: TREND_MONTHS }, (_, i) =>
    new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - (TREND_MONTHS - 1 - i), 1)).toISOString().slice(0, 7),
  );
  // Where each month starts, as an instant: width_bucket puts an answer in its month without time zone arithmetic per row.
  const starts = months.map((m) => utc(localMidnight(`${m}-01`, period.timezone)));
  const rows = await insightsQuery(ctx, (sql) =>
    sql<{ i: number; responses: number; nps: number | null }>(
      `SELECT a.i, ${NPS_COLUMNS}
         FROM (SELECT DISTINCT ON (i, "customerId" COLLATE "C") i, score, "comeBack", "tryOther"
                 FROM (SELECT width_bucket("createdAt", $4::timestamp[]) AS i, "customerId", score, "comeBack", "tryOther", "createdAt", id
                         FROM "SurveyAnswer"
                        WHERE "organizationId" = $1 AND kind = 'NPS' AND "createdAt" >= $2::timestamp AND "createdAt" < $3::timestamp) m
                ORDER BY i, "customerId" COLLATE "C", "createdAt" DESC, id COLLATE "C" DESC) a
        GROUP BY a.i`,
      [ctx.orgId, starts[0], utc(period.toUtc), starts],
    ),
  );
  const byMonth = new Map(rows.map((r) => [months[r.i - 1], r]));
  return months.map((month) => ({ month, responses: byMonth.get(month)?.responses ?? 0, nps: byMonth.get(month)?.nps ?? null }));
}

/**
 * NPS (each customer's latest answer, grouped where it was given) and
 * satisfaction (every answer) per location or staff member in the period.
 * A group below MIN_GROUP_ANSWERS gets its count but no number.
 */
async function attitudeBy(ctx: TenantContext, period: Period, by: "locationId" | "membershipId"): Promise<AttitudeGroup[]> {
  const name =
    by === "locationId"
      ? `(SELECT l.name FROM "Location" l WHERE l."organizationId" = $1 AND l.id = g.id)`
      : `(SELECT coalesce(m."displayName", u.name) FROM "Membership" m LEFT JOIN "User" u ON u.id = m."userId" WHERE m."organizationId" = $1 AND m.id = g.id)`;
  return insightsQuery(ctx, (sql) =>
    sql<AttitudeGroup>(
      `WITH nps AS (
         SELECT a."${by}" AS id, count(*)::int AS n,
                (100.0 * (count(*) FILTER (WHERE a.score >= 9) - count(*) FILTER (WHERE a.score <= 6)) / count(*))::float8 AS value
           FROM (${LATEST_NPS}) a GROUP BY 1
       ), sat AS (
         SELECT "${by}" AS id, count(*)::int AS n, avg(score)::float8 AS value
           FROM "SurveyAnswer"
          WHERE "organizationId" = $1 AND kind = 'SATISFACTION' AND "createdAt" >= $2::timestamp AND "createdAt" < $3::timestamp
          GROUP BY 1
       ), g AS (
         SELECT id, sum(nps_n)::int AS "npsResponses", sum(sat_n)::int AS "satisfactionResponses",
                max(CASE WHEN nps_n >= ${MIN_GROUP_ANSWERS} THEN nps END) AS nps,
                max(CASE WHEN sat_n >= ${MIN_GROUP_ANSWERS} THEN sat END) AS satisfaction
           FROM (SELECT id, n AS nps_n, value AS nps, 0 AS sat_n, NULL::float8 AS sat FROM nps
                 UNION ALL
                 SELECT id, 0, NULL, n, value FROM sat) x
          GROUP BY id
       )
       SELECT g.*, ${name} AS name FROM g ORDER BY g."npsResponses" + g."satisfactionResponses" DESC, name`,
      [ctx.orgId, utc(period.fromUtc), utc(period.toUtc)],
    ),
  );
}

/** NPS and satisfaction per location (where the customer last visited when they answered). */
export const attitudeByLocation = (ctx: TenantContext, period: Period) => attitudeBy(ctx, period, "locationId");

/** NPS and satisfaction per staff member who served the customer's last visit before the answer. */
export const attitudeByStaff = (ctx: TenantContext, period: Period) => attitudeBy(ctx, period, "membershipId");

/** The newest comments in the period (COMMENTS_SHOWN), with the score, where, and who wrote it. */
export async function latestComments(ctx: TenantContext, period: Period): Promise<SurveyComment[]> {
  return insightsQuery(ctx, (sql) =>
    sql<SurveyComment>(
      `SELECT s.id, s."createdAt" AS at, s.kind, s.score, s.comment, l.name AS location, s."customerId", c.name AS "customerName"
         FROM "SurveyAnswer" s
         JOIN "Customer" c ON c."organizationId" = s."organizationId" AND c.id = s."customerId"
         LEFT JOIN "Location" l ON l."organizationId" = s."organizationId" AND l.id = s."locationId"
        WHERE s."organizationId" = $1 AND s."createdAt" >= $2::timestamp AND s."createdAt" < $3::timestamp
          AND s.comment IS NOT NULL AND btrim(s.comment) <> ''
        ORDER BY s."createdAt" DESC, s.id DESC
        LIMIT ${COMMENTS_SHOWN}`,
      [ctx.orgId, utc(period.fromUtc), utc(period.toUtc)],
    ),
  );
}
