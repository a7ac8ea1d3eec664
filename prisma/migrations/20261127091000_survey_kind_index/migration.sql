-- Inzichten › Tevredenheid (issue 14): every panel reads one kind of answer in a period
-- (NPS: about a tenth of them). An index per kind finds that kind's answers and holds
-- what the panels read, so they come from the index alone instead of every answer's row.
-- Partial indexes, because under row-level security an enum comparison (not LEAKPROOF)
-- cannot be an index condition, while an index's predicate still matches.
CREATE INDEX "SurveyAnswer_nps_idx" ON "SurveyAnswer" ("organizationId", "createdAt") INCLUDE ("customerId", "score", "comeBack", "tryOther", "locationId", "membershipId", "id") WHERE "kind" = 'NPS';
CREATE INDEX "SurveyAnswer_satisfaction_idx" ON "SurveyAnswer" ("organizationId", "createdAt") INCLUDE ("score", "locationId", "membershipId") WHERE "kind" = 'SATISFACTION';
