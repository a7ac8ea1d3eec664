-- Inzichten speed (issue 14, docs/insights.md "Snelheid"): the period panels of
-- Overzicht and Personeel, kept by the hourly refresh for a merchant too big to
-- read them live (more than 5 000 customers), one row per panel and period length
-- (lib/insights/kept.ts). A row counts only for the period it was computed for.

CREATE TABLE "InsightResult" (
    "organizationId" TEXT NOT NULL,
    "panel" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "InsightResult_pkey" PRIMARY KEY ("organizationId","panel","period")
);

ALTER TABLE "InsightResult" ADD CONSTRAINT "InsightResult_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightResult" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InsightResult" FORCE ROW LEVEL SECURITY;
CREATE POLICY "InsightResult_tenant" ON "InsightResult" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
