-- A deleted organization keeps its audit trail (who did what, when, as ids),
-- but not the personal data in it: addresses, browsers, before/after values and
-- details (names, emails). redact_audit_events(org) blanks those fields, and
-- only for an organization whose deletion has been carried out (deletedAt set,
-- lib/organizations/deletion.ts closeOrganization). The trail stays append-only
-- for everyone else: the update trigger lets only stempel_audit_purge through.
GRANT UPDATE ON "AuditEvent" TO stempel_audit_purge;
CREATE POLICY "AuditEvent_redact" ON "AuditEvent" FOR UPDATE TO stempel_audit_purge USING (true) WITH CHECK (true);
GRANT SELECT ON "Organization" TO stempel_audit_purge;
CREATE POLICY "Organization_audit_purge" ON "Organization" FOR SELECT TO stempel_audit_purge USING (true);

CREATE OR REPLACE FUNCTION "AuditEvent_forbid_update"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF current_user = ''stempel_audit_purge'' THEN RETURN NEW\073 END IF\073 RAISE EXCEPTION ''AuditEvent is append-only''\073 END';

CREATE FUNCTION redact_audit_events(p_org text) RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS
  E'WITH done AS (UPDATE "AuditEvent" SET ip = NULL, "userAgent" = NULL, "before" = NULL, "after" = NULL, details = ''{}''::jsonb WHERE "organizationId" = p_org AND EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = p_org AND o."deletedAt" IS NOT NULL) RETURNING 1) SELECT count(*)::integer FROM done';
ALTER FUNCTION redact_audit_events(text) OWNER TO stempel_audit_purge;
REVOKE ALL ON FUNCTION redact_audit_events(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redact_audit_events(text) TO stempel_tenant;
