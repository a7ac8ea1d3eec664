// Managing webhook endpoints (dashboard → Instellingen → Webhooks): owners and
// managers only, every change in the audit trail. A test event and a manual
// redelivery are one delivery attempt each, queued like any other.
import { randomUUID } from "node:crypto";
import { assertFeature } from "@/lib/billing/entitlements";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { diff } from "@/lib/audit/diff";
import { auditWebhook } from "./audit";
import { PAYLOAD_VERSION, TEST_EVENT_TYPE, WEBHOOK_EXAMPLES } from "./events";
import type { WebhookEndpointRequest } from "./schemas";
import { newWebhookSecret } from "./signing";

export const MAX_ENDPOINTS = 10;

export function newEventId(): string {
  return `msg_${randomUUID().replace(/-/g, "")}`;
}

function checkUrl(url: string): void {
  // Plain http only for local tests (the same switch that allows private addresses).
  if (!url.startsWith("https://") && env().WEBHOOKS_ALLOW_PRIVATE !== "1") {
    throw new AppError("VALIDATION", "httpsRequired", { url: ["httpsRequired"] });
  }
}

async function own(tx: TenantTx, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId } });
  if (!endpoint) throw new AppError("NOT_FOUND");
  return endpoint;
}

/** One attempt of `eventId` to `endpointId`, with its job, in `sql`'s transaction. */
export async function queueDelivery(
  tx: TenantTx,
  sql: TenantSql,
  orgId: string,
  d: { endpointId: string; eventId: string; attempt?: number; manual?: boolean; scheduledAt?: Date },
): Promise<string> {
  const id = randomUUID();
  await tx.webhookDelivery.create({
    data: {
      id,
      organizationId: orgId,
      endpointId: d.endpointId,
      eventId: d.eventId,
      attempt: d.attempt ?? 1,
      manual: d.manual ?? false,
      scheduledAt: d.scheduledAt ?? new Date(),
    },
  });
  await enqueue(QUEUES.webhookDeliver, { orgId, deliveryId: id }, id, sql, d.scheduledAt ? { startAfter: d.scheduledAt } : {});
  return id;
}

export async function listEndpoints(ctx: TenantContext) {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const endpoints = await t.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" } });
  const last = await Promise.all(
    endpoints.map((e) =>
      t.webhookDelivery.findFirst({
        where: { endpointId: e.id, status: { in: ["SUCCEEDED", "FAILED"] } },
        orderBy: { finishedAt: "desc" },
        select: { status: true, responseStatus: true, finishedAt: true },
      }),
    ),
  );
  return endpoints.map((e, i) => ({ ...e, lastDelivery: last[i] }));
}

export async function getEndpoint(ctx: TenantContext, endpointId: string) {
  requireRole(ctx, "MANAGER");
  const endpoint = await tenantDb(ctx).webhookEndpoint.findFirst({ where: { id: endpointId } });
  if (!endpoint) throw new AppError("NOT_FOUND");
  return endpoint;
}

/** The delivery log of one endpoint, newest first, with each attempt's event. */
export async function listDeliveries(ctx: TenantContext, endpointId: string, take = 50) {
  requireRole(ctx, "MANAGER");
  return tenantDb(ctx).webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { attempt: "desc" }],
    take,
    include: { event: { select: { id: true, type: true, createdAt: true } } },
  });
}

export async function createEndpoint(ctx: TenantContext, input: WebhookEndpointRequest) {
  requireRole(ctx, "MANAGER");
  checkUrl(input.url);
  return tenantDb(ctx).$transaction(async (tx) => {
    await assertFeature(tx, "webhooks");
    if ((await tx.webhookEndpoint.count()) >= MAX_ENDPOINTS) throw new AppError("VALIDATION", "tooManyEndpoints", { url: ["tooManyEndpoints"] });
    const endpoint = await tx.webhookEndpoint.create({
      data: { organizationId: ctx.orgId, url: input.url, description: input.description, events: input.events, secret: newWebhookSecret() },
    });
    await auditWebhook(tx, ctx.orgId, ctx.userId, "webhook.create", endpoint.id, { url: input.url, events: input.events });
    return { id: endpoint.id, secret: endpoint.secret };
  });
}

export async function updateEndpoint(ctx: TenantContext, endpointId: string, input: WebhookEndpointRequest) {
  requireRole(ctx, "MANAGER");
  checkUrl(input.url);
  await tenantDb(ctx).$transaction(async (tx) => {
    const before = await own(tx, endpointId);
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { url: input.url, description: input.description, events: input.events } });
    await auditWebhook(
      tx,
      ctx.orgId,
      ctx.userId,
      "webhook.update",
      endpointId,
      { from: { url: before.url, events: before.events }, to: { url: input.url, events: input.events } },
      diff(before, input, ["url", "description", "events"]),
    );
  });
}

/** Turns an endpoint on or off by hand; switching on also forgets its failures. */
export async function setEndpointEnabled(ctx: TenantContext, endpointId: string, enabled: boolean) {
  requireRole(ctx, "MANAGER");
  await tenantDb(ctx).$transaction(async (tx) => {
    await own(tx, endpointId);
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
        : { enabled: false, disabledAt: new Date(), disabledReason: "manual" },
    });
    await auditWebhook(tx, ctx.orgId, ctx.userId, enabled ? "webhook.enable" : "webhook.disable", endpointId);
  });
}

export async function deleteEndpoint(ctx: TenantContext, endpointId: string) {
  requireRole(ctx, "MANAGER");
  await tenantDb(ctx).$transaction(async (tx) => {
    const before = await own(tx, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await auditWebhook(tx, ctx.orgId, ctx.userId, "webhook.delete", endpointId, { url: before.url });
  });
}

/** "Testbericht sturen": a webhook.test event to this endpoint only (also when it is switched off). */
export async function sendTestEvent(ctx: TenantContext, endpointId: string) {
  requireRole(ctx, "MANAGER");
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    await own(tx, endpointId);
    const event = await tx.webhookEvent.create({
      data: {
        id: newEventId(),
        organizationId: ctx.orgId,
        type: TEST_EVENT_TYPE,
        version: PAYLOAD_VERSION,
        payload: WEBHOOK_EXAMPLES[TEST_EVENT_TYPE] as object,
        dispatchedAt: new Date(),
      },
    });
    const deliveryId = await queueDelivery(tx, sql, ctx.orgId, { endpointId, eventId: event.id, manual: true });
    await auditWebhook(tx, ctx.orgId, ctx.userId, "webhook.test", endpointId, { eventId: event.id });
    return { eventId: event.id, deliveryId };
  });
}

/** "Opnieuw versturen": the same event (same webhook-id) once more to the same endpoint. */
export async function redeliver(ctx: TenantContext, deliveryId: string) {
  requireRole(ctx, "MANAGER");
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const d = await tx.webhookDelivery.findFirst({ where: { id: deliveryId } });
    if (!d) throw new AppError("NOT_FOUND");
    const id = await queueDelivery(tx, sql, ctx.orgId, { endpointId: d.endpointId, eventId: d.eventId, manual: true });
    await auditWebhook(tx, ctx.orgId, ctx.userId, "webhook.redeliver", d.endpointId, { eventId: d.eventId, deliveryId: id });
    return { deliveryId: id };
  });
}
