-- The send engine (lib/messages/send.ts) claims a campaign's QUEUED deliveries
-- in id order, batch after batch. Without this index every claim walked the
-- primary key past every row already sent (33 000 rows filtered out by the
-- 67th batch of a 100 000-customer campaign, 173 ms and growing): the whole
-- campaign was quadratic. With it, and the run's cursor (id > the last one
-- claimed), a claim reads only its own rows. Not a partial index on status:
-- under row-level security the enum comparison (not leakproof) cannot drive
-- an index, so the planner would never use it.
CREATE INDEX "Delivery_organizationId_campaignId_id_idx" ON "Delivery"("organizationId", "campaignId", id);
