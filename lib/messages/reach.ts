// Deliverability (Berichten → a campaign's "Bereik"): of the customers in an
// audience, who would get the message and how. One SQL statement classifies
// every customer; the sender (send.ts) claims its batches with the very same
// classification, so what the merchant is shown is what sending does.
//
// Per customer, in this order (docs/messages/engine.md):
//   NO_CONSENT   marketing, and no consent or unsubscribed
//   CAPPED       marketing, and ≥ the merchant's cap of messages in the last 7 days
//   APPLE        the card has an installed Apple pass
//   GOOGLE       a saved Google pass with < 3 notifying messages in 24 h (else GOOGLE_SILENT)
//   EMAIL        an email address
//   SMS          a phone number, and SMS configured
//   WEB          the web card: opened before, or the customer enrolled themselves
//   NONE         nothing reachable (also: no card left, e.g. erased)
// The card is the customer's card with an installed pass if any, else the most
// recently stamped one, else the newest.
import { sql, type RawBuilder } from "kysely";
import { run, sqlb } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { filteredCustomers, resolveFilter } from "@/lib/customers/customer-filter";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { audienceFilter, customerFilterOf, Audience } from "@/lib/validation/messages";
import type { CustomerFilter } from "@/lib/validation/customers";
import { smsConfigured } from "./sms";
import type { Reach } from "./types";

/** Google shows at most this many notifying messages per pass per 24 hours. */
export const GOOGLE_NOTIFY_PER_DAY = 3;

export type Bucket = "NO_CONSENT" | "CAPPED" | "APPLE" | "GOOGLE" | "GOOGLE_SILENT" | "EMAIL" | "SMS" | "WEB" | "NONE";

/** A saved filter as stored (SavedCustomerFilter.filter): re-read through the customer list's parser, so nothing else gets in. */
export function storedFilter(json: unknown): CustomerFilter {
  const params = new URLSearchParams();
  if (json && typeof json === "object") for (const [k, v] of Object.entries(json)) if (v !== null && v !== undefined) params.set(k, String(v));
  return customerFilterOf(params);
}

/** The audience's customers as a query selecting `customer_id`, inside the caller's pinned transaction. */
export async function audienceQuery(sql_: TenantSql, orgId: string, audience: Audience) {
  let saved: CustomerFilter | undefined;
  if (audience.kind === "saved") {
    const [row] = await run(sql_, sqlb.selectFrom("SavedCustomerFilter").select("filter").where("organizationId", "=", orgId).where("id", "=", audience.value));
    if (!row) throw new AppError("NOT_FOUND", "savedFilterNotFound");
    saved = storedFilter(row.filter);
  }
  const resolved = await resolveFilter(sql_, orgId, audienceFilter(audience, saved));
  return filteredCustomers(orgId, resolved).select("c.id as customer_id");
}

/**
 * The classification of `source` (a query with columns customer_id, marketing
 * and any others, passed through) as rows: the source's columns + card_id + bucket.
 * `perRow`: each customer's card is picked by its own index lookup (a sender's
 * batch of a few hundred). Otherwise all the source's cards are read and sorted
 * at once (a whole audience). The batch needs the lookup because it plans on the
 * statistics of a campaign planned seconds ago: PostgreSQL then expects one row,
 * and a nested loop re-ran the set form once per customer (500 × 500 rows).
 */
export function classify(orgId: string, source: RawBuilder<unknown>, now: Date, opts: { perRow?: boolean } = {}): RawBuilder<unknown> {
  const at = now.toISOString();
  const sms = smsConfigured();
  const columns = sql`k."customerId", k.id, k."appleInstalls", k."googleInstalled", k."webOpenedAt"`;
  const live = sql`k."organizationId" = ${orgId} AND k."erasedAt" IS NULL AND k."mergedIntoId" IS NULL`;
  const best = sql`(k."appleInstalls" > 0) DESC, k."googleInstalled" DESC, k."lastStampAt" DESC NULLS LAST, k."createdAt" DESC`;
  // The card each customer is reached on: a CTE over all the source's cards and a join on it, or a lookup per customer.
  const [cardsCte, cards] = opts.perRow
    ? [sql``, sql`LEFT JOIN LATERAL (SELECT ${columns} FROM "Card" k WHERE ${live} AND k."customerId" = c.id ORDER BY ${best} LIMIT 1) k ON true`]
    : [
        sql`cards AS (
      SELECT DISTINCT ON (k."customerId") ${columns}
        FROM "Card" k
       WHERE ${live} AND k."customerId" IN (SELECT customer_id FROM src)
       ORDER BY k."customerId", ${best}
    ),`,
        sql`LEFT JOIN cards k ON k."customerId" = c.id`,
      ];
  return sql`
    src AS (${source}),
    ${cardsCte}
    classified AS (
      SELECT s.*, k.id AS card_id,
        CASE
          WHEN s.marketing AND (NOT c."marketingConsent" OR c."unsubscribedAt" IS NOT NULL) THEN 'NO_CONSENT'
          WHEN s.marketing AND o."messageCapPerWeek" > 0 AND (
            SELECT count(*) FROM "Delivery" d
             WHERE d."organizationId" = ${orgId} AND d."customerId" = c.id
               AND d."createdAt" >= (${at}::timestamptz AT TIME ZONE 'UTC') - interval '7 days'
               AND d.status IN ('SENDING', 'DELIVERED', 'SILENT')) >= o."messageCapPerWeek" THEN 'CAPPED'
          WHEN k.id IS NULL THEN 'NONE'
          WHEN k."appleInstalls" > 0 THEN 'APPLE'
          WHEN k."googleInstalled" THEN
            CASE WHEN (SELECT count(*) FROM "WalletMessage" m
                        WHERE m."organizationId" = ${orgId} AND m."cardId" = k.id AND m.notify
                          AND m."createdAt" >= (${at}::timestamptz AT TIME ZONE 'UTC') - interval '24 hours') < ${GOOGLE_NOTIFY_PER_DAY}
                 THEN 'GOOGLE' ELSE 'GOOGLE_SILENT' END
          WHEN c.email IS NOT NULL THEN 'EMAIL'
          WHEN ${sms}::boolean AND c.phone IS NOT NULL THEN 'SMS'
          WHEN k."webOpenedAt" IS NOT NULL OR c.source NOT IN ('IMPORT', 'STAFF', 'API') THEN 'WEB'
          ELSE 'NONE'
        END AS bucket
      FROM src s
      JOIN "Customer" c ON c.id = s.customer_id AND c."organizationId" = ${orgId}
      CROSS JOIN (SELECT "messageCapPerWeek" FROM "Organization" WHERE id = ${orgId}) o
      ${cards}
    )`;
}

const EMPTY: Reach = { total: 0, noConsent: 0, capped: 0, apple: 0, googleNotify: 0, googleSilent: 0, email: 0, sms: 0, web: 0, none: 0 };
const FIELD: Record<Bucket, keyof Reach> = {
  NO_CONSENT: "noConsent",
  CAPPED: "capped",
  APPLE: "apple",
  GOOGLE: "googleNotify",
  GOOGLE_SILENT: "googleSilent",
  EMAIL: "email",
  SMS: "sms",
  WEB: "web",
  NONE: "none",
};

/** Reach of an audience inside a pinned transaction (one statement after resolving the filter). */
export async function reachIn(sql_: TenantSql, orgId: string, audience: Audience, marketing: boolean, now: Date): Promise<Reach> {
  const customers = await audienceQuery(sql_, orgId, audience);
  const source = sql`SELECT a.customer_id, ${marketing}::boolean AS marketing FROM (${customers}) a`;
  const q = sql<{ bucket: Bucket; n: number }>`WITH ${classify(orgId, source, now)} SELECT bucket, count(*)::int AS n FROM classified GROUP BY bucket`.compile(
    sqlb,
  );
  const rows = await sql_<{ bucket: Bucket; n: number }>(q.sql, [...q.parameters]);
  const reach = { ...EMPTY };
  for (const r of rows) {
    reach[FIELD[r.bucket]] += r.n;
    reach.total += r.n;
  }
  return reach;
}

/** What sending to `audience` now would do, bucket by bucket (managers and owners). */
export async function messageReach(ctx: TenantContext, rawAudience: Audience, opts: { marketing: boolean }, now = new Date()): Promise<Reach> {
  requireRole(ctx, "MANAGER");
  const audience = Audience.parse(rawAudience);
  return withTenantTransaction(ctx.orgId, (sql_) => reachIn(sql_, ctx.orgId, audience, opts.marketing, now));
}

/** How many customers are in the audience (whatever their reach). */
export async function audienceCount(ctx: TenantContext, rawAudience: Audience): Promise<number> {
  requireRole(ctx, "MANAGER");
  const audience = Audience.parse(rawAudience);
  return withTenantTransaction(ctx.orgId, async (sql_) => {
    const customers = await audienceQuery(sql_, ctx.orgId, audience);
    const q = sql<{ n: number }>`SELECT count(*)::int AS n FROM (${customers}) a`.compile(sqlb);
    const [r] = await sql_<{ n: number }>(q.sql, [...q.parameters]);
    return r.n;
  });
}
