-- The data processing agreement an owner accepted (version, time, who) and the
-- merchant's privacy contact for customers (issue 12 items 2 and 15).
-- Existing organizations keep NULLs: their owners are asked to accept the
-- agreement on the dashboard, and pages show no privacy contact until one is set.
-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "dpaVersion" TEXT,
ADD COLUMN     "dpaAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "dpaAcceptedByUserId" TEXT,
ADD COLUMN     "privacyContactEmail" TEXT;
