-- Pairing a tablet by a one-time code or QR (issue 12 section 2, docs/tablet-setup.md),
-- and when a QR poster was first downloaded (the onboarding checklist, section 11).
-- Prisma's migration runner splits on every semicolon, so no comment here has one
-- and no function body needs one.

ALTER TABLE "Organization" ADD COLUMN "posterDownloadedAt" TIMESTAMP(3);

CREATE TABLE "TabletPairing" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "deviceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TabletPairing_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "TabletPairing_codeHash_key" ON "TabletPairing"("codeHash");
CREATE INDEX "TabletPairing_organizationId_createdAt_idx" ON "TabletPairing"("organizationId", "createdAt");
ALTER TABLE "TabletPairing" ADD CONSTRAINT "TabletPairing_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The location the tablet will stamp at, and the tablet the code paired (cleared
-- alone when that tablet row goes). Not Prisma relations: nothing reads them as such.
ALTER TABLE "TabletPairing" ADD CONSTRAINT "TabletPairing_organizationId_locationId_fkey" FOREIGN KEY ("organizationId", "locationId") REFERENCES "Location"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TabletPairing" ADD CONSTRAINT "TabletPairing_organizationId_deviceId_fkey" FOREIGN KEY ("organizationId", "deviceId") REFERENCES "Device"("organizationId", "id") ON DELETE SET NULL ("deviceId") ON UPDATE CASCADE;
-- Only a used code names a tablet.
ALTER TABLE "TabletPairing" ADD CONSTRAINT "TabletPairing_device_when_used" CHECK ("deviceId" IS NULL OR "usedAt" IS NOT NULL);

-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "TabletPairing" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TabletPairing" FORCE ROW LEVEL SECURITY;
CREATE POLICY "TabletPairing_tenant" ON "TabletPairing" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- The tablet arrives with nothing but the code: its hash -> the organization to
-- pin and the pairing's id (used or expired codes too, so the tablet can say
-- which). Everything else, the single use included, runs pinned.
GRANT SELECT ON "TabletPairing" TO stempel_lookup;
CREATE POLICY "TabletPairing_lookup" ON "TabletPairing" FOR SELECT TO stempel_lookup USING (true);
CREATE FUNCTION lookup_tablet_pairing(p_code_hash text) RETURNS TABLE(org_id text, pairing_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "TabletPairing" WHERE "codeHash" = p_code_hash';
ALTER FUNCTION lookup_tablet_pairing(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_tablet_pairing(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_tablet_pairing(text) TO stempel_tenant;
