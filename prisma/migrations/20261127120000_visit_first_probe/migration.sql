-- The stamp path, cheaper (issue 18): the Visit trigger of migration 20261126040000_insights_speed
-- ran four more statements after its upsert on every stamp (delete emptied days, find each
-- touched customer's first day, clear and set the flag), 0.5-1 ms of a stamp's 3-5 ms write on
-- the large seed. They can only change something when a new day has no first day before it, or
-- when an undo emptied a day, so the trigger now checks that first (the upsert says which rows
-- it inserted: xmax = 0) and otherwise stops. Unchanged otherwise.
-- Prisma's migration runner splits on every semicolon, so the body spells it \073 and no
-- comment here has one.

CREATE OR REPLACE FUNCTION "Visit_from_events"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  t_org text[]\073
  t_customer text[]\073
  t_day date[]\073
  t_stamps int[]\073
  t_new boolean[]\073
  f_org text[]\073
  f_customer text[]\073
  f_day date[]\073
BEGIN
  -- Nothing to do for a statement without stamps or undos (enrollments, imports, redeems).
  SELECT array_agg(DISTINCT e."organizationId"), array_agg(DISTINCT k."customerId") INTO f_org, f_customer
    FROM new_events e JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
   WHERE e.type IN (''STAMP'', ''UNDO'')\073
  IF f_customer IS NULL THEN
    RETURN NULL\073
  END IF\073
  PERFORM 1 FROM "Customer" c
    WHERE c."organizationId" = ANY (f_org) AND c.id = ANY (f_customer)
    ORDER BY c."organizationId", c.id FOR NO KEY UPDATE OF c\073
  WITH ev AS (
    SELECT e."organizationId" AS org, k."customerId" AS customer, o.timezone AS tz,
           coalesce(r."createdAt", e."createdAt") AS at,
           CASE WHEN e.type = ''STAMP'' THEN e.amount ELSE -r.amount END AS stamps,
           CASE WHEN e.type = ''STAMP'' THEN coalesce(e."spendCents", 0) ELSE -coalesce(r."spendCents", 0) END AS spend,
           e."locationId" AS location, coalesce(e."actorMembershipId", m.id) AS membership
      FROM new_events e
      JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
      JOIN "Organization" o ON o.id = e."organizationId"
      LEFT JOIN "CardEvent" r ON e.type = ''UNDO'' AND r."organizationId" = e."organizationId" AND r.id = e."reversesId" AND r.type = ''STAMP''
      LEFT JOIN "Membership" m ON e."actorMembershipId" IS NULL AND m."organizationId" = e."organizationId" AND m."userId" = e."actorUserId"
     WHERE e.type = ''STAMP'' OR r.id IS NOT NULL
  ), agg AS (
    SELECT org, customer, ((at AT TIME ZONE ''UTC'') AT TIME ZONE tz)::date AS day, min(tz) AS tz,
           sum(stamps)::int AS stamps, sum(spend)::int AS spend,
           (array_agg(at ORDER BY stamps <= 0, at))[1] AS first_at,
           (array_agg(location ORDER BY stamps <= 0, at))[1] AS location,
           (array_agg(membership ORDER BY stamps <= 0, at))[1] AS membership
      FROM ev GROUP BY 1, 2, 3
  ), up AS (
    INSERT INTO "Visit" AS v ("organizationId", "customerId", day, "firstAt", hour, "locationId", "membershipId", stamps, "spendCents")
    SELECT org, customer, day, first_at, extract(hour FROM (first_at AT TIME ZONE ''UTC'') AT TIME ZONE tz)::smallint,
           location, membership, stamps, spend
      FROM agg ORDER BY day
    ON CONFLICT ("organizationId", "customerId", day) DO UPDATE SET
      stamps = v.stamps + excluded.stamps,
      "spendCents" = v."spendCents" + excluded."spendCents",
      "firstAt" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."firstAt" ELSE v."firstAt" END,
      hour = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded.hour ELSE v.hour END,
      "locationId" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."locationId" ELSE v."locationId" END,
      "membershipId" = CASE WHEN excluded.stamps > 0 AND excluded."firstAt" < v."firstAt" THEN excluded."membershipId" ELSE v."membershipId" END
    RETURNING v."organizationId", v."customerId", v.day, v.stamps, v.xmax = 0 AS inserted
  )
  SELECT array_agg(up."organizationId"), array_agg(up."customerId"), array_agg(up.day), array_agg(up.stamps), array_agg(up.inserted)
    INTO t_org, t_customer, t_day, t_stamps, t_new FROM up\073
  IF t_org IS NULL THEN
    RETURN NULL\073
  END IF\073
  -- Which day is a customer''s first changes only with a new day that has no first day before
  -- it, or with a day an undo emptied. A stamp on a day that already had a visit, or on a new
  -- day after the first one, leaves every flag as it is: one index probe, and done.
  IF NOT EXISTS (
    SELECT 1 FROM unnest(t_org, t_customer, t_day, t_stamps, t_new) AS g(org, customer, day, stamps, new)
     WHERE g.stamps <= 0
        OR (g.new AND NOT EXISTS (SELECT 1 FROM "Visit" w
                                   WHERE w."organizationId" = g.org AND w."customerId" = g.customer AND w."first" AND w.day < g.day))
  ) THEN
    RETURN NULL\073
  END IF\073
  DELETE FROM "Visit" v USING unnest(t_org, t_customer, t_day, t_stamps) AS g(org, customer, day, stamps)
   WHERE g.stamps <= 0 AND v."organizationId" = g.org AND v."customerId" = g.customer AND v.day = g.day AND v.stamps <= 0\073
  -- Each touched customer''s first visit: their earliest day left (none when no visit is left).
  SELECT array_agg(t.org), array_agg(t.customer), array_agg(t.first_day) INTO f_org, f_customer, f_day
    FROM (SELECT u.org, u.customer,
                 (SELECT min(w.day) FROM "Visit" w WHERE w."organizationId" = u.org AND w."customerId" = u.customer) AS first_day
            FROM (SELECT DISTINCT org, customer FROM unnest(t_org, t_customer) AS x(org, customer)) u) t\073
  UPDATE "Visit" v SET "first" = false
    FROM unnest(f_org, f_customer, f_day) AS f(org, customer, day)
   WHERE v."organizationId" = f.org AND v."customerId" = f.customer AND v."first" AND v.day IS DISTINCT FROM f.day\073
  UPDATE "Visit" v SET "first" = true
    FROM unnest(f_org, f_customer, f_day) AS f(org, customer, day)
   WHERE v."organizationId" = f.org AND v."customerId" = f.customer AND v.day = f.day AND NOT v."first"\073
  RETURN NULL\073
END';

