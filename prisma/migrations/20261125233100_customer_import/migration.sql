-- Customer import from paper or another system (issue 13, docs/customers.md).
-- Prisma's migration runner splits on every semicolon, so no comment here has one.

-- The customer's number in the system they came from, unique per merchant when set
-- (NULLs never collide), matched on when a file is imported again.
ALTER TABLE "Customer" ADD COLUMN "externalId" TEXT;
CREATE UNIQUE INDEX "Customer_organizationId_externalId_key" ON "Customer"("organizationId", "externalId");

CREATE TYPE "CustomerImportStatus" AS ENUM ('UPLOADED', 'CHECKED', 'QUEUED', 'RUNNING', 'DONE', 'FAILED');

CREATE TABLE "CustomerImport" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileType" TEXT NOT NULL,
    "fileData" BYTEA,
    "headers" JSONB NOT NULL DEFAULT '[]',
    "mapping" JSONB,
    "programId" TEXT,
    "status" "CustomerImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdByUserId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CustomerImport_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CustomerImport_file_type" CHECK ("fileType" IN ('csv', 'xlsx')),
    CONSTRAINT "CustomerImport_counts" CHECK ("total" >= 0 AND "processed" >= 0 AND "imported" >= 0 AND "updated" >= 0 AND "skipped" >= 0 AND "failed" >= 0)
);
CREATE UNIQUE INDEX "CustomerImport_organizationId_id_key" ON "CustomerImport"("organizationId", "id");
CREATE INDEX "CustomerImport_organizationId_createdAt_idx" ON "CustomerImport"("organizationId", "createdAt");
ALTER TABLE "CustomerImport" ADD CONSTRAINT "CustomerImport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The card program the balances go to (cleared alone if that program is deleted).
-- Not a Prisma relation: nothing reads it as one.
ALTER TABLE "CustomerImport" ADD CONSTRAINT "CustomerImport_organizationId_programId_fkey" FOREIGN KEY ("organizationId", "programId") REFERENCES "CardProgram"("organizationId", "id") ON DELETE SET NULL ("programId") ON UPDATE CASCADE;

-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "CustomerImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CustomerImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CustomerImport_tenant" ON "CustomerImport" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
