-- The send engine (lib/messages/send.ts) updates every Delivery twice (the
-- claim: status, channel, card, then the outcome) and every WalletMessage once
-- (delivered). Measured on a 100 000-recipient campaign (bench:campaign), each
-- UPDATE of a batch of 500 spent about 40 ms writing new entries into all seven
-- Delivery indexes, because "status" was indexed. Without that index no column
-- the engine updates is indexed, and with room left on each page PostgreSQL
-- updates the row in place (a HOT update: no index entry written).
--  - (campaignId, status) served the count of the progress bar by status, and that count
--    now reads the rows of the campaign through ("campaignId", "customerId").
--  - fillfactor applies to pages written from now on.
DROP INDEX "Delivery_campaignId_status_idx";
ALTER TABLE "Delivery" SET (fillfactor = 60);
ALTER TABLE "WalletMessage" SET (fillfactor = 75);
