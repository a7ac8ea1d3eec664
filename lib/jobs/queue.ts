// Deferred work (wallet pushes, Google Wallet patches) goes through pg-boss on
// the same PostgreSQL: a job is a row, written in the same transaction as the
// change that caused it, so a committed stamp always has its push job and a
// rolled-back one never does. Workers (lib/jobs/worker.ts) run in the server
// process or in `npm run worker`.
import PgBoss from "pg-boss";
import { env, envVar } from "@/lib/env";
import { currentRequestId } from "@/lib/log/request-context";
import { globalDb } from "@/lib/tenancy/global-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

export const SCHEMA = "pgboss";

/**
 * Queues. `short` policy + a singleton key (the card or program id): while a
 * job for that key is still waiting, further changes add nothing — the waiting
 * job will push the latest state anyway. A change made while the job runs
 * queues a new one.
 */
export const QUEUES = {
  appleCard: "apple-card-changed",
  appleProgram: "apple-program-changed",
  googleCard: "google-card-changed",
  googleProgram: "google-program-changed",
  googleMessage: "google-message",
  /** The welcome email for a new card (lib/enrollment/customer-emails.ts), keyed by the card. */
  welcomeEmail: "welcome-email",
  /** An email sent straight from a request, sent again if that failed (lib/email/send-email.ts), keyed by the outbox row. */
  emailRetry: "email-retry",
  /** A customer import (lib/customers/import/run-import.ts), keyed by the import: resumes where it stopped. */
  customerImport: "customer-import",
  /** A big merchant's insights scores (lib/insights/refresh-insights.ts), keyed by the organization. */
  insightsRefresh: "insights-refresh",
  /** A campaign sent to the end in batches (lib/messages/send.ts), keyed by the campaign: resumes after a restart. */
  campaignSend: "campaign-send",
  /** An organization's queued automation messages (lib/messages/send.ts), keyed by the organization. */
  messagesSend: "messages-send",
  /** Every minute (boss.schedule): due campaigns, automations, bonuses (lib/messages/scheduler.ts). */
  messagesTick: "messages-tick",
  /** An organization's new webhook events into deliveries (lib/webhooks/dispatch.ts), keyed by the organization; queued by the database triggers. */
  webhookDispatch: "webhook-dispatch",
  /** One webhook delivery attempt (lib/webhooks/deliver.ts), keyed by the delivery; retries are new attempts with their own job. */
  webhookDeliver: "webhook-deliver",
  /** Daily (boss.schedule): the audit trail's entries past the retention period removed (lib/audit/retention.ts). */
  auditPurge: "audit-purge",
  /** Every hour (boss.schedule): the trial reminder emails (lib/billing/trial-reminders.ts). */
  billingTrialReminders: "billing-trial-reminders",
  /** Every hour (boss.schedule): organizations past their 14-day undo window voided and erased (lib/organizations/deletion.ts). */
  organizationDeletions: "organization-deletions",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type CardJob = { orgId: string; cardId: string };
export type ProgramJob = { orgId: string; programId: string };
export type MessageJob = { orgId: string; cardId: string; messageId: string };
export type WelcomeEmailJob = { orgId: string; cardId: string; locale: string };
export type EmailRetryJob = { emailId: string };
export type CustomerImportJob = { orgId: string; importId: string };
export type InsightsRefreshJob = { orgId: string };
export type CampaignSendJob = { orgId: string; campaignId: string };
export type MessagesSendJob = { orgId: string };
export type WebhookDispatchJob = { orgId: string };
export type WebhookDeliverJob = { orgId: string; deliveryId: string };

/**
 * Queue policies (pg-boss): "short" — one waiting job per key. The senders are
 * "stately": also at most one running per key, so a campaign is never sent by
 * two workers at once (a batch left half-done is then surely orphaned and is
 * taken up again by the next run).
 */
const POLICY: Partial<Record<QueueName, "short" | "stately">> = { [QUEUES.campaignSend]: "stately", [QUEUES.messagesSend]: "stately" };

/**
 * How long a long job (a campaign, an import) works before it hands over to a
 * fresh job: at most 5 minutes, and half of JOBS_EXPIRE_SECONDS, so that it is
 * never still running when pg-boss takes it for dead and runs it again.
 */
export function jobBudgetMs(): number {
  return Math.min(5 * 60_000, (envVar("JOBS_EXPIRE_SECONDS") * 1000) / 2);
}

/** Retries: exponential backoff from JOBS_RETRY_DELAY_SECONDS (default 5 s), for about a day. */
function retryOptions(): PgBoss.RetryOptions {
  return { retryLimit: 20, retryDelay: env().JOBS_RETRY_DELAY_SECONDS, retryBackoff: true };
}

const g = globalThis as unknown as { stempelJobSender?: PgBoss };

// Sending needs no started boss (no polling, no maintenance): only its SQL,
// and that always runs on the caller's transaction (below).
const outsideTransaction = async (): Promise<never> => {
  throw new Error("jobs are enqueued inside the transaction of the change that causes them");
};
function sender(): PgBoss {
  g.stempelJobSender ??= new PgBoss({ schema: SCHEMA, db: { executeSql: outsideTransaction } });
  return g.stempelJobSender;
}

/**
 * Enqueues `name` for `key` inside `sql`'s (tenant) transaction: the job commits with the change, or neither does.
 * The job's data carries the current request id (lib/log/request-context.ts): the worker logs under it.
 */
export async function enqueue(
  name: QueueName,
  data:
    | CardJob
    | ProgramJob
    | MessageJob
    | WelcomeEmailJob
    | EmailRetryJob
    | CustomerImportJob
    | InsightsRefreshJob
    | CampaignSendJob
    | MessagesSendJob
    | WebhookDeliverJob,
  key: string,
  sql: TenantSql,
  options: { startAfter?: Date } = {},
): Promise<void> {
  const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await sql(text, values) }) };
  const requestId = currentRequestId();
  await sender().send(name, requestId ? { ...data, requestId } : data, { singletonKey: key, ...retryOptions(), ...options, db });
}

/**
 * Per queue: jobs waiting (created or to retry) and how long the oldest due one
 * has waited, in one query on pg-boss's index of waiting jobs (GET /metrics).
 */
export async function queueStats(): Promise<{ queue: string; depth: number; oldestAgeSeconds: number }[]> {
  // pgboss = SCHEMA (a tagged template takes no identifiers).
  const rows = await globalDb().$queryRaw<{ queue: string; depth: number; age: number }[]>`
    SELECT name AS queue, count(*)::int AS depth,
           COALESCE(EXTRACT(EPOCH FROM now() - min(start_after) FILTER (WHERE start_after <= now())), 0)::float8 AS age
      FROM pgboss.job WHERE state < 'active' GROUP BY name`;
  const found = new Map(rows.map((r) => [r.queue, r]));
  return Object.values(QUEUES).map((queue) => ({ queue, depth: found.get(queue)?.depth ?? 0, oldestAgeSeconds: found.get(queue)?.age ?? 0 }));
}

/** The queue pg-boss's scheduler sends through (its timekeeper's `__pgboss__send-it`). */
const CRON_QUEUE = "__pgboss__send-it";

/**
 * Creates or upgrades pg-boss's schema and our queues (as the owner), and lets
 * the app role use them. Run after the Prisma migrations by scripts/lib/migrate.ts.
 * Every queue's jobs expire after JOBS_EXPIRE_SECONDS: a job still active then is
 * taken to be dead (its worker was killed) and is retried (lib/jobs/worker.ts).
 */
export async function ensureJobSchema(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, schema: SCHEMA, supervise: false, schedule: false, max: 2 });
  boss.on("error", () => {});
  await boss.start();
  try {
    const expireInSeconds = envVar("JOBS_EXPIRE_SECONDS");
    // CRON_QUEUE: pg-boss's own, for `boss.schedule`; the workers (app role) cannot create it, and without it no schedule fires.
    for (const name of [...Object.values(QUEUES), CRON_QUEUE]) {
      const policy = name === CRON_QUEUE ? ("standard" as const) : (POLICY[name as QueueName] ?? ("short" as const));
      const options = { name, policy, expireInSeconds };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
    const db = boss.getDb();
    // The app role enqueues inside its tenant transactions and runs the workers.
    await db.executeSql(
      `GRANT USAGE ON SCHEMA ${SCHEMA} TO stempel_tenant;
       GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO stempel_tenant;
       GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO stempel_tenant;
       GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${SCHEMA} TO stempel_tenant;
       ALTER DEFAULT PRIVILEGES IN SCHEMA ${SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stempel_tenant`,
      [],
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
