// Instellingen → Webhooks: the merchant's endpoints and a form to add one (owners and managers).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { WebhookEndpointForm } from "@/components/webhooks/endpoint-form";
import { requireTenant } from "@/lib/auth/session";
import { requireRole } from "@/lib/tenancy/context";
import { listEndpoints } from "@/lib/webhooks/endpoints";

export default async function WebhooksPage() {
  const { ctx } = await requireTenant();
  requireRole(ctx, "MANAGER");
  const [t, format, endpoints] = await Promise.all([getTranslations("webhooks"), getFormatter(), listEndpoints(ctx)]);
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-sm text-stone-600">{t("lead")}</p>
      </div>
      <section className="space-y-3" aria-labelledby="webhooks-list">
        <h2 id="webhooks-list" className="text-lg font-semibold">
          {t("list.title")}
        </h2>
        <Card className="p-0">
          {endpoints.length === 0 ? (
            <p className="px-5 py-4 text-sm text-stone-600">{t("list.empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {endpoints.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-4" data-testid="webhook-endpoint">
                  <div className="min-w-0 space-y-1">
                    <p className="truncate font-medium">{e.url}</p>
                    {e.description && <p className="text-sm text-stone-600">{e.description}</p>}
                    <p className="text-sm text-stone-500">
                      {t(`status.${e.enabled ? "enabled" : e.disabledReason === "failing" ? "failing" : "manual"}`)} ·{" "}
                      {e.lastDelivery?.finishedAt
                        ? t(e.lastDelivery.status === "SUCCEEDED" ? "lastDelivery.ok" : "lastDelivery.failed", { at: at(e.lastDelivery.finishedAt) })
                        : t("lastDelivery.none")}
                    </p>
                  </div>
                  <Link href={`/dashboard/settings/webhooks/${e.id}`} className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
                    {t("list.open")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
      <section className="space-y-3" aria-labelledby="webhooks-add">
        <h2 id="webhooks-add" className="text-lg font-semibold">
          {t("list.add")}
        </h2>
        <Card>
          <WebhookEndpointForm />
        </Card>
      </section>
    </div>
  );
}
