"use client";
// The full ledger of a customer's cards, newest first: what happened, on which
// card, by whom, on which tablet, where, and the amount spent.
import { useFormatter, useTranslations } from "next-intl";
import type { TimelineEntry } from "@/lib/customers/detail";

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function Timeline({ entries, hidden, currency, showCard }: { entries: TimelineEntry[]; hidden: number; currency: string; showCard: boolean }) {
  const t = useTranslations("customers.timeline");
  const format = useFormatter();
  if (entries.length === 0) return <p className="text-sm text-stone-500">{t("empty")}</p>;
  const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-500";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="customer-timeline">
        <thead className="border-b border-stone-200">
          <tr>
            <th scope="col" className={th}>
              {t("when")}
            </th>
            <th scope="col" className={th}>
              {t("what")}
            </th>
            {showCard && (
              <th scope="col" className={th}>
                {t("card")}
              </th>
            )}
            <th scope="col" className={th}>
              {t("who")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {entries.map((e) => {
            const what = e.type === "STAMP" || e.type === "BONUS" ? t(`types.${e.type}`, { count: e.amount }) : t(`types.${e.type}`);
            const details: string[] = [];
            if (e.type === "ADJUST" || e.type === "IMPORT" || e.type === "MERGE" || e.type === "EXPIRE" || e.type === "BONUS") {
              const parts: [number, "deltaStamps" | "deltaRewards" | "deltaIntermediate"][] = [
                [e.stampDelta, "deltaStamps"],
                [e.rewardDelta, "deltaRewards"],
                [e.intermediateDelta, "deltaIntermediate"],
              ];
              for (const [n, key] of parts) if (n !== 0) details.push(t(key, { n: signed(n) }));
            }
            if (e.type === "MERGE" && e.note?.startsWith("from:")) details.push(t("mergedFrom", { serial: e.note.slice(5) }));
            else if (e.type === "MERGE" && e.note?.startsWith("into:")) details.push(t("mergedInto", { serial: e.note.slice(5) }));
            else if (e.note && e.type === "ADJUST") details.push(t("reason", { reason: e.note }));
            // A bonus says what earned it (lib/referrals/bonus.ts notes "referral:<id>" or "delivery:<id>").
            if (e.type === "BONUS") details.push(t(e.note?.startsWith("referral:") ? "bonusReferral" : "bonusMessage"));
            if (e.spendCents !== null) details.push(t("spend", { amount: format.number(e.spendCents / 100, { style: "currency", currency }) }));
            const who = [
              e.actor ? t("by", { name: e.actor }) : e.type === "EXPIRE" || e.type === "ENROLL" || e.type === "BONUS" ? null : t("unknownActor"),
              e.tablet ? t("tablet", { tablet: e.tablet }) : null,
              e.location ? t("at", { location: e.location }) : null,
            ].filter(Boolean);
            return (
              <tr key={e.id} data-testid="timeline-row" data-type={e.type}>
                <td className="whitespace-nowrap px-3 py-2 text-stone-600">{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</td>
                <td className="px-3 py-2">
                  <span className={e.undone ? "line-through" : "font-medium"}>{what}</span>
                  {e.undone && <span className="ml-2 text-xs text-stone-500">{t("undone")}</span>}
                  {details.length > 0 && <div className="text-xs text-stone-600">{details.join(" · ")}</div>}
                </td>
                {showCard && <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-stone-600">{e.cardSerial}</td>}
                <td className="px-3 py-2 text-stone-600">{who.join(" · ") || t("system")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hidden > 0 && <p className="mt-2 text-sm text-stone-500">{t("hidden", { count: hidden })}</p>}
    </div>
  );
}
