-- The customer list's Insights filters (RFM segment, ladder rung, matrix cell:
-- lib/customers/customer-filter.ts). Under row-level security the enum
-- comparison is not LEAKPROOF, so PostgreSQL did not use the second column of
-- the (organizationId, segment), (organizationId, rung) and (organizationId,
-- cell) indexes: it read all 100 000 scores of the large merchant to find one
-- group (bench:customers: 145 to 226 ms at p95 for those three pages).
-- Like customer_search_ids, this SECURITY DEFINER function is owned by
-- stempel_search, which may read the scores of every organization (a policy for
-- it alone) but only inside its functions. It returns nothing but the customer
-- ids of the pinned organization in the group: nothing pinned, nothing found.
-- The caller joins them back to "Customer" under its own row-level security.
-- Prisma splits this file on every semicolon: the body writes them as \073.
GRANT SELECT ON "CustomerScore" TO stempel_search;
CREATE POLICY "CustomerScore_search" ON "CustomerScore" FOR SELECT TO stempel_search USING (true);

CREATE FUNCTION customer_score_group_ids(p_segment text, p_rung text, p_cell text) RETURNS TABLE(id text) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS E'
DECLARE
  org CONSTANT text := current_setting($q$app.org_id$q$, true)\073
  q text\073
BEGIN
  IF org IS NULL OR org = $q$$q$ THEN RETURN\073 END IF\073
  q := $q$SELECT s."customerId" FROM "CustomerScore" s WHERE s."organizationId" = $q$ || quote_literal(org)\073
  IF p_segment IS NOT NULL THEN q := q || $q$ AND s.segment = $q$ || quote_literal(p_segment) || $q$::"RfmSegment"$q$\073 END IF\073
  IF p_rung IS NOT NULL THEN q := q || $q$ AND s.rung = $q$ || quote_literal(p_rung) || $q$::"LoyaltyRung"$q$\073 END IF\073
  IF p_cell IS NOT NULL THEN q := q || $q$ AND s.cell = $q$ || quote_literal(p_cell) || $q$::"LoyaltyCell"$q$\073 END IF\073
  RETURN QUERY EXECUTE q\073
END';
ALTER FUNCTION customer_score_group_ids(text, text, text) OWNER TO stempel_search;
REVOKE ALL ON FUNCTION customer_score_group_ids(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION customer_score_group_ids(text, text, text) TO stempel_tenant;
