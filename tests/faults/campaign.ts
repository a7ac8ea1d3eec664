// A campaign audience for the fault tests, and what of a campaign reached the
// stand-ins, keyed by what a receiver could dedupe on.
import type { Cluster } from "./cluster";

export type Audience = { apple: number; google: number; email: number };

/**
 * `apple + google + email` customers with marketing consent and a card: the
 * first with an Apple pass (one device registration each), then Google passes,
 * then email only. Three statements (seeding thousands through the API would
 * take longer than the test).
 */
export async function seedAudience(c: Cluster, orgId: string, programId: string, a: Audience): Promise<void> {
  const total = a.apple + a.google + a.email;
  await c.query(`UPDATE "Organization" SET "messageCapPerWeek" = 0 WHERE id = $1`, [orgId]);
  await c.query(
    `INSERT INTO "Customer" (id, "organizationId", name, email, "marketingConsent", "marketingConsentAt", "createdAt", "updatedAt")
     SELECT 'fk' || g, $1, 'Klant ' || g, 'klant' || g || '@faults.example.nl', true, now(), now(), now() FROM generate_series(1, $2) g`,
    [orgId, total],
  );
  await c.query(
    `INSERT INTO "Card" (id, "organizationId", "programId", "customerId", serial, "authToken", "webToken", "appleInstalls", "googleInstalled", "updatedAt")
     SELECT 'fkc' || g, $1, $2, 'fk' || g, upper(substr(md5('s' || g || $1), 1, 12)), md5('a' || g || $1), md5('w' || g || $1),
            CASE WHEN g <= $3 THEN 1 ELSE 0 END, g > $3 AND g <= $3 + $4, now()
       FROM generate_series(1, $5) g`,
    [orgId, programId, a.apple, a.google, total],
  );
  await c.query(
    `INSERT INTO "PassRegistration" (id, "organizationId", "cardId", "deviceLibraryIdentifier", "passTypeIdentifier", "pushToken", "updatedAt")
     SELECT 'fkr' || g, $1, 'fkc' || g, md5('d' || g), 'pass.nl.stempel.dev', md5('t' || g) || md5('u' || g), now() FROM generate_series(1, $2) g`,
    [orgId, a.apple],
  );
}

/**
 * The campaign's deliveries in the database: by status for the seeded audience,
 * how many were delivered in all, and the most deliveries one customer has.
 */
export async function deliveryStatuses(c: Cluster, campaignId: string) {
  const audience = await c.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM "Delivery" WHERE "campaignId" = $1 AND "customerId" LIKE 'fk%' GROUP BY status ORDER BY status`,
    [campaignId],
  );
  const [{ delivered, perCustomer }] = await c.query<{ delivered: number; perCustomer: number }>(
    `SELECT count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered,
            (SELECT COALESCE(max(n), 0)::int FROM (SELECT count(*) AS n FROM "Delivery" WHERE "campaignId" = $1 GROUP BY "customerId") x) AS "perCustomer"
       FROM "Delivery" WHERE "campaignId" = $1`,
    [campaignId],
  );
  return { audience, delivered, perCustomer };
}

const tally = (keys: string[]) => {
  const per = new Map<string, number>();
  for (const k of keys) per.set(k, (per.get(k) ?? 0) + 1);
  return per;
};
const extra = (per: Map<string, number>) => [...per.values()].reduce((n, k) => n + k - 1, 0);

/**
 * What of campaign `campaignId` reached the stand-ins: APNs pushes per device
 * token, Google messages per message id (the delivery's id), emails per
 * Message-ID (the delivery's id, lib/email/send-email.ts); how many distinct
 * ones, and how many arrived more than once.
 */
export async function reached(c: Cluster, orgId: string, campaignId: string) {
  const tokens = (await c.query<{ token: string }>(`SELECT "pushToken" AS token FROM "PassRegistration" WHERE "organizationId" = $1`, [orgId])).map(
    (t) => t.token,
  );
  const deliveryIds = new Set((await c.query<{ id: string }>(`SELECT id FROM "Delivery" WHERE "campaignId" = $1`, [campaignId])).map((d) => d.id));
  const ours = new Set(tokens);
  const pushes = tally(c.apns.pushes.map((p) => p.token).filter((t) => ours.has(t)));
  const google = tally([...c.google.objects.values()].flatMap((o) => (o.messages ?? []).map((m) => m.id).filter((id) => deliveryIds.has(id))));
  const mailIds = c.smtp.received.map((r) => /^Message-ID:\s*<([^@>]+)@stempel\.outbox>/im.exec(r.raw)?.[1] ?? "");
  const mails = tally(mailIds.filter((id) => deliveryIds.has(id)));
  return {
    /** Device tokens that got no push. */
    tokensMissed: tokens.filter((t) => !pushes.has(t)),
    googleMessages: google.size,
    emails: mails.size,
    duplicates: { apnsPushes: extra(pushes), googleMessages: extra(google), emails: extra(mails) },
  };
}

/** Webhook requests per webhook-id (the event's id: what a receiver dedupes on), from `since` (ms). */
export function webhooksById(c: Cluster, since = 0) {
  return tally(c.hooks.received.filter((r) => r.at >= since).map((r) => r.headers["webhook-id"]));
}
