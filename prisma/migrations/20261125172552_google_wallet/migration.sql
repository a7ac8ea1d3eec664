-- CreateTable
CREATE TABLE "WalletMessage" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "notify" BOOLEAN NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WalletMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WalletMessage_organizationId_cardId_createdAt_idx" ON "WalletMessage"("organizationId", "cardId", "createdAt");

-- AddForeignKey
ALTER TABLE "WalletMessage" ADD CONSTRAINT "WalletMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletMessage" ADD CONSTRAINT "WalletMessage_organizationId_cardId_fkey" FOREIGN KEY ("organizationId", "cardId") REFERENCES "Card"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Same row-level security as the other tenant tables (see 20261125160000_tenant_rls).
ALTER TABLE "WalletMessage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WalletMessage" FORCE ROW LEVEL SECURITY;
CREATE POLICY "WalletMessage_tenant" ON "WalletMessage" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));
