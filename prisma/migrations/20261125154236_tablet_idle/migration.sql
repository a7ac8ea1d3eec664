-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "tabletIdleMinutes" INTEGER NOT NULL DEFAULT 3;

