-- The business side (issue 17, docs/billing.md and docs/settings.md): plans,
-- Mollie billing, invoices with gapless numbers, the business profile,
-- organization deletion with an undo window, dashboard sessions, and a richer
-- audit trail. Prisma's migration runner splits on every semicolon: none in comments.

-- Plans: STARTER becomes START, GROEI is new (lib/billing/plans.ts).
ALTER TYPE "Plan" RENAME VALUE 'STARTER' TO 'START';
ALTER TYPE "Plan" ADD VALUE 'GROEI' BEFORE 'PRO';
CREATE TYPE "BillingInterval" AS ENUM ('MONTH', 'YEAR');
CREATE TYPE "SubscriptionStatus" AS ENUM ('NONE', 'PENDING', 'ACTIVE', 'PAST_DUE', 'CANCELED');
CREATE TYPE "PaymentStatus" AS ENUM ('OPEN', 'PENDING', 'AUTHORIZED', 'PAID', 'FAILED', 'CANCELED', 'EXPIRED');
CREATE TYPE "PaymentKind" AS ENUM ('FIRST', 'RECURRING', 'PRORATION');

-- Business profile, billing state, deletion.
ALTER TABLE "Organization"
  ADD COLUMN "legalName" TEXT,
  ADD COLUMN "logoUrl" TEXT,
  ADD COLUMN "addressLine" TEXT,
  ADD COLUMN "postalCode" TEXT,
  ADD COLUMN "city" TEXT,
  ADD COLUMN "kvkNumber" TEXT,
  ADD COLUMN "vatNumber" TEXT,
  ADD COLUMN "contactEmail" TEXT,
  ADD COLUMN "contactPhone" TEXT,
  ADD COLUMN "website" TEXT,
  ADD COLUMN "billingEmail" TEXT,
  ADD COLUMN "billingInterval" "BillingInterval",
  ADD COLUMN "subscriptionStatus" "SubscriptionStatus" NOT NULL DEFAULT 'NONE',
  ADD COLUMN "mollieCustomerId" TEXT,
  ADD COLUMN "mollieMandateId" TEXT,
  ADD COLUMN "mollieSubscriptionId" TEXT,
  ADD COLUMN "currentPeriodEnd" TIMESTAMP(3),
  ADD COLUMN "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "pastDueSince" TIMESTAMP(3),
  ADD COLUMN "trialReminder7SentAt" TIMESTAMP(3),
  ADD COLUMN "trialReminder1SentAt" TIMESTAMP(3),
  ADD COLUMN "deletionRequestedAt" TIMESTAMP(3),
  ADD COLUMN "deletionRequestedByUserId" TEXT,
  ADD COLUMN "deletionScheduledFor" TIMESTAMP(3),
  ADD COLUMN "deletedAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "Organization_mollieCustomerId_key" ON "Organization"("mollieCustomerId");
CREATE UNIQUE INDEX "Organization_mollieSubscriptionId_key" ON "Organization"("mollieSubscriptionId");

-- Audit trail: from where, and what changed.
ALTER TABLE "AuditEvent"
  ADD COLUMN "ip" TEXT,
  ADD COLUMN "userAgent" TEXT,
  ADD COLUMN "actorApiKeyId" TEXT,
  ADD COLUMN "before" JSONB,
  ADD COLUMN "after" JSONB;
CREATE INDEX "AuditEvent_organizationId_action_createdAt_idx" ON "AuditEvent"("organizationId", "action", "createdAt");

-- Dashboard sessions (global, like "User").
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "userAgent" TEXT,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UserSession_userId_endedAt_idx" ON "UserSession"("userId", "endedAt");
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Payments.
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "molliePaymentId" TEXT NOT NULL,
    "kind" "PaymentKind" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'OPEN',
    "plan" "Plan" NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "netCents" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "description" TEXT NOT NULL,
    "checkoutUrl" TEXT,
    "paidAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Payment_molliePaymentId_key" ON "Payment"("molliePaymentId");
CREATE UNIQUE INDEX "Payment_organizationId_id_key" ON "Payment"("organizationId", "id");
CREATE INDEX "Payment_organizationId_createdAt_idx" ON "Payment"("organizationId", "createdAt");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amounts" CHECK ("netCents" >= 0 AND "vatCents" >= 0 AND "totalCents" = "netCents" + "vatCents");
ALTER TABLE "Payment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Payment" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Payment_tenant" ON "Payment" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- Invoices.
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "buyer" JSONB NOT NULL,
    "lines" JSONB NOT NULL,
    "netCents" INTEGER NOT NULL,
    "vatRateBp" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "reverseCharge" BOOLEAN NOT NULL DEFAULT false,
    "emailedAt" TIMESTAMP(3),
    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Invoice_paymentId_key" ON "Invoice"("paymentId");
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
CREATE UNIQUE INDEX "Invoice_organizationId_paymentId_key" ON "Invoice"("organizationId", "paymentId");
CREATE INDEX "Invoice_organizationId_issuedAt_idx" ON "Invoice"("organizationId", "issuedAt");
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_organizationId_paymentId_fkey" FOREIGN KEY ("organizationId", "paymentId") REFERENCES "Payment"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_amounts" CHECK ("totalCents" = "netCents" + "vatCents");
ALTER TABLE "Invoice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invoice" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Invoice_tenant" ON "Invoice" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- Gapless invoice numbers: one counter row per year, reached only through
-- next_invoice_number(). Called in the transaction that inserts the invoice,
-- the row lock serializes concurrent issuers and a rollback returns the number.
CREATE TABLE "InvoiceCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("year")
);
REVOKE ALL ON "InvoiceCounter" FROM stempel_tenant;
CREATE FUNCTION next_invoice_number(p_year integer) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS E'INSERT INTO "InvoiceCounter" (year, last) VALUES (p_year, 1) ON CONFLICT (year) DO UPDATE SET last = "InvoiceCounter".last + 1 RETURNING last';
REVOKE ALL ON FUNCTION next_invoice_number(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION next_invoice_number(integer) TO stempel_tenant;

-- Lookups for work that starts without a tenant (lib/tenancy/lookups.ts):
-- Mollie's webhook names a Mollie customer, the worker's billing tick needs the
-- organizations with trial reminders, lapsed payments or a deletion due.
CREATE FUNCTION lookup_org_by_mollie_customer(p_customer text) RETURNS TABLE(org_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT id FROM "Organization" WHERE "mollieCustomerId" = p_customer';
ALTER FUNCTION lookup_org_by_mollie_customer(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_org_by_mollie_customer(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_org_by_mollie_customer(text) TO stempel_tenant;
CREATE FUNCTION lookup_billing_orgs(p_now timestamp) RETURNS TABLE(org_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT id FROM "Organization" WHERE "deletedAt" IS NULL AND ((plan = ''TRIAL'' AND "trialEndsAt" < p_now + interval ''8 days'' AND "trialReminder1SentAt" IS NULL) OR "pastDueSince" IS NOT NULL OR ("cancelAtPeriodEnd" AND "currentPeriodEnd" < p_now) OR "deletionScheduledFor" < p_now)';
ALTER FUNCTION lookup_billing_orgs(timestamp) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_billing_orgs(timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_billing_orgs(timestamp) TO stempel_tenant;
