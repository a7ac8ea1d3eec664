-- Customer detail page (issue 13): merged cards and the audit trail.

-- 1. A card merged into another card of the same program points to the survivor.
--    Hand-written foreign key: when the surviving card is deleted only this
--    column is cleared (Prisma would clear organizationId too).
ALTER TABLE "Card" ADD COLUMN "mergedIntoId" TEXT;
ALTER TABLE "Card" ADD CONSTRAINT "Card_organizationId_mergedIntoId_fkey" FOREIGN KEY ("organizationId", "mergedIntoId") REFERENCES "Card"("organizationId", "id") ON DELETE SET NULL ("mergedIntoId") ON UPDATE CASCADE;
ALTER TABLE "Card" ADD CONSTRAINT "Card_not_merged_into_itself" CHECK ("mergedIntoId" IS NULL OR "mergedIntoId" <> "id");
CREATE INDEX "Card_organizationId_mergedIntoId_idx" ON "Card"("organizationId", "mergedIntoId");

-- 2. The audit trail: who exported, corrected, merged, erased or edited what, and when.
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");
CREATE INDEX "AuditEvent_organizationId_subjectType_subjectId_createdAt_idx" ON "AuditEvent"("organizationId", "subjectType", "subjectId", "createdAt");
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AuditEvent_tenant" ON "AuditEvent" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- The trail is never edited (deletes stay possible so a merchant's deletion cascades).
CREATE FUNCTION "AuditEvent_forbid_update"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''AuditEvent is append-only''\073 END';
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_forbid_update"();
