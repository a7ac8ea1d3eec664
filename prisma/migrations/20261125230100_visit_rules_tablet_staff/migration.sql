-- Stamp rules that let normal service through, and staff who exist only on the
-- tablet (issue 12 sections 9 and 12, docs/stamping.md "Regels en tabletmedewerkers").
-- Prisma's migration runner splits on every semicolon, so no comment here has one.

-- 1. Stamp rules. "At least 10 minutes between stamps, at most 5 at once" refused a
--    barista's second +1 for a second coffee and any group order. They are replaced by
--    a visit window: at most maxStampsPerVisit stamps on a card within visitMinutes
--    (this tap included). The day cap stays, in the merchant's local day.
--    Existing programs:
--    - still on the old defaults (10 minutes, 5 a day, 5 at once): the new defaults,
--      30 minutes, 10 per visit, 15 a day (the old ones were never chosen)
--    - changed by the merchant: visitMinutes = their minutes between stamps (30 when
--      they had set 0), maxStampsPerVisit = their stamps at once, but never above
--      their day cap (a visit cap above it could never apply), their day cap as it was.
--      So "1 stamp per 60 minutes" stays "1 per 60 minutes", and their "5 at once"
--      becomes "5 per visit".
ALTER TABLE "CardProgram" ADD COLUMN "visitMinutes" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN "maxStampsPerVisit" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "CardProgram" ALTER COLUMN "maxStampsPerDay" SET DEFAULT 15;

-- Row-level security is FORCEd for the owner too, so these backfills read and write
-- through policies that exist only for the owner and only during this migration.
DROP POLICY IF EXISTS "CardProgram_backfill" ON "CardProgram";
DROP POLICY IF EXISTS "Membership_backfill" ON "Membership";
DROP POLICY IF EXISTS "DeviceSession_backfill" ON "DeviceSession";
CREATE POLICY "CardProgram_backfill" ON "CardProgram" TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY "Membership_backfill" ON "Membership" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "DeviceSession_backfill" ON "DeviceSession" TO CURRENT_USER USING (true) WITH CHECK (true);

-- Custom rules first: the defaults' update below changes the day cap these rows are told apart by.
UPDATE "CardProgram"
   SET "visitMinutes" = CASE WHEN "minMinutesBetweenStamps" > 0 THEN "minMinutesBetweenStamps" ELSE 30 END,
       "maxStampsPerVisit" = LEAST("maxStampsPerAction", "maxStampsPerDay")
 WHERE NOT ("minMinutesBetweenStamps" = 10 AND "maxStampsPerDay" = 5 AND "maxStampsPerAction" = 5);
UPDATE "CardProgram" SET "maxStampsPerDay" = 15
 WHERE "minMinutesBetweenStamps" = 10 AND "maxStampsPerDay" = 5 AND "maxStampsPerAction" = 5;

ALTER TABLE "CardProgram" DROP COLUMN "minMinutesBetweenStamps",
DROP COLUMN "maxStampsPerAction";
ALTER TABLE "CardProgram" ADD CONSTRAINT "CardProgram_stamp_rules_check"
  CHECK ("visitMinutes" > 0 AND "maxStampsPerVisit" > 0 AND "maxStampsPerDay" > 0);

-- 2. Tablet staff: a membership without a user, with a name and a PIN only. They never
--    sign in (there is no account), are always STAFF (so they can never approve an
--    override), and removing one keeps the row (removedAt, PIN cleared) so that their
--    ledger events keep their name.
ALTER TABLE "Membership" ALTER COLUMN "userId" DROP NOT NULL;
ALTER TABLE "Membership" ADD COLUMN "displayName" TEXT,
ADD COLUMN "removedAt" TIMESTAMP(3);
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tablet_staff_check"
  CHECK ("userId" IS NOT NULL OR (role = 'STAFF' AND length(btrim(coalesce("displayName", ''))) > 0));

-- 3. A tablet session belongs to the membership that unlocked it (tablet staff have no
--    user id) and ends with it. Sessions of members no longer there could not be used
--    anyway and are deleted. DeviceSession.userId is no longer written.
ALTER TABLE "DeviceSession" ADD COLUMN "membershipId" TEXT;
ALTER TABLE "DeviceSession" ALTER COLUMN "userId" DROP NOT NULL;
UPDATE "DeviceSession" s SET "membershipId" = m.id
  FROM "Membership" m WHERE m."organizationId" = s."organizationId" AND m."userId" = s."userId";
DELETE FROM "DeviceSession" WHERE "membershipId" IS NULL;
CREATE INDEX "DeviceSession_membershipId_idx" ON "DeviceSession"("membershipId");
ALTER TABLE "DeviceSession" ADD CONSTRAINT "DeviceSession_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

DROP POLICY "CardProgram_backfill" ON "CardProgram";
DROP POLICY "Membership_backfill" ON "Membership";
DROP POLICY "DeviceSession_backfill" ON "DeviceSession";

-- 4. The ledger names the member who acted on a tablet. Existing events keep
--    actorUserId only (the append-only ledger is not backfilled), which still names them.
ALTER TABLE "CardEvent" ADD COLUMN "actorMembershipId" TEXT;
