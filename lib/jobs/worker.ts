// The job workers: a started pg-boss (polling, retries, maintenance) that runs
// the handlers below. Started by the production server (scripts/server.ts)
// unless STEMPEL_WORKERS=off, or on its own with `npm run worker`.
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { purgeAuditEvents } from "@/lib/audit/retention";
import { runCustomerImport } from "@/lib/customers/import/run-import";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { retryEmail } from "@/lib/email/send-email";
import { sendWelcomeEmail } from "@/lib/enrollment/customer-emails";
import { sendTrialReminders } from "@/lib/billing/trial-reminders";
import { logger } from "@/lib/log/logger";
import { withRequestId } from "@/lib/log/request-context";
import { runMessageScheduler } from "@/lib/messages/scheduler";
import { sendAutomationMessages, sendCampaign } from "@/lib/messages/send";
import { pushCardChanged, pushProgramChanged } from "@/lib/wallet/apple/push-updates";
import { deliverMessage } from "@/lib/wallet/messages";
import { syncGoogleCard, syncGoogleProgram } from "@/lib/wallet/google/sync";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import type { WebhookDeliverJob, WebhookDispatchJob } from "./queue";
import { runDueDeletions } from "@/lib/organizations/deletion";
import {
  QUEUES,
  SCHEMA,
  type CardJob,
  type MessageJob,
  type ProgramJob,
  type WelcomeEmailJob,
  type EmailRetryJob,
  type CustomerImportJob,
  type InsightsRefreshJob,
  type CampaignSendJob,
  type MessagesSendJob,
} from "./queue";

export async function startWorkers(connectionString = env().DATABASE_URL): Promise<PgBoss> {
  // A killed worker's job is found when it expires (JOBS_EXPIRE_SECONDS, lib/jobs/queue.ts) by pg-boss's maintenance,
  // run by one worker at a time: every sixth of that, at most a minute (pg-boss's default is 2 minutes).
  const maintenanceIntervalSeconds = Math.min(60, Math.max(1, Math.round(env().JOBS_EXPIRE_SECONDS / 6)));
  const boss = new PgBoss({ connectionString, schema: SCHEMA, max: 4, migrate: false, maintenanceIntervalSeconds });
  boss.on("error", (e: Error & { code?: string }) => logger.error({ error: e.message, code: e.code }, "job queue error"));
  await boss.start();
  // A job whose handler is still running at its expiry is failed by pg-boss itself (its manager races the handler
  // against that timer) and retried while the first run goes on. So long jobs hand over to a fresh job at half of it
  // (jobBudgetMs, lib/jobs/queue.ts), and the senders and imports hold a lock per campaign or import while they run
  // (lib/jobs/run-lock.ts): a second run is refused and retried later, never run beside the first.
  const pollingIntervalSeconds = env().JOBS_POLL_SECONDS;
  const run = <T extends object>(name: string, handler: (data: T) => Promise<unknown>) =>
    boss.work<T>(name, { pollingIntervalSeconds, batchSize: 10 }, async (jobs) => {
      // Each job on its own: a failed one goes back for retry, the others complete. Each
      // runs under the id of the request that queued it: its log lines (and its deliveries') carry it.
      await Promise.all(
        jobs.map((job) =>
          withRequestId((job.data as { requestId?: string }).requestId, async () => {
            try {
              const result = await handler(job.data);
              logger.debug({ job: name, jobId: job.id, result }, "job done");
            } catch (e) {
              if ((e as { permanent?: boolean }).permanent) {
                logger.error({ job: name, error: (e as Error).message }, "job refused by the remote service; not retried");
                return;
              }
              logger.warn({ job: name, error: (e as Error).message }, "job failed; will retry");
              await boss.fail(name, job.id, { message: (e as Error).message });
            }
          }),
        ),
      );
    });
  await run<CardJob>(QUEUES.appleCard, pushCardChanged);
  await run<ProgramJob>(QUEUES.appleProgram, pushProgramChanged);
  await run<CardJob>(QUEUES.googleCard, syncGoogleCard);
  await run<ProgramJob>(QUEUES.googleProgram, syncGoogleProgram);
  await run<MessageJob>(QUEUES.googleMessage, deliverMessage);
  await run<WelcomeEmailJob>(QUEUES.welcomeEmail, sendWelcomeEmail);
  await run<EmailRetryJob>(QUEUES.emailRetry, retryEmail);
  await run<CustomerImportJob>(QUEUES.customerImport, runCustomerImport);
  await run<InsightsRefreshJob>(QUEUES.insightsRefresh, (job) => refreshInsights(job.orgId));
  await run<CampaignSendJob>(QUEUES.campaignSend, (job) => sendCampaign(job));
  await run<MessagesSendJob>(QUEUES.messagesSend, (job) => sendAutomationMessages(job));
  // Every minute: due campaigns, automations, bonuses (pg-boss runs one tick per minute however many workers there are).
  await run<object>(QUEUES.messagesTick, () => runMessageScheduler());
  await boss.schedule(QUEUES.messagesTick, "* * * * *", {}, { singletonKey: "tick", retryLimit: 0 });
  await run<WebhookDispatchJob>(QUEUES.webhookDispatch, (job) => dispatchWebhookEvents(job.orgId));
  await run<WebhookDeliverJob>(QUEUES.webhookDeliver, deliverWebhook);
  // Daily at 03:17 UTC: the audit trail keeps 24 months (lib/audit/retention.ts).
  await run<object>(QUEUES.auditPurge, () => purgeAuditEvents());
  await boss.schedule(QUEUES.auditPurge, "17 3 * * *", {}, { singletonKey: "purge", retryLimit: 2 });
  // Every hour: trial reminders 7 days and 1 day before the trial ends (each sent once).
  await run<object>(QUEUES.billingTrialReminders, () => sendTrialReminders());
  await boss.schedule(QUEUES.billingTrialReminders, "7 * * * *", {}, { singletonKey: "trial-reminders", retryLimit: 0 });
  // Every hour: deleted organizations whose undo window is over (idempotent, locked per organization).
  await run<object>(QUEUES.organizationDeletions, () => runDueDeletions());
  await boss.schedule(QUEUES.organizationDeletions, "23 * * * *", {}, { singletonKey: "deletions", retryLimit: 2 });
  return boss;
}
