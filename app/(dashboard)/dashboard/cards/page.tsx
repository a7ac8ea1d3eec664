import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { listPrograms } from "@/lib/dashboard/get-overview";
import { hasRole } from "@/lib/tenancy/context";

export default async function CardsPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const td = await getTranslations("designer");
  const tc = await getTranslations("card");
  const programs = await listPrograms(ctx);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("nav.cards")}</h1>
        {hasRole(ctx, "MANAGER") && (
          <Button asChild variant="accent">
            <Link href="/dashboard/cards/new">{td("newCard")}</Link>
          </Button>
        )}
      </div>
      {programs.length === 0 ? (
        <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center text-stone-600">{t("empty.cards")}</div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {programs.map((p) => (
            <li key={p.id}>
              <Card className="space-y-2">
                <h2 className="text-lg font-semibold">
                  <Link href={`/dashboard/cards/${p.id}`} className="hover:underline">
                    {p.name}
                  </Link>
                </h2>
                <p className="text-stone-600">{tc("reward", { reward: p.rewardText })}</p>
                <p className="text-sm text-stone-500">
                  {t(`programStatus.${p.status}`)} · {t("stampsRequired", { count: p.stampsRequired })} · {t("customersCount", { count: p._count.cards })}
                </p>
                <div className="flex gap-2 pt-2">
                  {hasRole(ctx, "MANAGER") && (
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/dashboard/cards/${p.id}`}>{td("editTitle")}</Link>
                    </Button>
                  )}
                  {p.status === "PUBLISHED" && (
                    <Button asChild size="sm" variant="outline">
                      <Link href={`/dashboard/cards/${p.id}/share`}>{td("shareLink")}</Link>
                    </Button>
                  )}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
