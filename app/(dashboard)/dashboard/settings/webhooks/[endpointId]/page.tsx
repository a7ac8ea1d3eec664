// One webhook endpoint: its settings, secret, buttons and the delivery log.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { RedeliverButton, WebhookEndpointButtons } from "@/components/webhooks/endpoint-buttons";
import { WebhookEndpointForm } from "@/components/webhooks/endpoint-form";
import { requireTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { requireRole } from "@/lib/tenancy/context";
import { getEndpoint, listDeliveries } from "@/lib/webhooks/endpoints";

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  const { ctx } = await requireTenant();
  requireRole(ctx, "MANAGER");
  const endpoint = await getEndpoint(ctx, endpointId).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [t, format, deliveries] = await Promise.all([getTranslations("webhooks"), getFormatter(), listDeliveries(ctx, endpointId)]);
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <Link href="/dashboard/settings/webhooks" className="text-sm text-amber-800 underline-offset-4 hover:underline">
          {t("detail.back")}
        </Link>
        <h1 className="text-2xl font-bold break-all">{endpoint.url}</h1>
        <p className="text-sm text-stone-600">{t(`status.${endpoint.enabled ? "enabled" : endpoint.disabledReason === "failing" ? "failing" : "manual"}`)}</p>
        {!endpoint.enabled && endpoint.disabledReason === "failing" && endpoint.disabledAt && (
          <p role="status" className="max-w-prose rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            {t("detail.failingNotice", { at: at(endpoint.disabledAt) })}
          </p>
        )}
      </div>
      <WebhookEndpointButtons endpointId={endpoint.id} enabled={endpoint.enabled} />
      <section className="space-y-3" aria-labelledby="webhook-secret">
        <h2 id="webhook-secret" className="text-lg font-semibold">
          {t("detail.secret")}
        </h2>
        <p className="max-w-prose text-sm text-stone-600">{t("detail.secretHelp")}</p>
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t("detail.showSecret")}</summary>
          <code className="mt-2 block break-all rounded bg-stone-100 p-2 text-sm" data-testid="webhook-secret">
            {endpoint.secret}
          </code>
        </details>
      </section>
      <section className="space-y-3" aria-labelledby="webhook-edit">
        <h2 id="webhook-edit" className="text-lg font-semibold">
          {t("detail.edit")}
        </h2>
        <Card>
          <WebhookEndpointForm initial={{ endpointId: endpoint.id, url: endpoint.url, description: endpoint.description, events: endpoint.events }} />
        </Card>
      </section>
      <section className="space-y-3" aria-labelledby="webhook-log">
        <div>
          <h2 id="webhook-log" className="text-lg font-semibold">
            {t("log.title")}
          </h2>
          <p className="max-w-prose text-sm text-stone-600">{t("log.lead")}</p>
        </div>
        {deliveries.length === 0 ? (
          <p className="text-sm text-stone-600">{t("log.empty")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" data-testid="webhook-log">
            {deliveries.map((d) => (
              <li key={d.id} className="space-y-2 px-4 py-3 text-sm">
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <span className="text-stone-500">{at(d.finishedAt ?? d.createdAt)}</span>
                  <span className="font-medium">{d.event.type}</span>
                  <span>
                    {t("log.attempt")} {d.attempt}
                    {d.manual ? ` (${t("log.manual")})` : ""}
                  </span>
                  <span className={d.status === "SUCCEEDED" ? "text-emerald-800" : d.status === "FAILED" ? "text-red-700" : "text-stone-600"}>
                    {t(`deliveryStatus.${d.status}`)}
                    {d.responseStatus !== null ? ` · ${d.responseStatus}` : ""}
                    {d.durationMs !== null ? ` · ${d.durationMs} ms` : ""}
                  </span>
                  {d.status !== "PENDING" && <RedeliverButton deliveryId={d.id} />}
                </div>
                {d.error && (
                  <p className="text-red-700">
                    {t("log.error")}: {d.error}
                  </p>
                )}
                {d.nextAttemptAt && <p className="text-stone-600">{t("log.nextAttempt", { at: at(d.nextAttemptAt) })}</p>}
                {d.requestBody && (
                  <details>
                    <summary className="cursor-pointer">{t("log.details")}</summary>
                    <p className="mt-2 font-medium">{t("log.request")}</p>
                    <pre className="overflow-x-auto rounded bg-stone-100 p-2 text-xs">{d.requestBody}</pre>
                    {d.responseBody && (
                      <>
                        <p className="mt-2 font-medium">{t("log.responseBody")}</p>
                        <pre className="overflow-x-auto rounded bg-stone-100 p-2 text-xs">{d.responseBody}</pre>
                      </>
                    )}
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
