// Berichten → one campaign: what was sent to whom; while it sends a live
// progress bar (polled every second), when scheduled a cancel button, and
// afterwards the report (per status and channel, visits against the holdout).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CampaignProgress } from "@/components/messages/campaign-progress";
import { CampaignReport } from "@/components/messages/campaign-report";
import { CancelCampaign } from "@/components/messages/cancel-campaign";
import { StatusChip } from "@/components/messages/status";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { campaignProgress, campaignReport } from "@/lib/messages/campaigns";
import { hasRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";

type Props = { params: Promise<{ id: string }> };

export const dynamic = "force-dynamic";

export default async function CampaignPage({ params }: Props) {
  const { ctx, organization } = await requireTenant();
  if (!hasRole(ctx, "MANAGER")) notFound();
  const id = EntityId.safeParse((await params).id);
  if (!id.success) notFound();
  const campaign = await tenantDb(ctx).campaign.findFirst({ where: { id: id.data } });
  if (!campaign) notFound();
  const t = await getTranslations("messages.campaign");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "long", timeStyle: "short", timeZone: organization.timezone });
  const [progress, report] = await Promise.all([
    campaign.status === "SENDING" || campaign.status === "SENT" ? campaignProgress(ctx, campaign.id) : null,
    campaign.status === "SENT" ? campaignReport(ctx, campaign.id) : null,
  ]);

  return (
    <div className="space-y-6" data-testid="campaign-page" data-status={campaign.status}>
      <div className="space-y-2">
        <Link href="/dashboard/campaigns" className="text-sm text-amber-800 underline underline-offset-4">
          {t("back")}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="text-xl font-bold">{campaign.name}</h2>
          <StatusChip status={campaign.status} />
        </div>
        <p className="text-sm text-stone-600" data-testid="campaign-when">
          {campaign.status === "SCHEDULED" && campaign.scheduledAt
            ? t("scheduledFor", { at: when(campaign.scheduledAt), timeZone: organization.timezone })
            : campaign.finishedAt
              ? t("finishedAt", { at: when(campaign.finishedAt) })
              : campaign.startedAt
                ? t("startedAt", { at: when(campaign.startedAt) })
                : t("createdAt", { at: when(campaign.createdAt) })}
        </p>
      </div>

      <Card className="space-y-1 p-5" data-testid="campaign-message">
        <p className="text-xs font-medium uppercase text-stone-500">{t("message")}</p>
        <p className="font-semibold">{campaign.titleNl}</p>
        <p className="whitespace-pre-line text-stone-700">{campaign.bodyNl}</p>
        {campaign.link && <p className="break-all text-sm text-sky-700">{campaign.link}</p>}
        {campaign.bonusStamps > 0 && campaign.bonusUntil && (
          <p className="text-sm text-stone-600">
            {t("bonus", { count: campaign.bonusStamps, day: format.dateTime(campaign.bonusUntil, { dateStyle: "long", timeZone: organization.timezone }) })}
          </p>
        )}
      </Card>

      {campaign.status === "SCHEDULED" && <CancelCampaign id={campaign.id} />}
      {campaign.status === "CANCELLED" && <p className="text-stone-600">{t("cancelled")}</p>}

      {progress && (
        <Card className="space-y-3 p-5">
          <h3 className="text-lg font-semibold">{campaign.status === "SENDING" ? t("sending") : t("sent")}</h3>
          <CampaignProgress id={campaign.id} initial={progress} />
        </Card>
      )}

      {report && <CampaignReport report={report} holdoutPercent={campaign.holdoutPercent} />}
    </div>
  );
}
