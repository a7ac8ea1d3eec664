// After sending: how many got it and how (status, channel), and whether it
// brought people in — visits by recipients in the 7 and 14 days after, against
// the holdout (comparable customers kept back on purpose), in plain Dutch.
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { MessageChannel } from "@/lib/generated/prisma/enums";
import type { campaignReport } from "@/lib/messages/campaigns";
import { compareVisits } from "./compose";

export type Report = Awaited<ReturnType<typeof campaignReport>>;

type Outcome = "delivered" | "silent" | "failed" | "unreachable" | "noConsent" | "capped" | "holdout";
const OUTCOMES: Outcome[] = ["delivered", "silent", "failed", "unreachable", "noConsent", "capped", "holdout"];
const CHANNELS: MessageChannel[] = ["APPLE", "GOOGLE", "EMAIL", "SMS", "WEB"];

export function CampaignReport({ report, holdoutPercent }: { report: Report; holdoutPercent: number }) {
  const t = useTranslations("messages.report");
  const format = useFormatter();
  const p = report.progress;
  const outcome: Record<Outcome, number> = { ...p, unreachable: Math.max(0, p.unreachable - p.noConsent - p.capped) };
  const start = report.campaign.startedAt ?? new Date();
  const v = report.visits;
  const windows = [
    {
      days: 7,
      complete: v.complete7,
      recipients: { n: v.recipients.size, visited: v.recipients.visited7 },
      holdout: { n: v.holdout.size, visited: v.holdout.visited7 },
    },
    {
      days: 14,
      complete: v.complete14,
      recipients: { n: v.recipients.size, visited: v.recipients.visited14 },
      holdout: { n: v.holdout.size, visited: v.holdout.visited14 },
    },
  ];
  return (
    <Card className="space-y-6 p-5" data-testid="campaign-report">
      <h3 className="text-lg font-semibold">{t("title")}</h3>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="space-y-2">
          <h4 className="font-medium">{t("byStatus")}</h4>
          <dl className="divide-y divide-stone-100 text-sm">
            {OUTCOMES.map((o) => (
              <div key={o} className="flex justify-between gap-3 py-1.5" data-testid={`report-status-${o}`} data-count={outcome[o]}>
                <dt className="text-stone-700">{t(`statuses.${o}`)}</dt>
                <dd className="font-semibold tabular-nums">{outcome[o]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="space-y-2">
          <h4 className="font-medium">{t("byChannel")}</h4>
          <dl className="divide-y divide-stone-100 text-sm">
            {CHANNELS.map((c) => {
              const by = report.byChannel[c] ?? {};
              const reached = (by.DELIVERED ?? 0) + (by.SILENT ?? 0);
              const failed = by.FAILED ?? 0;
              return (
                <div key={c} className="flex justify-between gap-3 py-1.5" data-testid={`report-channel-${c}`} data-count={reached} data-failed={failed}>
                  <dt className="text-stone-700">{t(`channels.${c}`)}</dt>
                  <dd className="tabular-nums">
                    <span className="font-semibold">{reached}</span>
                    {failed > 0 && <span className="text-red-700"> · {t("channelFailed", { count: failed })}</span>}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      </div>

      <section className="space-y-3" data-testid="report-visits">
        <h4 className="font-medium">{t("visitsTitle")}</h4>
        {holdoutPercent === 0 && <p className="max-w-prose text-sm text-stone-600">{t("noHoldout")}</p>}
        {windows.map((w) => {
          const c = compareVisits(w.recipients, w.holdout);
          const until = new Date(start.getTime() + w.days * 86_400_000);
          return (
            <div key={w.days} className="space-y-1 rounded-xl bg-stone-50 p-4 text-sm" data-testid={`report-visits-${w.days}`}>
              <p className="font-medium">{t("window", { days: w.days })}</p>
              <p data-testid={`report-visits-${w.days}-recipients`}>
                {t("recipientsVisited", { visited: w.recipients.visited, n: w.recipients.n, rate: c.recipientsRate ?? 0 })}
              </p>
              {holdoutPercent > 0 && (
                <p data-testid={`report-visits-${w.days}-holdout`}>
                  {t("holdoutVisited", { visited: w.holdout.visited, n: w.holdout.n, rate: c.holdoutRate ?? 0 })}
                </p>
              )}
              {!w.complete && <p className="text-stone-600">{t("notComplete", { at: format.dateTime(until, { dateStyle: "long" }) })}</p>}
              {holdoutPercent > 0 &&
                (c.enough && c.difference !== null ? (
                  <p className="font-medium" data-testid={`report-visits-${w.days}-verdict`}>
                    {c.difference > 0
                      ? t("verdictMore", { points: c.difference })
                      : c.difference < 0
                        ? t("verdictLess", { points: -c.difference })
                        : t("verdictSame")}
                  </p>
                ) : (
                  <p className="text-stone-600" data-testid={`report-visits-${w.days}-too-little`}>
                    {t("tooLittle")}
                  </p>
                ))}
            </div>
          );
        })}
        {holdoutPercent > 0 && <p className="max-w-prose text-sm text-stone-600">{t("holdoutExplained", { percent: holdoutPercent })}</p>}
      </section>
    </Card>
  );
}
