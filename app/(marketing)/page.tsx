import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { Button } from "@/components/ui/button";
import { StampStrip } from "@/components/cards/stamp-strip";

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const steps = [1, 2, 3] as const;
  const benefits = [1, 2, 3, 4] as const;
  return (
    <>
      <SiteHeader />
      <main id="main">
        <section className="mx-auto grid max-w-5xl items-center gap-10 px-4 py-12 md:grid-cols-2 md:py-20">
          <div className="space-y-6">
            <p className="font-medium text-amber-700">{t("eyebrow")}</p>
            <h1 className="text-4xl font-black leading-tight tracking-tight md:text-5xl">{t("title")}</h1>
            <p className="text-lg text-stone-600">{t("lead")}</p>
            <div className="flex flex-wrap items-center gap-3">
              <Button asChild variant="accent" size="lg">
                <Link href="/signup">{t("cta")}</Link>
              </Button>
              <Button asChild variant="link">
                <Link href="/signin">{t("signInCta")}</Link>
              </Button>
            </div>
            <p className="text-sm text-stone-500">{t("ctaNote")}</p>
          </div>
          <div aria-hidden className="mx-auto w-full max-w-sm rounded-3xl bg-[#3b2a20] p-6 text-white shadow-2xl">
            <p className="text-sm uppercase tracking-widest text-[#f5d7a1]">Koffiebar De Hoek</p>
            <p className="mt-1 text-2xl font-bold">Koffiekaart</p>
            <StampStrip className="mt-6" filled={7} total={10} color="#f5d7a1" />
            <p className="mt-6 text-sm text-[#f5d7a1]">7 / 10 · Gratis koffie naar keuze</p>
          </div>
        </section>
        <section className="bg-white py-14">
          <div className="mx-auto max-w-5xl px-4">
            <h2 className="text-2xl font-bold">{t("how")}</h2>
            <ol className="mt-8 grid gap-6 md:grid-cols-3">
              {steps.map((n) => (
                <li key={n} className="rounded-2xl border border-stone-200 p-6">
                  <span className="flex size-9 items-center justify-center rounded-full bg-amber-500 font-bold text-stone-950">{n}</span>
                  <h3 className="mt-4 text-lg font-semibold">{t(`step${n}Title`)}</h3>
                  <p className="mt-2 text-stone-600">{t(`step${n}Body`)}</p>
                </li>
              ))}
            </ol>
          </div>
        </section>
        <section className="mx-auto max-w-5xl px-4 py-14">
          <h2 className="text-2xl font-bold">{t("benefitsTitle")}</h2>
          <ul className="mt-6 grid gap-3 md:grid-cols-2">
            {benefits.map((n) => (
              <li key={n} className="flex gap-3 rounded-xl bg-white p-4 shadow-sm">
                <span aria-hidden className="text-amber-600">
                  ✓
                </span>
                {t(`benefit${n}`)}
              </li>
            ))}
          </ul>
          <div className="mt-10">
            <Button asChild variant="accent" size="lg">
              <Link href="/signup">{t("cta")}</Link>
            </Button>
          </div>
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
