"use client";
// "Neem een vriend mee" on the web card: the customer's personal share link
// (lib/referrals/links.ts), a copy button, the QR to show a friend at the table,
// and the phone's own share sheet where the browser has one.
import { useTranslations } from "next-intl";
import { LinkField } from "@/components/cards/link-field";

export function ShareBlock({ url, qr, merchant, mine, friend }: { url: string; qr: string; merchant: string; mine: number; friend: number }) {
  const t = useTranslations("card.referral");
  return (
    <section className="space-y-3 rounded-2xl bg-white p-4" aria-labelledby="referral-heading" data-testid="referral-share">
      <h2 id="referral-heading" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-stone-600">{mine === friend ? t("bothGet", { n: mine }) : t("eachGets", { mine, friend })}</p>
      <div
        className="mx-auto size-40 [&>svg]:h-full [&>svg]:w-full"
        role="img"
        aria-label={t("qrAlt")}
        data-testid="referral-qr"
        dangerouslySetInnerHTML={{ __html: qr }}
      />
      <LinkField
        url={url}
        shareData={{ title: t("shareTitle", { merchant }), text: t("shareText", { merchant }) }}
        texts={{ label: t("label"), copy: t("copy"), share: t("share"), copied: t("copied"), copyFailed: t("copyFailed") }}
        inputId="referral-link"
        testIds={{ input: "referral-link", copy: "referral-copy", share: "referral-share-button" }}
      />
    </section>
  );
}
