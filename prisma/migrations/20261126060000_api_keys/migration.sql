-- The public REST API (issue 16, docs/integrations/api.md): API keys per
-- organization, stored as a SHA-256 hash with a visible prefix. Ledger events
-- made through the API name their key (CardEvent."apiKeyId") and keep a hash of
-- the request that carried the Idempotency-Key, so a reuse with another body is
-- refused. Prisma's migration runner splits on every semicolon: none in comments.

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "requestsPerMinute" INTEGER NOT NULL DEFAULT 600,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE UNIQUE INDEX "ApiKey_organizationId_id_key" ON "ApiKey"("organizationId", "id");
CREATE INDEX "ApiKey_organizationId_createdAt_idx" ON "ApiKey"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_name" CHECK (char_length("name") BETWEEN 1 AND 60);
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_requestsPerMinute" CHECK ("requestsPerMinute" > 0);

-- Idempotency-Key of API requests that are not a tablet-style card action
-- (a correction, a new customer): which request first used it, and what it made.
CREATE TABLE "ApiIdempotencyKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "resourceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiIdempotencyKey_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ApiIdempotencyKey_organizationId_apiKeyId_key_key" ON "ApiIdempotencyKey"("organizationId", "apiKeyId", "key");
ALTER TABLE "ApiIdempotencyKey" ADD CONSTRAINT "ApiIdempotencyKey_organizationId_apiKeyId_fkey" FOREIGN KEY ("organizationId", "apiKeyId") REFERENCES "ApiKey"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiIdempotencyKey" ADD CONSTRAINT "ApiIdempotencyKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiIdempotencyKey" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiIdempotencyKey" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ApiIdempotencyKey_tenant" ON "ApiIdempotencyKey" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- The ledger names the key (keys are revoked, never deleted).
ALTER TABLE "CardEvent" ADD COLUMN "apiKeyId" TEXT;
ALTER TABLE "CardEvent" ADD COLUMN "requestHash" TEXT;
ALTER TABLE "CardEvent" ADD CONSTRAINT "CardEvent_organizationId_apiKeyId_fkey" FOREIGN KEY ("organizationId", "apiKeyId") REFERENCES "ApiKey"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "ApiKey" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiKey" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ApiKey_tenant" ON "ApiKey" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- A request's key (hashed) -> its organization, for the lookup role only. Revoked keys are not found.
GRANT SELECT ON "ApiKey" TO stempel_lookup;
CREATE POLICY "ApiKey_lookup" ON "ApiKey" FOR SELECT TO stempel_lookup USING (true);
CREATE FUNCTION lookup_api_key(p_hash text) RETURNS TABLE(org_id text, key_id text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'SELECT "organizationId", id FROM "ApiKey" WHERE hash = p_hash AND "revokedAt" IS NULL';
ALTER FUNCTION lookup_api_key(text) OWNER TO stempel_lookup;
REVOKE ALL ON FUNCTION lookup_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lookup_api_key(text) TO stempel_tenant;
