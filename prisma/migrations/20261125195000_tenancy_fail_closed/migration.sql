-- One door for tenant data (docs/tenancy.md).
-- 1. Every table holding an organization's rows has row-level security, FORCEd
--    (the table owner is held to it too) and failing closed: without
--    app.org_id pinned, current_setting(...) is NULL or '' and matches no row,
--    so reads see nothing and writes are refused.
-- 2. The app logs in as a role without SUPERUSER/BYPASSRLS that is a member of
--    stempel_tenant (privileges only), `npm run db:migrate` creates it.
-- 3. The few lookups that must find an organization from a secret run through
--    the SECURITY DEFINER functions below (owned by stempel_lookup, which may
--    read across organizations), each returning only the ids needed to pin.
-- Prisma's migration runner splits on every semicolon, even inside quotes, so
-- function bodies spell theirs as \073 (none of them needs one).
DO E'BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ''stempel_lookup'') THEN CREATE ROLE stempel_lookup NOLOGIN\073 END IF\073 END';
GRANT stempel_lookup TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO stempel_lookup;

DROP POLICY IF EXISTS "Membership_tenant" ON "Membership";
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Membership_tenant" ON "Membership" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "Location_tenant" ON "Location";
ALTER TABLE "Location" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Location" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Location_tenant" ON "Location" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "CardProgram_tenant" ON "CardProgram";
ALTER TABLE "CardProgram" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CardProgram" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CardProgram_tenant" ON "CardProgram" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "CardProgramVersion_tenant" ON "CardProgramVersion";
ALTER TABLE "CardProgramVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CardProgramVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CardProgramVersion_tenant" ON "CardProgramVersion" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "Customer_tenant" ON "Customer";
ALTER TABLE "Customer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Customer" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Customer_tenant" ON "Customer" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "Card_tenant" ON "Card";
ALTER TABLE "Card" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Card" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Card_tenant" ON "Card" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "CardEvent_tenant" ON "CardEvent";
ALTER TABLE "CardEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CardEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CardEvent_tenant" ON "CardEvent" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "EnrollmentVerification_tenant" ON "EnrollmentVerification";
ALTER TABLE "EnrollmentVerification" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EnrollmentVerification" FORCE ROW LEVEL SECURITY;
CREATE POLICY "EnrollmentVerification_tenant" ON "EnrollmentVerification" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "Device_tenant" ON "Device";
ALTER TABLE "Device" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Device" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Device_tenant" ON "Device" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "DeviceSession_tenant" ON "DeviceSession";
ALTER TABLE "DeviceSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DeviceSession" FORCE ROW LEVEL SECURITY;
CREATE POLICY "DeviceSession_tenant" ON "DeviceSession" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "Invitation_tenant" ON "Invitation";
ALTER TABLE "Invitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Invitation_tenant" ON "Invitation" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "PassRegistration_tenant" ON "PassRegistration";
ALTER TABLE "PassRegistration" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PassRegistration" FORCE ROW LEVEL SECURITY;
CREATE POLICY "PassRegistration_tenant" ON "PassRegistration" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP POLICY IF EXISTS "WalletMessage_tenant" ON "WalletMessage";
ALTER TABLE "WalletMessage" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WalletMessage" FORCE ROW LEVEL SECURITY;
CREATE POLICY "WalletMessage_tenant" ON "WalletMessage" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

ALTER TABLE "Organization" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Organization" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Organization_tenant" ON "Organization" USING (id = current_setting('app.org_id', true)) WITH CHECK (id = current_setting('app.org_id', true));

-- stempel_lookup reads across organizations, and only through the functions it owns.
GRANT SELECT ON "Card" TO stempel_lookup;
CREATE POLICY "Card_lookup" ON "Card" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "CardProgram" TO stempel_lookup;
CREATE POLICY "CardProgram_lookup" ON "CardProgram" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Device" TO stempel_lookup;
CREATE POLICY "Device_lookup" ON "Device" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "DeviceSession" TO stempel_lookup;
CREATE POLICY "DeviceSession_lookup" ON "DeviceSession" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Membership" TO stempel_lookup;
CREATE POLICY "Membership_lookup" ON "Membership" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Invitation" TO stempel_lookup;
CREATE POLICY "Invitation_lookup" ON "Invitation" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "PassRegistration" TO stempel_lookup;
CREATE POLICY "PassRegistration_lookup" ON "PassRegistration" FOR SELECT TO stempel_lookup USING (true);
GRANT SELECT ON "Organization" TO stempel_lookup;
CREATE POLICY "Organization_lookup" ON "Organization" FOR SELECT TO stempel_lookup USING (true);

-- A customer's web-card token -> the card (the token is the credential).
CREATE FUNCTION lookup_card_by_web_token(p_token text) RETURNS TABLE(org_id text, card_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "Card" WHERE "webToken" = p_token AND "erasedAt" IS NULL';
ALTER FUNCTION lookup_card_by_web_token(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_card_by_web_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_card_by_web_token(text) TO stempel_tenant;

-- A pass serial -> its card, the caller then compares the pass's authentication token, pinned.
CREATE FUNCTION lookup_card_by_serial(p_serial text) RETURNS TABLE(org_id text, card_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "Card" WHERE serial = p_serial AND "erasedAt" IS NULL';
ALTER FUNCTION lookup_card_by_serial(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_card_by_serial(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_card_by_serial(text) TO stempel_tenant;

-- An iPhone's registrations (Apple sends only the device id here, they may span merchants): serials only.
CREATE FUNCTION lookup_device_serials(p_device text, p_pass_type text, p_since_epoch bigint) RETURNS TABLE(serial text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT c.serial FROM "PassRegistration" r JOIN "Card" c ON c.id = r."cardId" AND c."organizationId" = r."organizationId" WHERE r."deviceLibraryIdentifier" = p_device AND r."passTypeIdentifier" = p_pass_type AND r."unregisteredAt" IS NULL AND c."erasedAt" IS NULL AND (p_since_epoch IS NULL OR c."passUpdatedAt" > to_timestamp(p_since_epoch) AT TIME ZONE ''UTC'') ORDER BY c.serial';
ALTER FUNCTION lookup_device_serials(text, text, bigint) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_device_serials(text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_device_serials(text, text, bigint) TO stempel_tenant;

-- The published program a QR code points to -> its organization.
CREATE FUNCTION lookup_open_program(p_program text) RETURNS TABLE(org_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId" FROM "CardProgram" WHERE id = p_program AND status = ''PUBLISHED''';
ALTER FUNCTION lookup_open_program(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_open_program(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_open_program(text) TO stempel_tenant;

-- A tablet's staff session token (hashed) -> its organization.
CREATE FUNCTION lookup_tablet_session(p_token_hash text) RETURNS TABLE(org_id text, session_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "DeviceSession" WHERE "tokenHash" = p_token_hash';
ALTER FUNCTION lookup_tablet_session(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_tablet_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_tablet_session(text) TO stempel_tenant;

-- A paired tablet's device token (hashed) -> its organization.
CREATE FUNCTION lookup_tablet_device(p_token_hash text) RETURNS TABLE(org_id text, device_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "Device" WHERE "tokenHash" = p_token_hash AND "revokedAt" IS NULL';
ALTER FUNCTION lookup_tablet_device(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_tablet_device(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_tablet_device(text) TO stempel_tenant;

-- A signed-in user's organizations (the session proves the user id).
CREATE FUNCTION lookup_user_memberships(p_user text) RETURNS TABLE(org_id text, role text, joined_at timestamp) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", role::text, "createdAt" FROM "Membership" WHERE "userId" = p_user ORDER BY "createdAt", "organizationId"';
ALTER FUNCTION lookup_user_memberships(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_user_memberships(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_user_memberships(text) TO stempel_tenant;

-- An invitation link (hashed token) -> its organization.
CREATE FUNCTION lookup_invitation(p_token_hash text) RETURNS TABLE(org_id text, invitation_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "Invitation" WHERE "tokenHash" = p_token_hash';
ALTER FUNCTION lookup_invitation(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_invitation(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_invitation(text) TO stempel_tenant;

-- The maintenance job's work list: programs whose stamps can lapse.
CREATE FUNCTION lookup_expiring_programs() RETURNS TABLE(org_id text, program_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "CardProgram" WHERE "stampExpiryMonths" IS NOT NULL AND status <> ''DRAFT'' ORDER BY "organizationId", id';
ALTER FUNCTION lookup_expiring_programs() OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_expiring_programs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_expiring_programs() TO stempel_tenant;

-- Sign-up picks a free URL slug across all organizations.
CREATE FUNCTION lookup_slug_taken(p_slug text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT EXISTS (SELECT 1 FROM "Organization" WHERE slug = p_slug)';
ALTER FUNCTION lookup_slug_taken(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_slug_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_slug_taken(text) TO stempel_tenant;
