-- The customer list (dashboard -> Klanten, issue 13): search, filters, sort and
-- tags over 100 000 customers of one merchant, answered by indexes (docs/customers.md).
-- Prisma's migration runner splits on every semicolon, so no comment here has one
-- and no function body needs one.

-- 1. Search: trigram indexes (pg_trgm) over accent-free text (unaccent). Both
--    extensions are "trusted": a database owner without SUPERUSER may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change), so an index cannot use
-- it. This wrapper names the dictionary explicitly and is declared IMMUTABLE,
-- the usual way to index accent-free text. Everything is schema-qualified so the
-- indexes also rebuild under an empty search_path (pg_restore).
CREATE OR REPLACE FUNCTION public.stempel_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $f$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $f$;

-- What a customer is found by: name and email (lower case, accents removed) and
-- the phone number's digits ("+31 6 1234 5678" -> "31612345678").
CREATE OR REPLACE FUNCTION public.stempel_customer_search(name text, email text, phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT lower(public.stempel_unaccent(coalesce(name, '') || ' ' || coalesce(email, ''))) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') $f$;

-- A card number without its dashes, upper case ("K7QM-2XHD-9P" -> "K7QM2XHD9P").
CREATE OR REPLACE FUNCTION public.stempel_serial_key(serial text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $f$ SELECT upper(regexp_replace(serial, '[^A-Za-z0-9]', '', 'g')) $f$;

-- Sorting by name: lower case, accents removed ("Élodie" sorts with "Eva").
CREATE OR REPLACE FUNCTION public.stempel_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $f$ SELECT lower(public.stempel_unaccent(name)) $f$;

-- Row-level security keeps an index from answering LIKE: its operator is not
-- LEAKPROOF, so PostgreSQL must apply the tenant policy to every row first (a
-- full scan of all merchants' customers). The search therefore runs in one
-- SECURITY DEFINER function owned by stempel_search, a role that may read
-- customers and cards of every organization (a policy for it alone) but only
-- inside this function, which itself returns nothing but the ids of the pinned
-- organization's matches: nothing pinned, nothing found. The caller joins those
-- ids back to "Customer" under its own row-level security.
DO E'BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ''stempel_search'') THEN CREATE ROLE stempel_search NOLOGIN\073 END IF\073 END';
GRANT stempel_search TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO stempel_search;
GRANT SELECT ON "Customer", "Card" TO stempel_search;
CREATE POLICY "Customer_search" ON "Customer" FOR SELECT TO stempel_search USING (true);
CREATE POLICY "Card_search" ON "Card" FOR SELECT TO stempel_search USING (true);

-- p_words: LIKE patterns that must all match the name, email or phone digits
-- (folded like the index: lower case, no accents), p_digits: a phone pattern,
-- p_serial: a card number pattern (stempel_serial_key form). NULL or empty skips
-- one. Built as SQL text with each pattern quoted as a literal, so the planner
-- sees the patterns and the trigram index intersects every word's trigrams.
CREATE FUNCTION customer_search_ids(p_words text[], p_digits text, p_serial text) RETURNS TABLE(id text) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'
DECLARE
  mine CONSTANT text := $q$"organizationId" = current_setting($q$ || quote_literal($q$app.org_id$q$) || $q$, true)$q$\073
  folded CONSTANT text := $q$public.stempel_customer_search(c.name, c.email, c.phone)$q$\073
  parts text[] := ARRAY[]::text[]\073
  words text := $q$$q$\073
  w text\073
BEGIN
  IF current_setting($q$app.org_id$q$, true) IS NULL OR current_setting($q$app.org_id$q$, true) = $q$$q$ THEN RETURN\073 END IF\073
  FOREACH w IN ARRAY coalesce(p_words, ARRAY[]::text[]) LOOP
    words := words || $q$ AND $q$ || folded || $q$ LIKE $q$ || quote_literal(lower(public.stempel_unaccent(w)))\073
  END LOOP\073
  IF words <> $q$$q$ THEN
    parts := parts || ($q$SELECT c.id FROM "Customer" c WHERE c.$q$ || mine || words)\073
  END IF\073
  IF p_digits IS NOT NULL THEN
    parts := parts || ($q$SELECT c.id FROM "Customer" c WHERE c.$q$ || mine || $q$ AND $q$ || folded || $q$ LIKE $q$ || quote_literal(p_digits))\073
  END IF\073
  IF p_serial IS NOT NULL THEN
    parts := parts || ($q$SELECT k."customerId" FROM "Card" k WHERE k.$q$ || mine || $q$ AND k."erasedAt" IS NULL AND public.stempel_serial_key(k.serial) LIKE $q$ || quote_literal(p_serial))\073
  END IF\073
  IF cardinality(parts) > 0 THEN
    RETURN QUERY EXECUTE array_to_string(parts, $q$ UNION $q$)\073
  END IF\073
END';
ALTER FUNCTION customer_search_ids(text[], text, text) OWNER TO stempel_search;
REVOKE ALL ON FUNCTION customer_search_ids(text[], text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION customer_search_ids(text[], text, text) TO stempel_tenant;

CREATE INDEX "Customer_search_trgm_idx" ON "Customer" USING gin (public.stempel_customer_search("name", "email", "phone") public.gin_trgm_ops);
CREATE INDEX "Card_serial_key_trgm_idx" ON "Card" USING gin (public.stempel_serial_key("serial") public.gin_trgm_ops);

-- 2. What the list shows and filters on. A customer's last visit (their latest
--    stamp on any card, and where) is kept on "Customer" by the stamp path in the
--    stamp's own statement, so filtering and sorting on it is an index lookup.
--    Card."lastLocationId" is where the card's last stamp was given.
ALTER TABLE "Customer" ADD COLUMN "note" TEXT;
ALTER TABLE "Customer" ADD COLUMN "lastVisitAt" TIMESTAMP(3);
ALTER TABLE "Customer" ADD COLUMN "lastVisitLocationId" TEXT;
ALTER TABLE "Card" ADD COLUMN "lastLocationId" TEXT;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organizationId_lastVisitLocationId_fkey" FOREIGN KEY ("organizationId", "lastVisitLocationId") REFERENCES "Location"("organizationId", "id") ON DELETE SET NULL ("lastVisitLocationId") ON UPDATE CASCADE;
ALTER TABLE "Card" ADD CONSTRAINT "Card_organizationId_lastLocationId_fkey" FOREIGN KEY ("organizationId", "lastLocationId") REFERENCES "Location"("organizationId", "id") ON DELETE SET NULL ("lastLocationId") ON UPDATE CASCADE;

-- Backfill from the ledger: each card's latest stamp's location, then each
-- customer's latest card. Row-level security is FORCEd for the owner too, so the
-- backfill goes through policies that exist only for the owner and only during
-- this migration.
DROP POLICY IF EXISTS "Card_backfill" ON "Card";
DROP POLICY IF EXISTS "CardEvent_backfill" ON "CardEvent";
DROP POLICY IF EXISTS "Customer_backfill" ON "Customer";
CREATE POLICY "Card_backfill" ON "Card" TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY "CardEvent_backfill" ON "CardEvent" FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY "Customer_backfill" ON "Customer" TO CURRENT_USER USING (true) WITH CHECK (true);
UPDATE "Card" c SET "lastLocationId" = (
  SELECT e."locationId" FROM "CardEvent" e
   WHERE e."organizationId" = c."organizationId" AND e."cardId" = c.id AND e.type = 'STAMP'
   ORDER BY e."createdAt" DESC LIMIT 1)
 WHERE c."lastStampAt" IS NOT NULL;
UPDATE "Customer" u SET "lastVisitAt" = l.at, "lastVisitLocationId" = l.location
  FROM (SELECT DISTINCT ON (k."customerId") k."customerId" AS id, k."lastStampAt" AS at, k."lastLocationId" AS location
          FROM "Card" k WHERE k."lastStampAt" IS NOT NULL ORDER BY k."customerId", k."lastStampAt" DESC) l
 WHERE u.id = l.id;
DROP POLICY "Card_backfill" ON "Card";
DROP POLICY "CardEvent_backfill" ON "CardEvent";
DROP POLICY "Customer_backfill" ON "Customer";

-- 3. Indexes for the list's filters and sorts.
CREATE INDEX "Customer_organizationId_name_key_idx" ON "Customer" ("organizationId", public.stempel_name_key("name"), "id");
CREATE INDEX "Customer_organizationId_lastVisitAt_id_idx" ON "Customer" ("organizationId", "lastVisitAt" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Customer_organizationId_lastVisitLocationId_lastVisitAt_idx" ON "Customer" ("organizationId", "lastVisitLocationId", "lastVisitAt");
CREATE INDEX "Customer_organizationId_source_idx" ON "Customer" ("organizationId", "source");
CREATE INDEX "Customer_organizationId_marketingConsent_idx" ON "Customer" ("organizationId", "marketingConsent");
-- A customer's cards (shown in the list, and their programs).
CREATE INDEX "Card_organizationId_customerId_idx" ON "Card" ("organizationId", "customerId");
-- Customers with a reward waiting: a small part of the cards.
CREATE INDEX "Card_reward_waiting_idx" ON "Card" ("organizationId", "customerId") WHERE "rewardsAvailable" > 0 OR "intermediateAvailable" > 0;

-- 4. The merchant's tags.

CREATE TABLE "CustomerTag" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerTag_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CustomerTag_organizationId_customerId_tag_key" ON "CustomerTag"("organizationId", "customerId", "tag");
CREATE INDEX "CustomerTag_organizationId_tag_idx" ON "CustomerTag"("organizationId", "tag");
ALTER TABLE "CustomerTag" ADD CONSTRAINT "CustomerTag_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CustomerTag" ADD CONSTRAINT "CustomerTag_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "CustomerTag" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CustomerTag" FORCE ROW LEVEL SECURITY;
CREATE POLICY "CustomerTag_tenant" ON "CustomerTag" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
