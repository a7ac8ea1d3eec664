-- A campaign's deliveries counted per status (issue 15, the live progress bar): kept by the
-- database in each writing statement's own transaction, so the bar reads a few rows instead
-- of counting a 100 000-recipient campaign's deliveries every second while it sends. Every
-- INSERT, UPDATE and DELETE of Delivery adds its rows' changes per campaign and status at
-- the end of the statement, so no writer can forget it. A statement that changes no status
-- (a bonus granted, a channel set) writes nothing. Deleted deliveries only lower existing
-- counts: when their campaign is deleted, its counts go with it.
-- Prisma's migration runner splits on every semicolon, so function bodies spell it \073
-- and no comment here has one.

CREATE TABLE "CampaignCount" (
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "CampaignCount_pkey" PRIMARY KEY ("organizationId","campaignId","status")
);

ALTER TABLE "CampaignCount" ADD CONSTRAINT "CampaignCount_organizationId_campaignId_fkey" FOREIGN KEY ("organizationId", "campaignId") REFERENCES "Campaign"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CampaignCount" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CampaignCount" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CampaignCount_tenant" ON "CampaignCount" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

CREATE FUNCTION "Delivery_counts"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CampaignCount" AS c ("organizationId", "campaignId", status, n)
    SELECT "organizationId", "campaignId", status, count(*)::int FROM new_rows WHERE "campaignId" IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "campaignId", status) DO UPDATE SET n = c.n + excluded.n\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO "CampaignCount" AS c ("organizationId", "campaignId", status, n)
    SELECT org, campaign, status, sum(d)::int
      FROM (SELECT "organizationId" AS org, "campaignId" AS campaign, status, 1 AS d FROM new_rows WHERE "campaignId" IS NOT NULL
            UNION ALL
            SELECT "organizationId", "campaignId", status, -1 FROM old_rows WHERE "campaignId" IS NOT NULL) x
     GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT ("organizationId", "campaignId", status) DO UPDATE SET n = c.n + excluded.n\073
  ELSE
    UPDATE "CampaignCount" c SET n = c.n - x.n
      FROM (SELECT "organizationId" AS org, "campaignId" AS campaign, status, count(*)::int AS n FROM old_rows
             WHERE "campaignId" IS NOT NULL GROUP BY 1, 2, 3) x
     WHERE c."organizationId" = x.org AND c."campaignId" = x.campaign AND c.status = x.status\073
  END IF\073
  RETURN NULL\073
END';

-- No writer slips between the triggers and the count of what is there: one transaction
-- (Prisma's runner sends each statement on its own) that locks out writers to its end,
-- after those already under way have finished.
BEGIN;
LOCK TABLE "Delivery" IN SHARE ROW EXCLUSIVE MODE;
CREATE TRIGGER "Delivery_counts_insert" AFTER INSERT ON "Delivery" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Delivery_counts"();
CREATE TRIGGER "Delivery_counts_update" AFTER UPDATE ON "Delivery" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Delivery_counts"();
CREATE TRIGGER "Delivery_counts_delete" AFTER DELETE ON "Delivery" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Delivery_counts"();

-- The campaigns sent before this migration. Migrations run as the tables' owner, whom
-- FORCEd row-level security holds too: the count reads and writes through policies that
-- exist only for the owner and only during this migration (as the Visit backfill of
-- migration 20261126020000_insights does).
CREATE POLICY "Delivery_count_backfill" ON "Delivery" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "CampaignCount_backfill" ON "CampaignCount" TO CURRENT_USER USING (true) WITH CHECK (true);
INSERT INTO "CampaignCount" ("organizationId", "campaignId", status, n)
SELECT "organizationId", "campaignId", status, count(*)::int FROM "Delivery" WHERE "campaignId" IS NOT NULL GROUP BY 1, 2, 3;
DROP POLICY "Delivery_count_backfill" ON "Delivery";
DROP POLICY "CampaignCount_backfill" ON "CampaignCount";
COMMIT;
