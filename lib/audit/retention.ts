// How long the audit trail is kept: 24 months (docs/audit.md, the viewer says
// so too). A daily job (lib/jobs/worker.ts) removes older entries through
// purge_audit_events (migration 20261126071000_audit): the only way an entry is
// ever deleted, besides deleting the whole organization. The database clamps the
// cutoff, so even a wrong one never removes an entry younger than 24 months.
import { globalDb } from "@/lib/tenancy/global-db";

export const AUDIT_RETENTION_MONTHS = 24;

/** The moment before which entries are removed: `now` minus AUDIT_RETENTION_MONTHS. */
export function auditCutoff(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - AUDIT_RETENTION_MONTHS);
  return d;
}

/** Removes the entries older than the retention period, across organizations; returns how many. */
export async function purgeAuditEvents(now = new Date()): Promise<{ removed: number }> {
  const cutoff = auditCutoff(now).toISOString();
  const [row] = await globalDb().$queryRaw<{ removed: number }[]>`SELECT purge_audit_events(${cutoff}::timestamp) AS removed`;
  return { removed: row?.removed ?? 0 };
}
