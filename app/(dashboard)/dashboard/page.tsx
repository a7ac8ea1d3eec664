import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { getOverview } from "@/lib/dashboard/get-overview";

export default async function DashboardHome() {
  const { ctx, user } = await requireTenant();
  const t = await getTranslations("dashboard");
  const overview = await getOverview(ctx);
  const steps = [
    { key: "Design", done: overview.checklist.design, href: "/dashboard/cards" },
    { key: "Print", done: overview.checklist.print, href: "/dashboard/cards" },
    { key: "Invite", done: overview.checklist.invite, href: "/dashboard/team" },
  ] as const;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("welcome", { name: user.name.split(" ")[0] })}</h1>
      <Card>
        <h2 className="text-lg font-semibold">{t("checklistTitle")}</h2>
        <p className="text-stone-600">{t("checklistLead")}</p>
        <ol className="mt-4 divide-y divide-stone-100">
          {steps.map((s) => (
            <li key={s.key}>
              <Link href={s.href} className="flex items-center gap-4 rounded-lg px-2 py-3 hover:bg-stone-50">
                <span
                  aria-hidden
                  className={`flex size-8 shrink-0 items-center justify-center rounded-full ${s.done ? "bg-emerald-600 text-white" : "border-2 border-stone-300"}`}
                >
                  {s.done ? "✓" : ""}
                </span>
                <span className="flex-1">
                  <span className="block font-medium">{t(`step${s.key}`)}</span>
                  <span className="block text-sm text-stone-600">{t(`step${s.key}Body`)}</span>
                </span>
                <span className={`text-sm ${s.done ? "text-emerald-700" : "text-stone-500"}`}>{s.done ? t("done") : t("todo")}</span>
              </Link>
            </li>
          ))}
        </ol>
      </Card>
      <dl className="grid gap-4 sm:grid-cols-3">
        <Card className="p-5">
          <dt className="text-sm text-stone-600">{t("stats.customers")}</dt>
          <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid="stat-customers">
            {overview.customers}
          </dd>
        </Card>
        <Card className="p-5">
          <dt className="text-sm text-stone-600">{t("stats.stamps", { days: overview.periodDays })}</dt>
          <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid="stat-stamps">
            {overview.stamps}
          </dd>
        </Card>
        <Card className="p-5">
          <dt className="text-sm text-stone-600">{t("stats.redeemed", { days: overview.periodDays })}</dt>
          <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid="stat-redeemed">
            {overview.redeemed.main + overview.redeemed.intermediate}
          </dd>
          <dd className="mt-1 text-sm text-stone-600" data-testid="stat-redeemed-split">
            {t("stats.redeemedSplit", overview.redeemed)}
          </dd>
        </Card>
      </dl>
    </div>
  );
}
