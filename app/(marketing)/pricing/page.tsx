import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { COUNTED_LIMITS, FEATURES, monthsFreeYearly, PLANS, type PlanDefinition } from "@/lib/billing/plans";
import { TRIAL_DAYS } from "@/lib/billing/plans";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pricing");
  return { title: t("metaTitle") };
}

export default async function PricingPage() {
  const t = await getTranslations("pricing");
  const format = await getFormatter();
  const euros = (cents: number) => format.number(cents / 100, { style: "currency", currency: "EUR", minimumFractionDigits: cents % 100 ? 2 : 0 });
  const limit = (p: PlanDefinition, key: (typeof COUNTED_LIMITS)[number]) => {
    const v = p.limits[key];
    return v === null ? t("unlimited") : v === 0 ? t("notIncluded") : format.number(v);
  };
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-5xl space-y-12 px-4 pb-16 pt-6">
        <header className="max-w-2xl space-y-3">
          <h1 className="text-4xl font-black tracking-tight">{t("title")}</h1>
          <p className="text-lg text-stone-600">{t("lead", { days: TRIAL_DAYS })}</p>
        </header>

        <ul className="grid gap-6 md:grid-cols-3">
          {PLANS.map((p) => (
            <li
              key={p.id}
              data-testid={`plan-${p.id}`}
              className={cn(
                "flex flex-col rounded-2xl border bg-white p-6 shadow-sm",
                p.recommended ? "border-amber-500 ring-2 ring-amber-500/30" : "border-stone-200",
              )}
            >
              <div className="flex items-center justify-between gap-2">
                <h2 className="text-xl font-bold">{t(`plans.${p.id}.name`)}</h2>
                {p.recommended && <span className="rounded-full bg-amber-100 px-3 py-1 text-xs font-medium text-amber-900">{t("recommended")}</span>}
              </div>
              <p className="mt-1 text-stone-600">{t(`plans.${p.id}.tagline`)}</p>
              <p className="mt-6">
                <span className="text-4xl font-black tabular-nums">{euros(p.price.month)}</span> <span className="text-stone-600">{t("perMonth")}</span>
              </p>
              <p className="text-sm text-stone-500">{t("exclVat")}</p>
              <p className="mt-2 text-sm text-stone-700">{t("yearly", { price: euros(p.price.year), months: monthsFreeYearly(p) })}</p>
              <ul className="mt-6 flex-1 space-y-1.5 text-sm">
                {COUNTED_LIMITS.map((key) => (
                  <li key={key} className="flex justify-between gap-3 border-b border-stone-100 py-1">
                    <span className="text-stone-600">{t(`limits.${key}`)}</span>
                    <span className="font-medium tabular-nums">{limit(p, key)}</span>
                  </li>
                ))}
                {FEATURES.map((key) => (
                  <li key={key} className="flex justify-between gap-3 border-b border-stone-100 py-1">
                    <span className="text-stone-600">{t(`limits.${key}`)}</span>
                    <span className="font-medium">{p.features[key] ? t("included") : t("notIncluded")}</span>
                  </li>
                ))}
              </ul>
              <Button asChild variant={p.recommended ? "accent" : "outline"} className="mt-6 w-full">
                <Link href="/signup">{t("cta", { days: TRIAL_DAYS })}</Link>
              </Button>
            </li>
          ))}
        </ul>

        <section className="space-y-2 rounded-2xl bg-white p-6 shadow-sm">
          <h2 className="text-lg font-semibold">{t("everyPlanTitle")}</h2>
          <p className="text-stone-700">{t("everyPlan")}</p>
          <p className="text-sm text-stone-500">{t("trialNote")}</p>
          <p className="text-sm text-stone-500">{t("vatNote")}</p>
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
