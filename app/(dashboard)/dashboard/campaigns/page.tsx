// Dashboard → Berichten: the merchant's campaigns (newest first) with their
// status, a small progress bar while one sends, and the weekly message cap.
// docs/messages/campaigns.md.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CapSettings } from "@/components/messages/cap-settings";
import { ProgressBar, StatusChip } from "@/components/messages/status";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/messages/campaigns";
import { hasRole } from "@/lib/tenancy/context";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const { ctx, organization } = await requireTenant();
  if (!hasRole(ctx, "MANAGER")) notFound();
  const t = await getTranslations("messages.list");
  const format = await getFormatter();
  const campaigns = await listCampaigns(ctx);
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short", timeZone: organization.timezone });

  const newButton = (
    <Button asChild variant="accent" size="lg">
      <Link href="/dashboard/campaigns/new" data-testid="campaign-new">
        {t("new")}
      </Link>
    </Button>
  );

  return (
    <div className="space-y-6">
      {campaigns.length === 0 ? (
        <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center" data-testid="campaigns-empty">
          <h2 className="text-lg font-semibold">{t("empty.title")}</h2>
          <p className="mx-auto mt-2 max-w-prose text-stone-600">{t("empty.body")}</p>
          <ul className="mx-auto mt-4 max-w-prose space-y-1 text-left text-sm text-stone-600">
            <li>{t("empty.point1")}</li>
            <li>{t("empty.point2")}</li>
            <li>{t("empty.point3")}</li>
          </ul>
          <div className="mt-6">{newButton}</div>
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-xl font-bold">{t("title")}</h2>
            {newButton}
          </div>
          <ul className="space-y-3" data-testid="campaign-list">
            {campaigns.map((c) => (
              <li key={c.id}>
                <Link
                  href={`/dashboard/campaigns/${c.id}`}
                  className="block rounded-2xl border border-stone-200 bg-white p-4 shadow-sm hover:border-amber-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
                  data-testid="campaign-row"
                  data-campaign-id={c.id}
                >
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold">{c.name}</span>
                    <StatusChip status={c.status} />
                  </div>
                  <p className="mt-1 text-sm text-stone-600">
                    {c.status === "SCHEDULED" && c.scheduledAt
                      ? t("scheduledFor", { at: when(c.scheduledAt) })
                      : c.finishedAt
                        ? t("finishedAt", { at: when(c.finishedAt) })
                        : c.startedAt
                          ? t("startedAt", { at: when(c.startedAt) })
                          : t("createdAt", { at: when(c.createdAt) })}
                  </p>
                  {c.status === "SENDING" && (
                    <div className="mt-3">
                      <ProgressBar progress={c.progress} compact />
                    </div>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <Card className="p-5">
        <CapSettings cap={organization.messageCapPerWeek} />
      </Card>
    </div>
  );
}
