-- The audit trail is append-only (docs/audit.md).
-- UPDATE was already refused (AuditEvent_append_only, migration 20261125233000_customer_detail_audit).
-- DELETE is refused too, with two exceptions:
--  - the retention purge: purge_audit_events(cutoff), owned by stempel_audit_purge,
--    removes entries older than 24 months (never younger, whatever cutoff says)
--  - a cascade from deleting the whole organization (pg_trigger_depth() > 1).
-- Prisma's migration runner splits on every semicolon, so function bodies spell theirs as \073.
DO E'BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ''stempel_audit_purge'') THEN CREATE ROLE stempel_audit_purge NOLOGIN\073 END IF\073 END';
GRANT stempel_audit_purge TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO stempel_audit_purge;
GRANT SELECT, DELETE ON "AuditEvent" TO stempel_audit_purge;
CREATE POLICY "AuditEvent_purge_read" ON "AuditEvent" FOR SELECT TO stempel_audit_purge USING (true);
CREATE POLICY "AuditEvent_purge" ON "AuditEvent" FOR DELETE TO stempel_audit_purge USING (true);

CREATE FUNCTION "AuditEvent_forbid_delete"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF pg_trigger_depth() > 1 OR current_user = ''stempel_audit_purge'' THEN RETURN OLD\073 END IF\073 RAISE EXCEPTION ''AuditEvent is append-only''\073 END';
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_forbid_delete"();

-- The entries older than the retention period (24 months) and older than p_cutoff, across organizations. Returns how many.
CREATE FUNCTION purge_audit_events(p_cutoff timestamp) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS
  E'WITH gone AS (DELETE FROM "AuditEvent" WHERE "createdAt" < LEAST(p_cutoff, (now() AT TIME ZONE ''UTC'') - interval ''24 months'') RETURNING 1) SELECT count(*)::integer FROM gone';
ALTER FUNCTION purge_audit_events(timestamp) OWNER TO stempel_audit_purge;
REVOKE ALL ON FUNCTION purge_audit_events(timestamp) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_audit_events(timestamp) TO stempel_tenant;

-- The viewer filters by person and lists newest first.
CREATE INDEX "AuditEvent_organizationId_actorUserId_createdAt_idx" ON "AuditEvent"("organizationId", "actorUserId", "createdAt");
