-- Inzichten read a period's ledger, visits and answers from covering indexes alone, which
-- works only where the visibility map says a page holds no changes still to be cleaned up.
-- Autovacuum marks pages after 20 % of a table is new by default: at Koffiebar Groot
-- (2 million events, some 2 300 stamps a day) that is half a year, so the recent months the
-- periods read would be checked row by row in the table. Vacuum these after 1 % instead
-- (it then visits only the pages not yet marked, a few hundred).
ALTER TABLE "CardEvent" SET (autovacuum_vacuum_insert_scale_factor = 0.01);
ALTER TABLE "Visit" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02);
ALTER TABLE "SurveyAnswer" SET (autovacuum_vacuum_insert_scale_factor = 0.01);
