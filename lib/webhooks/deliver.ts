// One delivery attempt (the webhook-deliver job): sign, POST under the SSRF
// policy with a timeout, record the request and the answer. A failure queues
// the next attempt on the retry schedule (WEBHOOKS_RETRY_SCHEDULE, about a day
// in all). When the last one fails too and the endpoint has not succeeded once
// since this event's first attempt, the endpoint is switched off and its
// owners get an email. Manual attempts (test, redeliver) are not retried.
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { countDelivery } from "@/lib/metrics/metrics";
import { sendEmail } from "@/lib/email/send-email";
import type { WebhookDeliverJob } from "@/lib/jobs/queue";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { auditWebhook } from "./audit";
import { queueDelivery } from "./endpoints";
import { webhookBody } from "./events";
import { disabledEmail } from "./email";
import { isPublicAddress, postGuarded, type OutboundPolicy } from "./ssrf";
import { webhookHeaders } from "./signing";

const EXCERPT = 4096;

export function retrySchedule(): number[] {
  return env()
    .WEBHOOKS_RETRY_SCHEDULE.split(",")
    .map((s) => Number(s.trim()));
}

export function outboundPolicy(): OutboundPolicy {
  const e = env();
  return { timeoutMs: e.WEBHOOKS_TIMEOUT_SECONDS * 1000, allowed: e.WEBHOOKS_ALLOW_PRIVATE === "1" ? () => true : isPublicAddress };
}

export async function deliverWebhook(job: WebhookDeliverJob, policy: OutboundPolicy = outboundPolicy()): Promise<string> {
  const t = tenantDb({ orgId: job.orgId });
  const d = await t.webhookDelivery.findFirst({ where: { id: job.deliveryId }, include: { endpoint: true, event: true } });
  if (!d || d.status !== "PENDING") return "gone";
  if (!d.endpoint.enabled && !d.manual) {
    await t.webhookDelivery.update({ where: { id: d.id }, data: { status: "SKIPPED", error: "endpoint disabled", finishedAt: new Date() } });
    countDelivery("webhook", "skipped");
    return "skipped";
  }
  const body = webhookBody(d.event);
  const headers = webhookHeaders(d.endpoint.secret, d.event.id, body);
  const r = await postGuarded(d.endpoint.url, headers, body, policy);
  const ok = r.status !== null && r.status >= 200 && r.status < 300;
  const now = new Date();
  const schedule = retrySchedule();
  const retryIn = !ok && !d.manual && d.attempt <= schedule.length ? schedule[d.attempt - 1] : null;

  const disabled = await t.$transaction(async (tx, sql) => {
    const nextAttemptAt = retryIn === null ? null : new Date(now.getTime() + retryIn * 1000);
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status: ok ? "SUCCEEDED" : "FAILED",
        requestHeaders: { ...headers, url: r.url },
        requestBody: body.slice(0, EXCERPT),
        responseStatus: r.status,
        responseBody: r.body,
        durationMs: r.durationMs,
        error: r.error ?? (ok ? null : `HTTP ${r.status}`),
        nextAttemptAt,
        finishedAt: now,
      },
    });
    if (ok) {
      await tx.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
      return false;
    }
    await tx.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: null }, data: { failingSince: now } });
    if (nextAttemptAt) {
      await queueDelivery(tx, sql, job.orgId, { endpointId: d.endpointId, eventId: d.eventId, attempt: d.attempt + 1, scheduledAt: nextAttemptAt });
      return false;
    }
    if (d.manual) return false;
    // The last retry failed: off, when nothing succeeded since this event's first attempt.
    const first = await tx.webhookDelivery.findFirst({
      where: { endpointId: d.endpointId, eventId: d.eventId, attempt: 1, manual: false },
      select: { finishedAt: true },
    });
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: d.endpointId }, select: { enabled: true, failingSince: true } });
    if (!endpoint?.enabled || !endpoint.failingSince || !first?.finishedAt || endpoint.failingSince > first.finishedAt) return false;
    await tx.webhookEndpoint.update({ where: { id: d.endpointId }, data: { enabled: false, disabledAt: now, disabledReason: "failing" } });
    await auditWebhook(tx, job.orgId, null, "webhook.autoDisable", d.endpointId, { eventId: d.eventId, failingSince: endpoint.failingSince.toISOString() });
    return true;
  });

  if (disabled) await notifyOwners(job.orgId, d.endpoint.url, r.error ?? `HTTP ${r.status}`);
  if (!ok) logger.info({ deliveryId: d.id, status: r.status, error: r.error, retryIn }, "webhook delivery failed");
  else logger.debug({ deliveryId: d.id, status: r.status }, "webhook delivered");
  const result = ok ? "delivered" : retryIn === null ? "failed" : "retrying";
  countDelivery("webhook", result);
  return result;
}

async function notifyOwners(orgId: string, url: string, reason: string): Promise<void> {
  const t = tenantDb({ orgId });
  const [org, owners] = await Promise.all([
    t.organization.findFirst({ where: { id: orgId }, select: { name: true, locale: true } }),
    t.membership.findMany({ where: { role: "OWNER", removedAt: null, userId: { not: null } }, select: { user: { select: { email: true } } } }),
  ]);
  for (const o of owners) {
    if (!o.user?.email) continue;
    await sendEmail({ to: o.user.email, ...disabledEmail(org?.locale === "en" ? "en" : "nl", { shop: org?.name ?? "", url, reason }) }).catch((e: Error) =>
      logger.error({ error: e.message }, "webhook disabled email not sent"),
    );
  }
}
