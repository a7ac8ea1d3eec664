// The dispatch job (queued by the database triggers with the events, after
// commit): an organization's undispatched events become one delivery attempt
// per enabled endpoint that wants their type, each with its own job. Events
// are taken FOR UPDATE SKIP LOCKED, so two dispatchers never split one. Each
// event knows the request that caused it (WebhookEvent.requestId, written from
// the transaction's app.request_id), and its deliveries' jobs carry that id.
import { hasFeature } from "@/lib/billing/entitlements";
import { withRequestId } from "@/lib/log/request-context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { queueDelivery } from "./endpoints";

const BATCH = 200;

export async function dispatchWebhookEvents(orgId: string): Promise<{ events: number; deliveries: number }> {
  let events = 0;
  let deliveries = 0;
  for (;;) {
    const batch = await tenantDb({ orgId }).$transaction(async (tx, sql) => {
      const rows = await sql<{ id: string; type: string; requestId: string | null }>(
        `SELECT id, type, "requestId" FROM "WebhookEvent" WHERE "organizationId" = $1 AND "dispatchedAt" IS NULL
          ORDER BY "createdAt", id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [orgId],
      );
      if (!rows.length) return 0;
      // A plan without webhooks delivers nothing: the events are only marked dispatched.
      const endpoints = (await hasFeature(tx, "webhooks"))
        ? await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true } })
        : [];
      for (const event of rows) {
        for (const endpoint of endpoints.filter((e) => e.events.includes(event.type))) {
          // Its job carries the id of the request that caused the event: the delivery logs under it.
          await withRequestId(event.requestId ?? undefined, () => queueDelivery(tx, sql, orgId, { endpointId: endpoint.id, eventId: event.id }));
          deliveries++;
        }
      }
      await tx.webhookEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { dispatchedAt: new Date() } });
      return rows.length;
    });
    events += batch;
    if (batch < BATCH) return { events, deliveries };
  }
}
