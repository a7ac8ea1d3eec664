import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PrivacyControls } from "@/components/enrollment/privacy-controls";
import { Card } from "@/components/ui/card";
import { getCustomerCard } from "@/lib/cards/customer-card";

export const dynamic = "force-dynamic";
export const metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" as const };

export default async function PrivacyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const card = await getCustomerCard(token);
  if (!card) notFound();
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  const c = card.customer;
  const rows: [string, string][] = [
    [t("name"), c.name],
    [t("email"), c.email ?? "—"],
    [t("phone"), c.phone ?? "—"],
    [t("birthday"), c.birthday ? format.dateTime(c.birthday, { dateStyle: "long", timeZone: "UTC" }) : "—"],
    [
      t("consent"),
      c.marketingConsent && c.marketingConsentAt
        ? t("consentGiven", { date: format.dateTime(c.marketingConsentAt, { dateStyle: "medium" }) })
        : t("consentNone"),
    ],
    [t("joined"), format.dateTime(c.createdAt, { dateStyle: "medium" })],
  ];
  return (
    <main id="main" className="mx-auto min-h-dvh max-w-md space-y-5 p-4 pb-10">
      <Link href={`/c/${token}`} className="inline-block min-h-11 py-3 text-amber-800 underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-stone-600">{t("lead", { merchant: card.organization.name })}</p>
      <Card className="p-0">
        <dl className="divide-y divide-stone-100" data-testid="my-data">
          {rows.map(([k, v]) => (
            <div key={k} className="flex justify-between gap-4 px-4 py-3 text-sm">
              <dt className="text-stone-500">{k}</dt>
              <dd className="text-right font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <PrivacyControls webToken={token} hasConsent={c.marketingConsent} />
    </main>
  );
}
