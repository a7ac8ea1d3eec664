// Trial reminder emails (docs/billing.md): 7 days and 1 day before the trial
// ends, to the owner in their language, each sent once (the outbox id makes a
// retry or a second worker harmless; trialReminder7SentAt / trialReminder1SentAt
// record it). Run by the worker's "billing-trial-reminders" cron (lib/jobs/worker.ts).
import { sendEmailOnce } from "@/lib/email/send-email";
import { renderTrialReminderEmail } from "@/lib/email/templates/trial-reminder";
import { appUrl } from "@/lib/env";
import { isLocale } from "@/lib/i18n/config";
import { billingOrgs } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { billingEnabled } from "./config";
import { STAMPING_GRACE_DAYS, TRIAL_REMINDER_DAYS } from "./plans";

const DAY = 86_400_000;

/** Which reminder is due with `msLeft` of the trial left: the nearest threshold reached (7, then 1), or none once it ended. */
export function reminderDue(msLeft: number): 7 | 1 | null {
  if (msLeft <= 0) return null;
  const reached = [...TRIAL_REMINDER_DAYS].sort((a, b) => a - b).find((days) => msLeft <= days * DAY);
  return (reached as 7 | 1 | undefined) ?? null;
}

/** One organization: sends the reminder that is due, if not sent yet. Returns what was sent. */
export async function remindTrial(orgId: string, now = new Date()): Promise<7 | 1 | null> {
  const t = tenantDb({ orgId });
  const org = await t.organization.findFirst({
    select: { name: true, plan: true, trialEndsAt: true, timezone: true, trialReminder7SentAt: true, trialReminder1SentAt: true, deletionRequestedAt: true },
  });
  if (!org || org.plan !== "TRIAL" || org.deletionRequestedAt) return null;
  const due = reminderDue(org.trialEndsAt.getTime() - now.getTime());
  if (!due || (due === 7 ? org.trialReminder7SentAt || org.trialReminder1SentAt : org.trialReminder1SentAt)) return null;
  const owner = await t.membership.findFirst({
    where: { role: "OWNER", removedAt: null, userId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true, name: true, locale: true } } },
  });
  if (!owner?.user) return null;
  const { user } = owner;
  await sendEmailOnce(`trial-reminder-${due}-${orgId}`, async () => {
    const mail = await renderTrialReminderEmail({
      locale: isLocale(user.locale) ? user.locale : "nl",
      days: due,
      ownerName: user.name,
      organizationName: org.name,
      trialEndsAt: org.trialEndsAt,
      timeZone: org.timezone,
      stampingGraceDays: STAMPING_GRACE_DAYS,
      link: `${appUrl()}/dashboard/billing`,
      platformUrl: appUrl(),
    });
    return { to: user.email, ...mail };
  });
  // The 1-day reminder makes a 7-day one that was never sent pointless.
  await t.organization.updateMany({
    where: {},
    data: due === 7 ? { trialReminder7SentAt: now } : { trialReminder1SentAt: now, trialReminder7SentAt: org.trialReminder7SentAt ?? now },
  });
  return due;
}

/** The cron: every organization with a reminder due (lookups.billingOrgs also lists other billing work: filtered here). */
export async function sendTrialReminders(now = new Date()): Promise<{ sent: number }> {
  // Without billing the trial never ends: nothing to remind of.
  if (!billingEnabled()) return { sent: 0 };
  let sent = 0;
  for (const { orgId } of await billingOrgs(now)) if (await remindTrial(orgId, now)) sent++;
  return { sent };
}
