// Job handlers: tell every device holding a changed pass to fetch it again.
//  - 410 Unregistered: the pass is gone from that device; the registration is closed.
//  - 400 BadDeviceToken: the token never works; the registration is closed too.
//  - 429 / 5xx / 403 / unreachable: the job fails and pg-boss retries it with
//    backoff; a repeated push is harmless (the device gets a 304 for passes it has).
import { run, sqlb, type Row } from "@/lib/db/sql";
import { serviceTimeoutMs } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { countDelivery } from "@/lib/metrics/metrics";
import type { CardJob, ProgramJob } from "@/lib/jobs/queue";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { ApnsClient, retryable, type PushOutcome } from "./apns";
import { appleConfig } from "./config";
import { closeRegistrations } from "./registrations";

const g = globalThis as unknown as { stempelApns?: { key: string; client: ApnsClient } };

/** One client (one HTTP/2 connection) per configuration, shared by all jobs. */
export function apnsClient(): ApnsClient | null {
  const c = appleConfig();
  if (!c.apns.url) return null;
  const timeoutMs = serviceTimeoutMs();
  const key = JSON.stringify([c.apns.url, c.passTypeIdentifier, c.apns.auth.kind, c.apns.auth.key, c.apns.ca, timeoutMs]);
  if (g.stempelApns?.key !== key) {
    g.stempelApns?.client.close();
    g.stempelApns = { key, client: new ApnsClient({ url: c.apns.url, topic: c.passTypeIdentifier, auth: c.apns.auth, ca: c.apns.ca, timeoutMs }) };
  }
  return g.stempelApns.client;
}

export class PushesToRetry extends Error {}

type Registration = Pick<Row<"PassRegistration">, "id" | "cardId" | "pushToken">;

async function deliver(orgId: string, registrations: Registration[]): Promise<{ sent: number; removed: number }> {
  if (!registrations.length) return { sent: 0, removed: 0 };
  const client = apnsClient();
  if (!client) {
    logger.info({ orgId, devices: registrations.length }, "APNs not configured (APNS_URL): pass update not pushed");
    return { sent: 0, removed: 0 };
  }
  const tokens = [...new Set(registrations.map((r) => r.pushToken))];
  const outcomes = new Map<string, PushOutcome>((await client.pushMany(tokens)).map((o) => [o.token, o]));
  // 410: the pass left the device. 400 BadDeviceToken: the token will never work (invented, or
  // from another APNs environment). Either way the registration is closed and the install
  // count goes down, so no later change fans out to it again.
  const dead = (r: Registration) => {
    const o = outcomes.get(r.pushToken);
    return o?.status === 410 || (o?.status === 400 && o.reason === "BadDeviceToken");
  };
  const gone = registrations.filter(dead);
  if (gone.length) await withTenantTransaction(orgId, (sql) => closeRegistrations(sql, orgId, "apns", { ids: gone.map((r) => r.id) }));
  for (const o of outcomes.values()) {
    if (o.status === 400 && o.reason !== "BadDeviceToken") logger.warn({ orgId, reason: o.reason }, "APNs refused a push");
  }
  const again = [...outcomes.values()].filter(retryable);
  // Per device token: delivered, gone (410 / BadDeviceToken), refused for another reason, to retry.
  const all = [...outcomes.values()];
  const sent = all.filter((o) => o.status === 200).length;
  const unregistered = all.filter((o) => o.status === 410 || (o.status === 400 && o.reason === "BadDeviceToken")).length;
  const refused = all.length - sent - unregistered - again.length;
  countDelivery("apns", "sent", sent);
  countDelivery("apns", "unregistered", unregistered);
  countDelivery("apns", "refused", refused);
  countDelivery("apns", "retry", again.length);
  logger.debug({ orgId, pushes: tokens.length, sent, unregistered, refused, retry: again.length }, "APNs pushes delivered");
  if (again.length) {
    const sample = again[0];
    throw new PushesToRetry(`APNs: ${again.length} of ${tokens.length} pushes to retry (e.g. ${sample.status || "unreachable"} ${sample.reason ?? ""})`);
  }
  return { sent: tokens.length, removed: gone.length };
}

// Plain SQL in the tenant transaction: a campaign reads tens of thousands of rows.
const active = (orgId: string) =>
  sqlb
    .selectFrom("PassRegistration as r")
    .innerJoin("Card as c", (j) => j.onRef("c.id", "=", "r.cardId").onRef("c.organizationId", "=", "r.organizationId"))
    .select(["r.id", "r.cardId", "r.pushToken"])
    .where("r.organizationId", "=", orgId)
    .where("r.unregisteredAt", "is", null)
    .where("c.erasedAt", "is", null);

export async function pushCardChanged({ orgId, cardId }: CardJob) {
  const registrations = await withTenantTransaction(orgId, (sql) => run(sql, active(orgId).where("c.id", "=", cardId)));
  return deliver(orgId, registrations);
}

export async function pushProgramChanged({ orgId, programId }: ProgramJob) {
  const registrations = await withTenantTransaction(orgId, (sql) => run(sql, active(orgId).where("c.programId", "=", programId)));
  return deliver(orgId, registrations);
}
