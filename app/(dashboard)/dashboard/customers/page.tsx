import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/dashboard/empty-state";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { listRecentCustomers } from "@/lib/dashboard/get-overview";
import { hasRole } from "@/lib/tenancy/context";

export default async function CustomersPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  // Staff stamp; the customer list (personal data) is for managers and owners.
  if (!hasRole(ctx, "MANAGER")) {
    const te = await getTranslations("errors");
    return <EmptyState title={t("nav.customers")} body={te("FORBIDDEN")} comingSoon={false} />;
  }
  const customers = await listRecentCustomers(ctx);
  if (customers.length === 0) return <EmptyState title={t("nav.customers")} body={t("empty.customers")} />;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("nav.customers")}</h1>
      <Card className="p-0">
        <ul className="divide-y divide-stone-100">
          {customers.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-4 px-5 py-3">
              <span className="font-medium">{c.name}</span>
              <span className="text-sm text-stone-600 tabular-nums">
                {c.cards[0]?.stampCount ?? 0} ★ · {format.dateTime(c.createdAt, { dateStyle: "medium" })}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );
}
