// The message scheduler, every minute (pg-boss schedule `messages-tick` in the
// worker; once in `npm run jobs`): starts scheduled campaigns whose time has
// come, and for every merchant with message work runs the automations, queues
// their sending and gives the bonuses that came due. Every step is idempotent:
// running it twice for the same minute sends nobody anything twice.
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { grantDueBonuses } from "@/lib/referrals/bonus";
import { campaignsDue, messageOrgs } from "@/lib/tenancy/lookups";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { runAutomations } from "./automations";

export type SchedulerRun = { campaignsStarted: number; orgs: number; queued: number; bonuses: number; errors: number };

/** SCHEDULED → SENDING (startedAt = now) and its send job, in one transaction; false when someone else started or cancelled it. */
export async function startScheduledCampaign(orgId: string, campaignId: string, now = new Date()): Promise<boolean> {
  return withTenantTransaction(orgId, async (sql) => {
    const started = await sql(
      `UPDATE "Campaign" SET status = 'SENDING', "startedAt" = $3::timestamptz AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
        WHERE "organizationId" = $1 AND id = $2 AND status = 'SCHEDULED' RETURNING id`,
      [orgId, campaignId, now.toISOString()],
    );
    if (!started.length) return false;
    await enqueue(QUEUES.campaignSend, { orgId, campaignId }, campaignId, sql);
    return true;
  });
}

export async function runMessageScheduler(now = new Date()): Promise<SchedulerRun> {
  const out: SchedulerRun = { campaignsStarted: 0, orgs: 0, queued: 0, bonuses: 0, errors: 0 };
  for (const { orgId, campaignId } of await campaignsDue(now)) {
    if (await startScheduledCampaign(orgId, campaignId, now)) out.campaignsStarted++;
  }
  for (const { orgId } of await messageOrgs(now)) {
    out.orgs++;
    // One merchant's trouble does not hold up the others.
    try {
      const { queued } = await runAutomations(orgId, now);
      out.queued += queued;
      // Sends whatever automations queued (also rows an earlier tick left).
      await withTenantTransaction(orgId, (sql) => enqueue(QUEUES.messagesSend, { orgId }, orgId, sql));
      out.bonuses += (await grantDueBonuses(orgId, now)).granted;
    } catch (e) {
      out.errors++;
      logger.error({ orgId, error: (e as Error).message }, "message scheduler: merchant failed");
    }
  }
  return out;
}
