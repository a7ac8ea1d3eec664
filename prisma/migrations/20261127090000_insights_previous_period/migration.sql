-- Inzichten speed (issue 14, docs/insights.md "Snelheid"), the Kerncijfers panel:
-- 1. The previous period's visit figures, kept by the hourly refresh for each period
--    length (lib/insights/refresh-insights.ts). That period is over: taps reach back
--    at most 24 hours and undos an hour, so its visits no longer change.
-- 2. The index of a period's visits holds what the figures read (customer, stamps,
--    first visit), so the current period is read from the index alone.

CREATE TABLE "InsightPeriod" (
    "organizationId" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    "threshold" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "visits" INTEGER NOT NULL,
    "stamps" INTEGER NOT NULL,
    "returning" INTEGER NOT NULL,
    "medianGap" DOUBLE PRECISION,
    "regularVisits" INTEGER NOT NULL,

    CONSTRAINT "InsightPeriod_pkey" PRIMARY KEY ("organizationId","from","to","threshold")
);

ALTER TABLE "InsightPeriod" ADD CONSTRAINT "InsightPeriod_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "InsightPeriod" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InsightPeriod" FORCE ROW LEVEL SECURITY;
CREATE POLICY "InsightPeriod_tenant" ON "InsightPeriod" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

DROP INDEX "Visit_organizationId_day_idx";
CREATE INDEX "Visit_organizationId_day_idx" ON "Visit" ("organizationId", "day") INCLUDE ("customerId", "stamps", "first");
