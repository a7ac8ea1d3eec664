// Scores every customer of one merchant at once — RFM quintiles need the whole
// merchant — and rewrites the monthly cohorts (docs/insights.md):
//  - RFM: recency (days since the last visit), frequency (visits) and monetary
//    (spend where the merchant records it, stamps otherwise), each 1–5 by
//    percent rank within the merchant: 1 + floor(5 × percent_rank), so equal
//    values share a score and the lowest group scores 1. Segments from R and
//    FM = (F + M) / 2 rounded half up, after the usual RFM grid.
//  - attitude: the latest NPS answer within a year (with the CLI questions: the
//    mean of the three), high from 8.5 (a promoter).
//  - the ladder (new → returning → regular → fan → ambassador, off it: dormant)
//    and the Dick & Basu matrix (attitude × behaviour), with every move since
//    the last refresh kept in LoyaltyChange. New: at most one visit; regular:
//    4 visits in the last 90 days; fan: a regular with high attitude;
//    ambassador: a fan someone signed up through (referredByCustomerId), not
//    counting referrals blocked as farming (Referral BLOCKED, lib/referrals);
//    dormant: no visit for 90 days, or enrolled 90 days ago and never came.
//    Behaviour is high from R 3 and FM 3; without attitude or a visit, no cell.
//  - engagement 0–100: pass in a wallet 40, web card opened in 30 days 20,
//    survey answered in 180 days 20, brought a friend 20.
// Why a refresh and not live: quintiles, rungs and cohorts need all of a
// merchant's visits (1.6 M rows at Koffiebar Groot), too many to read on every
// page view. Visits themselves are exact at once (the Visit trigger), and the
// period views read them live; only these scores lag, by at most an hour: the
// maintenance job refreshes every merchant hourly (refreshDueInsights), and the
// Insights page refreshes a small merchant inline when older than 15 minutes
// and queues a big one (ensureFreshInsights). The refresh writes its own tables
// only, so it never blocks stamping; a stamp during it counts from the next one.
// It rewrites only the scores that changed (most stay from hour to hour):
// rewriting all 100 000 of Koffiebar Groot's cost 1.9 s of a 10 s refresh and
// left as many dead rows for autovacuum every hour.
import { logger } from "@/lib/log/logger";
import { insightsDue } from "@/lib/tenancy/lookups";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { forgetKeptPanels, KEEP_FROM_CUSTOMERS, keepPanels } from "./kept";
import { regularVisits, VISIT_KPIS } from "./overview";
import { localDate, PERIODS, resolvePeriod, type PeriodKey } from "./period";
// Its kept panels register on import, as Overzicht's do above.
import "./staff-signals";

/** Attitude from this (0–10) counts as high: a promoter's 9 or 10, or a CLI mean of 8.5 or more. */
export const HIGH_ATTITUDE = 8.5;
/** A regular comes at least this often in the last 90 days. */
export const REGULAR_VISITS_90 = 4;
/** Without a visit for this many days a customer is dormant (off the ladder). */
export const DORMANT_DAYS = 90;

const score = (column: string) =>
  `CASE WHEN visits > 0 THEN LEAST(5, 1 + floor(5 * percent_rank() OVER (PARTITION BY visits > 0 ORDER BY ${column})))::int ELSE 0 END`;

/** R × FM → segment, after the usual RFM grid (docs/insights.md). */
export const SEGMENT = `CASE
  WHEN r = 0 THEN NULL
  WHEN r <= 2 AND fm <= 2 THEN CASE WHEN r = 1 AND fm = 1 THEN 'LOST' ELSE 'HIBERNATING' END
  WHEN r <= 2 AND fm <= 4 THEN 'AT_RISK'
  WHEN r <= 2 THEN 'CANNOT_LOSE'
  WHEN r = 3 AND fm <= 2 THEN 'ABOUT_TO_SLEEP'
  WHEN r = 3 AND fm = 3 THEN 'NEED_ATTENTION'
  WHEN r <= 4 AND fm >= 4 THEN 'LOYAL'
  WHEN r = 4 AND fm = 1 THEN 'PROMISING'
  WHEN r = 5 AND fm = 1 THEN 'NEW'
  WHEN fm <= 3 THEN 'POTENTIAL_LOYALISTS'
  ELSE 'CHAMPIONS' END`;

const SCORES = `
WITH v AS (
  SELECT "customerId" AS id, count(*)::int AS visits,
         count(*) FILTER (WHERE day > $2::date - ${DORMANT_DAYS})::int AS visits90,
         sum(stamps)::int AS stamps, sum("spendCents")::int AS spend,
         min("firstAt") AS first_at, max("firstAt") AS last_at, max(day) AS last_day
    FROM "Visit" WHERE "organizationId" = $1 GROUP BY 1
), spend_recorded AS (
  SELECT EXISTS (SELECT 1 FROM "Visit" WHERE "organizationId" = $1 AND "spendCents" > 0) AS yes
), attitude AS (
  SELECT DISTINCT ON ("customerId") "customerId" AS id,
         CASE WHEN "comeBack" IS NOT NULL AND "tryOther" IS NOT NULL THEN (score + "comeBack" + "tryOther") / 3.0 ELSE score END AS value
    FROM "SurveyAnswer"
   WHERE "organizationId" = $1 AND kind = 'NPS' AND "createdAt" > $3::timestamp - interval '365 days'
   ORDER BY "customerId", "createdAt" DESC
), surveyed AS (
  SELECT DISTINCT "customerId" AS id FROM "SurveyAnswer" WHERE "organizationId" = $1 AND "createdAt" > $3::timestamp - interval '180 days'
), wallet AS (
  SELECT "customerId" AS id, bool_or("appleInstalls" > 0 OR "googleInstalled") AS installed,
         bool_or("webOpenedAt" > $3::timestamp - interval '30 days') AS opened
    FROM "Card" WHERE "organizationId" = $1 AND "erasedAt" IS NULL GROUP BY 1
), referred AS (
  -- Friends who came through the customer, except referrals blocked as farming (lib/referrals):
  -- PENDING and REWARDED Referral rows, and links from before referrals had rows (imports, seeds).
  SELECT c."referredByCustomerId" AS id, count(*)::int AS friends
    FROM "Customer" c WHERE c."organizationId" = $1 AND c."referredByCustomerId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Referral" r WHERE r."organizationId" = c."organizationId" AND r."friendCustomerId" = c.id AND r.status = 'BLOCKED')
   GROUP BY 1
), redeemed AS (
  SELECT DISTINCT ON (k."customerId") k."customerId" AS id, e."createdAt" AS at, k."programId" AS program
    FROM "CardEvent" e JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
   WHERE e."organizationId" = $1 AND e.type = 'REDEEM' AND NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)
   ORDER BY k."customerId", e."createdAt" DESC
), base AS (
  SELECT c.id, c."createdAt" AS joined, coalesce(v.visits, 0) AS visits, coalesce(v.visits90, 0) AS visits90,
         coalesce(v.stamps, 0) AS stamps, coalesce(v.spend, 0) AS spend, v.first_at, v.last_at, v.last_day,
         CASE WHEN (SELECT yes FROM spend_recorded) THEN coalesce(v.spend, 0) ELSE coalesce(v.stamps, 0) END AS money,
         a.value AS attitude, coalesce(w.installed, false) AS installed, coalesce(w.opened, false) AS opened,
         s.id IS NOT NULL AS surveyed, coalesce(rf.friends, 0) AS friends, rd.at AS redeem_at, rd.program AS redeem_program
    FROM "Customer" c
    LEFT JOIN v ON v.id = c.id
    LEFT JOIN attitude a ON a.id = c.id
    LEFT JOIN surveyed s ON s.id = c.id
    LEFT JOIN wallet w ON w.id = c.id
    LEFT JOIN referred rf ON rf.id = c.id
    LEFT JOIN redeemed rd ON rd.id = c.id
   WHERE c."organizationId" = $1
), rfm AS (
  SELECT base.*, ${score("last_day")} AS r, ${score("visits")} AS f, ${score("money")} AS m FROM base
), graded AS (
  SELECT rfm.*, (f + m + 1) / 2 AS fm,
         CASE
           WHEN (visits = 0 AND joined <= $3::timestamp - interval '${DORMANT_DAYS} days') OR last_day <= $2::date - ${DORMANT_DAYS} THEN 'DORMANT'
           WHEN visits <= 1 THEN 'NEW'
           WHEN visits90 < ${REGULAR_VISITS_90} THEN 'RETURNING'
           WHEN coalesce(attitude, 0) < ${HIGH_ATTITUDE} THEN 'REGULAR'
           WHEN friends = 0 THEN 'FAN'
           ELSE 'AMBASSADOR' END AS rung
    FROM rfm
), final AS (
  SELECT graded.*, (${SEGMENT})::"RfmSegment" AS segment,
         CASE WHEN attitude IS NULL OR visits = 0 THEN NULL
              WHEN attitude >= ${HIGH_ATTITUDE} AND r >= 3 AND fm >= 3 THEN 'TRUE_LOYALTY'
              WHEN attitude >= ${HIGH_ATTITUDE} THEN 'LATENT'
              WHEN r >= 3 AND fm >= 3 THEN 'SPURIOUS'
              ELSE 'NONE' END::"LoyaltyCell" AS cell,
         (40 * installed::int + 20 * opened::int + 20 * surveyed::int + 20 * (friends > 0)::int) AS engagement
    FROM graded
), old AS (
  SELECT "customerId" AS id, rung, cell FROM "CustomerScore" WHERE "organizationId" = $1
), moved AS (
  INSERT INTO "LoyaltyChange" (id, "organizationId", "customerId", "fromRung", "toRung", "fromCell", "toCell", at)
  SELECT gen_random_uuid()::text, $1, f.id, o.rung, f.rung::"LoyaltyRung", o.cell, f.cell, $3::timestamp
    FROM final f JOIN old o ON o.id = f.id
   WHERE o.rung IS DISTINCT FROM f.rung::"LoyaltyRung" OR o.cell IS DISTINCT FROM f.cell
  RETURNING 1
)
INSERT INTO "CustomerScore" AS s ("organizationId", "customerId", visits, visits90, stamps, "spendCents", "firstVisitAt", "lastVisitAt",
                             recency, frequency, monetary, segment, attitude, engagement, rung, cell, "lastRedeemAt", "lastRedeemProgramId", "computedAt")
SELECT $1, id, visits, visits90, stamps, spend, first_at, last_at, r, f, m, segment, attitude, engagement, rung::"LoyaltyRung", cell,
       redeem_at, redeem_program, $3::timestamp
  FROM final
ON CONFLICT ("organizationId", "customerId") DO UPDATE SET
  visits = excluded.visits, visits90 = excluded.visits90, stamps = excluded.stamps, "spendCents" = excluded."spendCents",
  "firstVisitAt" = excluded."firstVisitAt", "lastVisitAt" = excluded."lastVisitAt", recency = excluded.recency,
  frequency = excluded.frequency, monetary = excluded.monetary, segment = excluded.segment, attitude = excluded.attitude,
  engagement = excluded.engagement, rung = excluded.rung, cell = excluded.cell, "lastRedeemAt" = excluded."lastRedeemAt",
  "lastRedeemProgramId" = excluded."lastRedeemProgramId", "computedAt" = excluded."computedAt"
WHERE (s.visits, s.visits90, s.stamps, s."spendCents", s."firstVisitAt", s."lastVisitAt", s.recency, s.frequency, s.monetary,
       s.segment, s.attitude, s.engagement, s.rung, s.cell, s."lastRedeemAt", s."lastRedeemProgramId")
  IS DISTINCT FROM (excluded.visits, excluded.visits90, excluded.stamps, excluded."spendCents", excluded."firstVisitAt",
       excluded."lastVisitAt", excluded.recency, excluded.frequency, excluded.monetary, excluded.segment, excluded.attitude,
       excluded.engagement, excluded.rung, excluded.cell, excluded."lastRedeemAt", excluded."lastRedeemProgramId")`;

// Of the customers whose first visit was in a month (the last 24 months), how
// many came in each later month.
const COHORTS = `
INSERT INTO "InsightCohort" ("organizationId", month, "offset", customers)
SELECT $1, f.cohort, (12 * (extract(year FROM m.month) - extract(year FROM f.cohort)) + extract(month FROM m.month) - extract(month FROM f.cohort))::int,
       count(*)::int
  FROM (SELECT "customerId", date_trunc('month', min(day))::date AS cohort FROM "Visit" WHERE "organizationId" = $1 GROUP BY 1) f
  JOIN (SELECT DISTINCT "customerId", date_trunc('month', day)::date AS month FROM "Visit" WHERE "organizationId" = $1) m USING ("customerId")
 WHERE f.cohort >= date_trunc('month', $2::date) - interval '23 months'
 GROUP BY 2, 3`;

// The previous period of each period length, as Kerncijfers compare with it
// today: its visit figures, computed as the panel computes the current period's.
const PREVIOUS_PERIOD = `
INSERT INTO "InsightPeriod" ("organizationId", "from", "to", threshold, active, visits, stamps, "returning", "medianGap", "regularVisits")
SELECT $1, $2::date, $3::date, $4, k.* FROM (${VISIT_KPIS}) k`;

/**
 * Recomputes one merchant's scores, moves, cohorts and previous periods (one
 * transaction), then keeps a big merchant's period panels (kept.ts; `keep`
 * decides for a test).
 */
export async function refreshInsights(
  orgId: string,
  now = new Date(),
  options: { keep?: boolean } = {},
): Promise<{ customers: number; panels: number; ms: number }> {
  const t0 = Date.now();
  const scored = await withTenantTransaction(orgId, async (sql) => {
    const [org] = await sql<{ timezone: string; closed: boolean }>(`SELECT timezone, "deletedAt" IS NOT NULL AS closed FROM "Organization" WHERE id = $1`, [
      orgId,
    ]);
    // A closed business keeps its ledger, not its insights (lib/organizations/deletion.ts).
    if (!org || org.closed) return null;
    return { customers: await refreshIn(sql, orgId, org.timezone, now), timezone: org.timezone };
  });
  if (!scored) return { customers: 0, panels: 0, ms: Date.now() - t0 };
  try {
    const panels = await keepPanels(orgId, scored.timezone, now, options.keep ?? scored.customers > KEEP_FROM_CUSTOMERS);
    return { customers: scored.customers, panels, ms: Date.now() - t0 };
  } catch (e) {
    await forgetKeptPanels(orgId);
    throw e;
  }
}

async function refreshIn(sql: TenantSql, orgId: string, timezone: string, now: Date): Promise<number> {
  const today = localDate(now, timezone);
  // Sorting 100 000 customers three times wants more than the default 4 MB.
  await sql("SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)");
  // One refresh per merchant at a time (the hourly job and a click on "Nu bijwerken").
  await sql(`SELECT pg_advisory_xact_lock(hashtext('insights:' || $1))`, [orgId]);
  // Instants as UTC text: node-postgres would send a Date in the process's own
  // zone, which a TIMESTAMP (UTC, without zone) parameter silently drops.
  const at = now.toISOString();
  const params = [orgId, today, at];
  await sql(SCORES, params);
  await sql(`DELETE FROM "InsightCohort" WHERE "organizationId" = $1`, [orgId]);
  await sql(COHORTS, [orgId, today]);
  // A previous period is over: taps reach back at most 24 hours and undos an hour, and
  // erasing or merging customers adds events without touching visits, so its figures stay.
  // Recomputed hourly all the same (0.6 s of Koffiebar Groot's 9–11 s), so a deploy that
  // changes how they are counted shows within the hour.
  await sql(`DELETE FROM "InsightPeriod" WHERE "organizationId" = $1`, [orgId]);
  for (const key of Object.keys(PERIODS) as PeriodKey[]) {
    const p = resolvePeriod(key, timezone, now);
    await sql(PREVIOUS_PERIOD, [orgId, p.previous.from, p.from, regularVisits(p.days)]);
  }
  await sql(`UPDATE "Organization" SET "insightsRefreshedAt" = $2::timestamp WHERE id = $1`, [orgId, at]);
  const [r] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "CustomerScore" WHERE "organizationId" = $1`, [orgId]);
  return r.n;
}

/** The maintenance job: every merchant not refreshed within the hour. One that fails does not hold up the rest; the job then fails (and is retried). */
export async function refreshDueInsights(now = new Date()): Promise<{ merchants: number }> {
  const due = await insightsDue(new Date(now.getTime() - 55 * 60_000));
  const failed: string[] = [];
  for (const { orgId } of due) {
    try {
      await refreshInsights(orgId, now);
    } catch (e) {
      logger.error({ orgId, error: (e as Error).message }, "insights refresh failed");
      failed.push(orgId);
    }
  }
  if (failed.length) throw new Error(`insights refresh failed for ${failed.length} of ${due.length} merchants`);
  return { merchants: due.length };
}
