-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "passUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "PassRegistration" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "deviceLibraryIdentifier" TEXT NOT NULL,
    "passTypeIdentifier" TEXT NOT NULL,
    "pushToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "unregisteredAt" TIMESTAMP(3),
    "unregisterReason" TEXT,

    CONSTRAINT "PassRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WalletDeviceLog" (
    "id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletDeviceLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PassRegistration_organizationId_cardId_idx" ON "PassRegistration"("organizationId", "cardId");

-- CreateIndex
CREATE INDEX "PassRegistration_cardId_idx" ON "PassRegistration"("cardId");

-- CreateIndex
CREATE UNIQUE INDEX "PassRegistration_deviceLibraryIdentifier_passTypeIdentifier_key" ON "PassRegistration"("deviceLibraryIdentifier", "passTypeIdentifier", "cardId");

-- CreateIndex
CREATE INDEX "WalletDeviceLog_createdAt_idx" ON "WalletDeviceLog"("createdAt");

-- AddForeignKey
ALTER TABLE "PassRegistration" ADD CONSTRAINT "PassRegistration_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassRegistration" ADD CONSTRAINT "PassRegistration_organizationId_cardId_fkey" FOREIGN KEY ("organizationId", "cardId") REFERENCES "Card"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Same row-level security as the other tenant tables (see 20261125160000_tenant_rls).
ALTER TABLE "PassRegistration" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PassRegistration" FORCE ROW LEVEL SECURITY;
CREATE POLICY "PassRegistration_tenant" ON "PassRegistration" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));
