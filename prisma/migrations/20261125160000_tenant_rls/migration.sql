-- Row-level security for tenant tables, as a second wall behind lib/tenancy.
-- A transaction that sets app.org_id (lib/tenancy/tenant-sql.ts) sees and writes
-- only that organization's rows. Without the setting (migrations, seeding and the
-- Prisma client, which lib/tenancy/tenant-db.ts scopes itself) every row is visible.
-- Superusers bypass RLS, so tenant transactions switch to the role stempel_tenant
-- (no BYPASSRLS), which the app's login role is granted.
-- (Semicolons inside the DO body are written as \073 because Prisma splits statements on every semicolon.)
DO E'BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ''stempel_tenant'') THEN CREATE ROLE stempel_tenant NOLOGIN\073 END IF\073 END';
GRANT stempel_tenant TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO stempel_tenant;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO stempel_tenant;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stempel_tenant;

ALTER TABLE "Card" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Card" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Card_tenant" ON "Card" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));

ALTER TABLE "CardEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CardEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CardEvent_tenant" ON "CardEvent" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));

ALTER TABLE "CardProgram" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CardProgram" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CardProgram_tenant" ON "CardProgram" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));

ALTER TABLE "Customer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Customer" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Customer_tenant" ON "Customer" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Membership_tenant" ON "Membership" USING (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true)) WITH CHECK (coalesce(current_setting('app.org_id', true), '') = '' OR "organizationId" = current_setting('app.org_id', true));
