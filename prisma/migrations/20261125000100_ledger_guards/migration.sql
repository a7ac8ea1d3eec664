-- Card counters can never go negative, whatever code path writes them.
ALTER TABLE "Card" ADD CONSTRAINT "Card_counters_non_negative"
  CHECK ("stampCount" >= 0 AND "rewardsAvailable" >= 0 AND "intermediateAvailable" >= 0 AND "totalStamps" >= 0 AND "totalRedeemed" >= 0);

ALTER TABLE "CardProgram" ADD CONSTRAINT "CardProgram_stamps_range"
  CHECK ("stampsRequired" BETWEEN 2 AND 30 AND ("intermediateStamp" IS NULL OR ("intermediateStamp" >= 1 AND "intermediateStamp" < "stampsRequired")));

-- The ledger is append-only: corrections are new events (UNDO, ADJUST), never edits.
-- Deletes stay possible so GDPR erasure and merchant deletion can cascade.
-- Prisma's migration runner splits on every semicolon, even inside quotes, so the
-- body spells its semicolon as the escape \073.
CREATE FUNCTION "CardEvent_forbid_update"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''CardEvent is append-only''\073 END';

CREATE TRIGGER "CardEvent_append_only" BEFORE UPDATE ON "CardEvent"
  FOR EACH ROW EXECUTE FUNCTION "CardEvent_forbid_update"();
