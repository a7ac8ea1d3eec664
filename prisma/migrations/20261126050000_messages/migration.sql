-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AutomationKind" AS ENUM ('WELCOME', 'ONE_TO_GO', 'REWARD_READY', 'REWARD_EXPIRING', 'BIRTHDAY', 'WIN_BACK', 'SURVEY', 'REVIEW', 'REFERRAL');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('APPLE', 'GOOGLE', 'EMAIL', 'SMS', 'WEB');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENDING', 'DELIVERED', 'SILENT', 'FAILED', 'UNREACHABLE', 'HOLDOUT', 'NO_CONSENT', 'CAPPED');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('PENDING', 'REWARDED', 'BLOCKED');

-- AlterEnum
ALTER TYPE "CardEventType" ADD VALUE 'BONUS';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "messageCapPerWeek" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "CardProgram" ADD COLUMN     "referralBonusStamps" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "referralEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "referralFriendBonusStamps" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "referralMonthlyLimit" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "enrollDeviceHash" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'nl',
ADD COLUMN     "unsubscribedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "referralCode" TEXT NOT NULL DEFAULT substr(md5(random()::text || clock_timestamp()::text), 1, 10);

-- AlterTable
ALTER TABLE "WalletMessage" ADD COLUMN     "deliveryId" TEXT,
ADD COLUMN     "link" TEXT;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "titleNl" TEXT NOT NULL,
    "titleEn" TEXT,
    "bodyNl" TEXT NOT NULL,
    "bodyEn" TEXT,
    "link" TEXT,
    "bonusStamps" INTEGER NOT NULL DEFAULT 0,
    "bonusUntil" TIMESTAMP(3),
    "audience" JSONB NOT NULL,
    "holdoutPercent" INTEGER NOT NULL DEFAULT 0,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scheduledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Automation" (
    "organizationId" TEXT NOT NULL,
    "kind" "AutomationKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "titleNl" TEXT,
    "titleEn" TEXT,
    "bodyNl" TEXT,
    "bodyEn" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Automation_pkey" PRIMARY KEY ("organizationId","kind")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "campaignId" TEXT,
    "automation" "AutomationKind",
    "occurrence" TEXT,
    "cardId" TEXT,
    "channel" "MessageChannel",
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "marketing" BOOLEAN NOT NULL DEFAULT true,
    "error" TEXT,
    "bonusStamps" INTEGER NOT NULL DEFAULT 0,
    "bonusUntil" TIMESTAMP(3),
    "bonusGrantedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "referrerCustomerId" TEXT NOT NULL,
    "referrerCardId" TEXT NOT NULL,
    "friendCustomerId" TEXT NOT NULL,
    "friendCardId" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'PENDING',
    "blockedReason" TEXT,
    "rewardedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedCustomerFilter" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedCustomerFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_organizationId_createdAt_idx" ON "Campaign"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Campaign_status_scheduledAt_idx" ON "Campaign"("status", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_organizationId_id_key" ON "Campaign"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Delivery_organizationId_customerId_createdAt_idx" ON "Delivery"("organizationId", "customerId", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_campaignId_status_idx" ON "Delivery"("campaignId", "status");

-- CreateIndex
CREATE INDEX "Delivery_organizationId_createdAt_idx" ON "Delivery"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_campaignId_customerId_key" ON "Delivery"("campaignId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_organizationId_automation_customerId_occurrence_key" ON "Delivery"("organizationId", "automation", "customerId", "occurrence");

-- CreateIndex
CREATE INDEX "Referral_organizationId_referrerCustomerId_createdAt_idx" ON "Referral"("organizationId", "referrerCustomerId", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_organizationId_status_idx" ON "Referral"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_organizationId_friendCustomerId_key" ON "Referral"("organizationId", "friendCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "SavedCustomerFilter_organizationId_name_key" ON "SavedCustomerFilter"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Card_referralCode_key" ON "Card"("referralCode");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Automation" ADD CONSTRAINT "Automation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_organizationId_campaignId_fkey" FOREIGN KEY ("organizationId", "campaignId") REFERENCES "Campaign"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedCustomerFilter" ADD CONSTRAINT "SavedCustomerFilter_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Referrals point at both customers: deleting either deletes the referral.
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referrer_fkey" FOREIGN KEY ("organizationId", "referrerCustomerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_friend_fkey" FOREIGN KEY ("organizationId", "friendCustomerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A delivery belongs to a campaign or to an automation occasion, never both.
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_source" CHECK (("campaignId" IS NULL) <> ("automation" IS NULL) AND (("automation" IS NULL) = ("occurrence" IS NULL)));
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_limits" CHECK ("bonusStamps" BETWEEN 0 AND 10 AND "holdoutPercent" BETWEEN 0 AND 50 AND char_length("bodyNl") <= 1000 AND char_length(coalesce("bodyEn", '')) <= 1000);
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_messageCap" CHECK ("messageCapPerWeek" BETWEEN 0 AND 14);

-- Row-level security, failing closed like every tenant table (migration 20261125195000_tenancy_fail_closed).
ALTER TABLE "Campaign" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Campaign" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Campaign_tenant" ON "Campaign" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "Automation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Automation" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Automation_tenant" ON "Automation" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "Delivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Delivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Delivery_tenant" ON "Delivery" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "Referral" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Referral" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Referral_tenant" ON "Referral" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "SavedCustomerFilter" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SavedCustomerFilter" FORCE ROW LEVEL SECURITY;
CREATE POLICY "SavedCustomerFilter_tenant" ON "SavedCustomerFilter" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- The message scheduler's work lists (lib/messages/scheduler.ts), read across organizations by stempel_lookup only.
GRANT SELECT ON "Campaign" TO stempel_lookup;
CREATE POLICY "Campaign_lookup" ON "Campaign" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Automation" TO stempel_lookup;
CREATE POLICY "Automation_lookup" ON "Automation" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Referral" TO stempel_lookup;
CREATE POLICY "Referral_lookup" ON "Referral" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Delivery" TO stempel_lookup;
CREATE POLICY "Delivery_lookup" ON "Delivery" FOR SELECT TO stempel_lookup USING (true);
-- Scheduled campaigns whose time has come.
CREATE FUNCTION lookup_campaigns_due(p_now timestamp) RETURNS TABLE(org_id text, campaign_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "Campaign" WHERE status = ''SCHEDULED'' AND "scheduledAt" <= p_now ORDER BY "scheduledAt"';
ALTER FUNCTION lookup_campaigns_due(timestamp) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_campaigns_due(timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_campaigns_due(timestamp) TO stempel_tenant;
-- Merchants with message work: an automation switched on, referrals on or pending, or a bonus still to give.
CREATE FUNCTION lookup_message_orgs(p_now timestamp) RETURNS TABLE(org_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId" FROM "Automation" WHERE enabled UNION SELECT "organizationId" FROM "CardProgram" WHERE "referralEnabled" UNION SELECT "organizationId" FROM "Referral" WHERE status = ''PENDING'' UNION SELECT "organizationId" FROM "Delivery" WHERE "bonusStamps" > 0 AND "bonusGrantedAt" IS NULL AND "bonusUntil" > p_now';
ALTER FUNCTION lookup_message_orgs(timestamp) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_message_orgs(timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_message_orgs(timestamp) TO stempel_tenant;

-- Extra mail headers (List-Unsubscribe), kept so a retried email still carries them.
ALTER TABLE "OutboxEmail" ADD COLUMN "headers" JSONB;

-- The referral check "was this browser used to enroll before" (lib/referrals/enroll.ts).
CREATE INDEX "Customer_organizationId_enrollDeviceHash_idx" ON "Customer"("organizationId", "enrollDeviceHash");
