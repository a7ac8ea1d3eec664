import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/dashboard/empty-state";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { recentCustomersWithRewards } from "@/lib/cards/customers-with-rewards";
import { hasRole } from "@/lib/tenancy/context";

export default async function CustomersPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const tc = await getTranslations("card");
  const format = await getFormatter();
  // Staff stamp; the customer list (personal data) is for managers and owners.
  if (!hasRole(ctx, "MANAGER")) {
    const te = await getTranslations("errors");
    return <EmptyState title={t("nav.customers")} body={te("FORBIDDEN")} comingSoon={false} />;
  }
  const customers = await recentCustomersWithRewards(ctx);
  if (customers.length === 0) return <EmptyState title={t("nav.customers")} body={t("empty.customers")} />;
  const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-stone-500";
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("nav.customers")}</h1>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm" data-testid="customer-list">
          <caption className="sr-only">{tc("customerList.caption")}</caption>
          <thead className="border-b border-stone-200">
            <tr>
              <th scope="col" className={th}>
                {tc("customerList.name")}
              </th>
              <th scope="col" className={th}>
                {tc("customerList.card")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {tc("customerList.stamps")}
              </th>
              <th scope="col" className={th}>
                {tc("customerList.ready")}
              </th>
              <th scope="col" className={th}>
                {tc("customerList.joined")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {customers.flatMap((c) => {
              const cards = c.cards.length ? c.cards : [null];
              return cards.map((card, i) => (
                <tr key={`${c.id}-${card?.id ?? "none"}`} data-testid="customer-row">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    {i === 0 ? c.name : <span className="sr-only">{c.name}</span>}
                  </th>
                  <td className="px-4 py-3 text-stone-600">{card ? card.program.name : tc("customerList.noCard")}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{card ? `${card.stampCount} / ${card.program.stampsRequired}` : "—"}</td>
                  <td className="px-4 py-3" data-testid="customer-ready">
                    {card && card.ready.length > 0 ? (
                      <span className="font-medium text-emerald-800">
                        {card.ready.map((r) => tc("customerList.readyItem", { count: r.count, reward: r.name ?? tc("intermediateUnnamed") })).join(" · ")}
                      </span>
                    ) : (
                      <span className="text-stone-400">{tc("customerList.nothingReady")}</span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-stone-600">{i === 0 ? format.dateTime(c.createdAt, { dateStyle: "medium" }) : ""}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      </Card>
    </section>
  );
}
