import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { getOverview, type ChecklistStep } from "@/lib/dashboard/get-overview";

export default async function DashboardHome() {
  const { ctx, user } = await requireTenant();
  const t = await getTranslations("dashboard");
  const overview = await getOverview(ctx);
  const to = await getTranslations("onboarding");
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("welcome", { name: user.name.split(" ")[0] })}</h1>
      <Checklist checklist={overview.checklist} t={to} />
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
      <Card className="p-5" data-testid="stat-rewards-waiting">
        <h2 className="text-lg font-semibold">{t("rewardsWaiting.title")}</h2>
        <p className="text-sm text-stone-600">{t("rewardsWaiting.lead")}</p>
        {overview.rewardsWaiting.length ? (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {overview.rewardsWaiting.map((r) => (
              <li key={`${r.kind}:${r.reward}`} className="rounded-xl bg-emerald-50 px-4 py-3" data-testid="reward-waiting">
                <span className="block text-2xl font-bold tabular-nums text-emerald-900">{t("rewardsWaiting.cards", { count: r.cards })}</span>
                <span className="block font-medium">{r.reward || t("rewardsWaiting.unnamed")}</span>
                <span className="block text-sm text-stone-600">{t(`rewardsWaiting.${r.kind}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-stone-600">{t("rewardsWaiting.none")}</p>
        )}
      </Card>
    </div>
  );
}

/** The onboarding checklist: its steps until the required ones are done, then one line for a day, then nothing. */
function Checklist({
  checklist,
  t,
}: {
  checklist: { steps: ChecklistStep[]; visible: "steps" | "ready" | "hidden" };
  t: Awaited<ReturnType<typeof getTranslations<"onboarding">>>;
}) {
  if (checklist.visible === "hidden") return null;
  if (checklist.visible === "ready") {
    return (
      <p className="rounded-xl bg-emerald-50 px-4 py-3 font-medium text-emerald-900" data-testid="checklist-ready">
        ✓ {t("ready")}
      </p>
    );
  }
  const left = checklist.steps.filter((s) => !s.done && !s.optional).length;
  return (
    <Card data-testid="checklist">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-stone-600">{t("lead", { count: left })}</p>
      <ol className="mt-4 divide-y divide-stone-100">
        {checklist.steps.map((s) => (
          <li key={s.key} data-testid={`checklist-step-${s.key}`} data-done={s.done}>
            <Link href={s.href} className="flex items-center gap-4 rounded-lg px-2 py-3 hover:bg-stone-50">
              <span
                aria-hidden
                className={`flex size-8 shrink-0 items-center justify-center rounded-full ${s.done ? "bg-emerald-600 text-white" : "border-2 border-stone-300"}`}
              >
                {s.done ? "✓" : ""}
              </span>
              <span className="flex-1">
                <span className="block font-medium">{t(`steps.${s.key}.title`)}</span>
                <span className="block text-sm text-stone-600">{t(`steps.${s.key}.body`)}</span>
              </span>
              <span className={`text-sm ${s.done ? "text-emerald-700" : "text-stone-500"}`}>{s.done ? t("done") : s.optional ? t("optional") : t("todo")}</span>
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}
