-- Tablet PINs and devices (issue 11, docs/stamping.md).
-- PINs are no longer unique within an organization: the tablet asks who you are first.
-- DropIndex
DROP INDEX "Membership_organizationId_pinHash_key";

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "pinFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pinLockedUntil" TIMESTAMP(3);

-- When a tablet tap reached the server. Existing events stay NULL (= createdAt), which
-- is what they were: no backfill of the append-only ledger is needed
-- AlterTable
ALTER TABLE "CardEvent" ADD COLUMN     "receivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "previousTokenHash" TEXT;

-- AlterTable
ALTER TABLE "DeviceSession" ADD COLUMN     "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "PinChange" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "changedByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PinChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PinChange_organizationId_membershipId_createdAt_idx" ON "PinChange"("organizationId", "membershipId", "createdAt");

-- CreateIndex
CREATE INDEX "PinChange_changedByUserId_idx" ON "PinChange"("changedByUserId");

-- AddForeignKey
ALTER TABLE "PinChange" ADD CONSTRAINT "PinChange_organizationId_membershipId_fkey" FOREIGN KEY ("organizationId", "membershipId") REFERENCES "Membership"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PinChange" ADD CONSTRAINT "PinChange_changedByUserId_fkey" FOREIGN KEY ("changedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "PinChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PinChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY "PinChange_tenant" ON "PinChange" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
