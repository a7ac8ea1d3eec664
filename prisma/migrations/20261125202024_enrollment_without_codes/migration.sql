-- Enrollment without verification codes (issue 11 §12): a sign-up with the email or
-- phone of an existing customer gets a new customer record and card, without the
-- colliding contact details, pointing at the existing one as a possible duplicate.
-- The code flow and its table go (dropping the table drops its RLS policy too).

-- DropForeignKey
ALTER TABLE "EnrollmentVerification" DROP CONSTRAINT "EnrollmentVerification_organizationId_customerId_fkey";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "possibleDuplicateOfId" TEXT;

-- DropTable
DROP TABLE "EnrollmentVerification";

-- CreateIndex
CREATE INDEX "Customer_organizationId_possibleDuplicateOfId_idx" ON "Customer"("organizationId", "possibleDuplicateOfId");

-- AddForeignKey
-- Composite like every tenant relation (a customer can only point into its own
-- organization). ON DELETE SET NULL names its column (PostgreSQL 15+): a plain
-- SET NULL on a composite key would also null "organizationId", which is NOT NULL.
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organizationId_possibleDuplicateOfId_fkey" FOREIGN KEY ("organizationId", "possibleDuplicateOfId") REFERENCES "Customer"("organizationId", "id") ON DELETE SET NULL ("possibleDuplicateOfId") ON UPDATE CASCADE;
