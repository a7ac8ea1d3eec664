-- Insights (issue 14, docs/insights.md): visits kept by the database, customer scores,
-- loyalty moves, cohorts and survey answers. Prisma's migration runner splits on every
-- semicolon, so function bodies spell it \073 and no comment here has one.

-- CreateEnum
CREATE TYPE "RfmSegment" AS ENUM ('CHAMPIONS', 'LOYAL', 'POTENTIAL_LOYALISTS', 'NEW', 'PROMISING', 'NEED_ATTENTION', 'ABOUT_TO_SLEEP', 'AT_RISK', 'CANNOT_LOSE', 'HIBERNATING', 'LOST');

-- CreateEnum
CREATE TYPE "LoyaltyRung" AS ENUM ('NEW', 'RETURNING', 'REGULAR', 'FAN', 'AMBASSADOR', 'DORMANT');

-- CreateEnum
CREATE TYPE "LoyaltyCell" AS ENUM ('TRUE_LOYALTY', 'LATENT', 'SPURIOUS', 'NONE');

-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('SATISFACTION', 'NPS');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "insightsRefreshedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CardProgram" ADD COLUMN     "surveyCli" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "surveyNps" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "surveyNpsAfterVisits" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "surveyNpsEveryDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "surveySatisfaction" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "webOpenedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Visit" (
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "hour" SMALLINT NOT NULL,
    "locationId" TEXT,
    "membershipId" TEXT,
    "stamps" INTEGER NOT NULL,
    "spendCents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("organizationId","customerId","day")
);

-- CreateTable
CREATE TABLE "CustomerScore" (
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "visits" INTEGER NOT NULL,
    "visits90" INTEGER NOT NULL,
    "stamps" INTEGER NOT NULL,
    "spendCents" INTEGER NOT NULL,
    "firstVisitAt" TIMESTAMP(3),
    "lastVisitAt" TIMESTAMP(3),
    "recency" SMALLINT NOT NULL,
    "frequency" SMALLINT NOT NULL,
    "monetary" SMALLINT NOT NULL,
    "segment" "RfmSegment",
    "attitude" DOUBLE PRECISION,
    "engagement" SMALLINT NOT NULL,
    "rung" "LoyaltyRung" NOT NULL,
    "cell" "LoyaltyCell",
    "lastRedeemAt" TIMESTAMP(3),
    "lastRedeemProgramId" TEXT,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("organizationId","customerId")
);

-- CreateTable
CREATE TABLE "LoyaltyChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "fromRung" "LoyaltyRung" NOT NULL,
    "toRung" "LoyaltyRung" NOT NULL,
    "fromCell" "LoyaltyCell",
    "toCell" "LoyaltyCell",
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoyaltyChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsightCohort" (
    "organizationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "offset" INTEGER NOT NULL,
    "customers" INTEGER NOT NULL,

    CONSTRAINT "InsightCohort_pkey" PRIMARY KEY ("organizationId","month","offset")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "score" INTEGER NOT NULL,
    "comeBack" INTEGER,
    "tryOther" INTEGER,
    "comment" TEXT,
    "locationId" TEXT,
    "membershipId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Visit_organizationId_day_idx" ON "Visit"("organizationId", "day");

-- CreateIndex
CREATE INDEX "CustomerScore_organizationId_segment_idx" ON "CustomerScore"("organizationId", "segment");

-- CreateIndex
CREATE INDEX "CustomerScore_organizationId_rung_idx" ON "CustomerScore"("organizationId", "rung");

-- CreateIndex
CREATE INDEX "CustomerScore_organizationId_cell_idx" ON "CustomerScore"("organizationId", "cell");

-- CreateIndex
CREATE INDEX "LoyaltyChange_organizationId_at_idx" ON "LoyaltyChange"("organizationId", "at");

-- CreateIndex
CREATE INDEX "LoyaltyChange_organizationId_customerId_at_idx" ON "LoyaltyChange"("organizationId", "customerId", "at");

-- CreateIndex
CREATE INDEX "SurveyAnswer_organizationId_createdAt_idx" ON "SurveyAnswer"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "SurveyAnswer_organizationId_customerId_kind_createdAt_idx" ON "SurveyAnswer"("organizationId", "customerId", "kind", "createdAt");

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoyaltyChange" ADD CONSTRAINT "LoyaltyChange_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoyaltyChange" ADD CONSTRAINT "LoyaltyChange_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsightCohort" ADD CONSTRAINT "InsightCohort_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Answers in range: satisfaction 1–5 alone, NPS and the CLI questions 0–10.
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_scores" CHECK (
  ("kind" = 'SATISFACTION' AND "score" BETWEEN 1 AND 5 AND "comeBack" IS NULL AND "tryOther" IS NULL)
  OR ("kind" = 'NPS' AND "score" BETWEEN 0 AND 10 AND ("comeBack" IS NULL OR "comeBack" BETWEEN 0 AND 10) AND ("tryOther" IS NULL OR "tryOther" BETWEEN 0 AND 10)));
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_comment_length" CHECK (char_length("comment") <= 1000);
ALTER TABLE "CardProgram" ADD CONSTRAINT "CardProgram_survey_settings" CHECK ("surveyNpsAfterVisits" BETWEEN 1 AND 100 AND "surveyNpsEveryDays" BETWEEN 7 AND 730);
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_hour" CHECK ("hour" BETWEEN 0 AND 23);

-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "Visit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Visit" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Visit_tenant" ON "Visit" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "CustomerScore" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CustomerScore" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CustomerScore_tenant" ON "CustomerScore" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "LoyaltyChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LoyaltyChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY "LoyaltyChange_tenant" ON "LoyaltyChange" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "InsightCohort" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InsightCohort" FORCE ROW LEVEL SECURITY;
CREATE POLICY "InsightCohort_tenant" ON "InsightCohort" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "SurveyAnswer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SurveyAnswer" FORCE ROW LEVEL SECURITY;
CREATE POLICY "SurveyAnswer_tenant" ON "SurveyAnswer" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- Visits follow the ledger in the ledger's own transaction: after each INSERT
-- statement on CardEvent, its STAMP rows add to their customer's local day and
-- its UNDO rows of a stamp take that stamp off the day it was given. A day
-- left without stamps is no visit and goes. The day's first stamp names the
-- visit's hour, location and staff member (a tablet member, or the member of a
-- signed-in user). Set-based, so a seed's million-row INSERT is one pass, and
-- in day order, so a period's visits sit together on disk as they do when they
-- arrive day by day. Runs as the caller: row-level security holds for Visit as
-- for the events.
CREATE FUNCTION "Visit_from_events"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  gone_org text[]\073
  gone_customer text[]\073
  gone_day date[]\073
BEGIN
  WITH ev AS (
    SELECT e."organizationId" AS org, k."customerId" AS customer, o.timezone AS tz,
           coalesce(r."createdAt", e."createdAt") AS at,
           CASE WHEN e.type = ''STAMP'' THEN e.amount ELSE -r.amount END AS stamps,
           CASE WHEN e.type = ''STAMP'' THEN coalesce(e."spendCents", 0) ELSE -coalesce(r."spendCents", 0) END AS spend,
           e."locationId" AS location, coalesce(e."actorMembershipId", m.id) AS membership
      FROM new_events e
      JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
      JOIN "Organization" o ON o.id = e."organizationId"
      LEFT JOIN "CardEvent" r ON e.type = ''UNDO'' AND r."organizationId" = e."organizationId" AND r.id = e."reversesId" AND r.type = ''STAMP''
      LEFT JOIN "Membership" m ON e."actorMembershipId" IS NULL AND m."organizationId" = e."organizationId" AND m."userId" = e."actorUserId"
     WHERE e.type = ''STAMP'' OR r.id IS NOT NULL
  ), agg AS (
    SELECT org, customer, ((at AT TIME ZONE ''UTC'') AT TIME ZONE tz)::date AS day, min(tz) AS tz,
           sum(stamps)::int AS stamps, sum(spend)::int AS spend,
           (array_agg(at ORDER BY stamps <= 0, at))[1] AS first_at,
           (array_agg(location ORDER BY stamps <= 0, at))[1] AS location,
           (array_agg(membership ORDER BY stamps <= 0, at))[1] AS membership
      FROM ev GROUP BY 1, 2, 3
  ), up AS (
    INSERT INTO "Visit" AS v ("organizationId", "customerId", day, "firstAt", hour, "locationId", "membershipId", stamps, "spendCents")
    SELECT org, customer, day, first_at, extract(hour FROM (first_at AT TIME ZONE ''UTC'') AT TIME ZONE tz)::smallint,
           location, membership, stamps, spend
      FROM agg ORDER BY day
    ON CONFLICT ("organizationId", "customerId", day) DO UPDATE SET
      stamps = v.stamps + excluded.stamps,
      "spendCents" = v."spendCents" + excluded."spendCents",
      "firstAt" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."firstAt" ELSE v."firstAt" END,
      hour = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded.hour ELSE v.hour END,
      "locationId" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."locationId" ELSE v."locationId" END,
      "membershipId" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."membershipId" ELSE v."membershipId" END
    RETURNING v."organizationId", v."customerId", v.day, v.stamps
  )
  SELECT array_agg(up."organizationId"), array_agg(up."customerId"), array_agg(up.day)
    INTO gone_org, gone_customer, gone_day FROM up WHERE up.stamps <= 0\073
  IF gone_org IS NOT NULL THEN
    DELETE FROM "Visit" v USING unnest(gone_org, gone_customer, gone_day) AS g(org, customer, day)
     WHERE v."organizationId" = g.org AND v."customerId" = g.customer AND v.day = g.day AND v.stamps <= 0\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "CardEvent_visits" AFTER INSERT ON "CardEvent" REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION "Visit_from_events"();

-- The visits of the ledger so far. Migrations run as the tables' owner, whom
-- FORCEd row-level security holds too: the backfill reads and writes through
-- policies that exist only for the owner and only during this migration.
CREATE POLICY "CardEvent_visit_backfill" ON "CardEvent" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "Card_visit_backfill" ON "Card" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "Organization_visit_backfill" ON "Organization" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "Membership_visit_backfill" ON "Membership" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "Visit_backfill" ON "Visit" TO CURRENT_USER USING (true) WITH CHECK (true);
INSERT INTO "Visit" ("organizationId", "customerId", day, "firstAt", hour, "locationId", "membershipId", stamps, "spendCents")
SELECT org, customer, day, first_at, extract(hour FROM (first_at AT TIME ZONE 'UTC') AT TIME ZONE tz)::smallint, location, membership, stamps, spend
  FROM (SELECT org, customer, ((at AT TIME ZONE 'UTC') AT TIME ZONE tz)::date AS day, min(tz) AS tz,
               sum(stamps)::int AS stamps, sum(spend)::int AS spend,
               (array_agg(at ORDER BY stamps <= 0, at))[1] AS first_at,
               (array_agg(location ORDER BY stamps <= 0, at))[1] AS location,
               (array_agg(membership ORDER BY stamps <= 0, at))[1] AS membership
          FROM (SELECT e."organizationId" AS org, k."customerId" AS customer, o.timezone AS tz,
                       coalesce(r."createdAt", e."createdAt") AS at,
                       CASE WHEN e.type = 'STAMP' THEN e.amount ELSE -r.amount END AS stamps,
                       CASE WHEN e.type = 'STAMP' THEN coalesce(e."spendCents", 0) ELSE -coalesce(r."spendCents", 0) END AS spend,
                       e."locationId" AS location, coalesce(e."actorMembershipId", m.id) AS membership
                  FROM "CardEvent" e
                  JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
                  JOIN "Organization" o ON o.id = e."organizationId"
                  LEFT JOIN "CardEvent" r ON e.type = 'UNDO' AND r."organizationId" = e."organizationId" AND r.id = e."reversesId" AND r.type = 'STAMP'
                  LEFT JOIN "Membership" m ON e."actorMembershipId" IS NULL AND m."organizationId" = e."organizationId" AND m."userId" = e."actorUserId"
                 WHERE e.type = 'STAMP' OR r.id IS NOT NULL) ev
         GROUP BY 1, 2, 3) agg
 WHERE stamps > 0
 ORDER BY day;
DROP POLICY "CardEvent_visit_backfill" ON "CardEvent";
DROP POLICY "Card_visit_backfill" ON "Card";
DROP POLICY "Organization_visit_backfill" ON "Organization";
DROP POLICY "Membership_visit_backfill" ON "Membership";
DROP POLICY "Visit_backfill" ON "Visit";

-- The maintenance job's work list: merchants whose insights were last refreshed before p_before.
CREATE FUNCTION lookup_insights_due(p_before timestamp) RETURNS TABLE(org_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT id FROM "Organization" WHERE "insightsRefreshedAt" IS NULL OR "insightsRefreshedAt" < p_before ORDER BY id';
ALTER FUNCTION lookup_insights_due(timestamp) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_insights_due(timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_insights_due(timestamp) TO stempel_tenant;
