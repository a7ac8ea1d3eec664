-- AlterEnum
ALTER TYPE "CardEventType" ADD VALUE 'ERASE';

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "webToken" TEXT;

-- Existing cards get a random web token (gen_random_uuid is built in since PostgreSQL 13).
UPDATE "Card" SET "webToken" = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') WHERE "webToken" IS NULL;
ALTER TABLE "Card" ALTER COLUMN "webToken" SET NOT NULL;

-- CreateTable
CREATE TABLE "CardProgramVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "design" JSONB NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardProgramVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnrollmentVerification" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrollmentVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardProgramVersion_organizationId_createdAt_idx" ON "CardProgramVersion"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CardProgramVersion_programId_version_key" ON "CardProgramVersion"("programId", "version");

-- CreateIndex
CREATE INDEX "EnrollmentVerification_organizationId_createdAt_idx" ON "EnrollmentVerification"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "EnrollmentVerification_customerId_idx" ON "EnrollmentVerification"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Card_webToken_key" ON "Card"("webToken");

-- AddForeignKey
ALTER TABLE "CardProgramVersion" ADD CONSTRAINT "CardProgramVersion_organizationId_programId_fkey" FOREIGN KEY ("organizationId", "programId") REFERENCES "CardProgram"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrollmentVerification" ADD CONSTRAINT "EnrollmentVerification_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

