import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/dashboard/empty-state";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { listPrograms } from "@/lib/dashboard/get-overview";

export default async function CardsPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const programs = await listPrograms(ctx);
  if (programs.length === 0) return <EmptyState title={t("nav.cards")} body={t("empty.cards")} />;
  const tc = await getTranslations("card");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("nav.cards")}</h1>
      <p className="text-stone-600">{t("cardsCount", { count: programs.length })}</p>
      <ul className="grid gap-4 md:grid-cols-2">
        {programs.map((p) => (
          <li key={p.id}>
            <Card>
              <h2 className="text-lg font-semibold">{p.name}</h2>
              <p className="text-stone-600">{tc("reward", { reward: p.rewardText })}</p>
              <p className="mt-2 text-sm text-stone-500">
                {t(`programStatus.${p.status}`)} · {t("stampsRequired", { count: p.stampsRequired })} · {t("customersCount", { count: p._count.cards })}
              </p>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
