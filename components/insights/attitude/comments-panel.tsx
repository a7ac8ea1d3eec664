// Inzichten › Tevredenheid: the newest comments of the period, each with its
// score, date, location and a link to the customer.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { COMMENTS_SHOWN, latestComments } from "@/lib/insights/attitude";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

export async function CommentsPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [comments, t, format] = await Promise.all([latestComments(ctx, period), getTranslations("insightsSurveys.comments"), getFormatter()]);
  return (
    <Panel title={t("title")} explain={t("explain", { count: COMMENTS_SHOWN })} testId="panel-comments">
      {comments.length === 0 ? (
        <Empty testId="comments-empty">{t("empty")}</Empty>
      ) : (
        <ul className="divide-y divide-stone-100" data-testid="comments">
          {comments.map((c) => (
            <li key={c.id} className="space-y-1 py-3" data-kind={c.kind} data-score={c.score}>
              <p className="whitespace-pre-wrap text-stone-900">“{c.comment}”</p>
              <p className="text-sm text-stone-600">
                <span className="font-medium">
                  {t(`kinds.${c.kind}`)}: {c.kind === "NPS" ? t("score10", { score: c.score }) : t("score5", { score: c.score })}
                </span>{" "}
                · {format.dateTime(c.at, { dateStyle: "medium", timeZone: period.timezone })}
                {c.location && ` · ${c.location}`} ·{" "}
                <Link href={`/dashboard/customers/${c.customerId}`} className="text-amber-800 underline underline-offset-4">
                  {c.customerName || t("erased")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
