-- Inzichten counts the rewards redeemed in a period (lib/insights/overview.ts) and
-- whether an undo took one back: a small index of only the REDEEM and UNDO rows
-- (about 14% of the ledger) that holds what that count reads, so it never visits
-- the ledger itself (an index-only scan).
CREATE INDEX "CardEvent_redeem_undo_idx" ON "CardEvent" ("organizationId", "createdAt") INCLUDE (id, "cardId", "rewardDelta", "reversesId", type) WHERE type IN ('REDEEM', 'UNDO');
