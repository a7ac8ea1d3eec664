"use client";
// "Bewaar deze link" on the web card: the card's URL, a copy button, and the
// phone's own share sheet where the browser has one (to send it to yourself).
import { useTranslations } from "next-intl";
import { LinkField } from "./link-field";

export function SaveLink({ url, merchant }: { url: string; merchant: string }) {
  const t = useTranslations("card.saveLink");
  return (
    <section className="space-y-3 rounded-2xl bg-white p-4" aria-labelledby="save-link-heading" data-testid="save-link">
      <h2 id="save-link-heading" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-stone-600">{t("lead")}</p>
      <LinkField
        url={url}
        shareData={{ title: t("shareTitle", { merchant }) }}
        texts={{ label: t("label"), copy: t("copy"), share: t("share"), copied: t("copied"), copyFailed: t("copyFailed") }}
        inputId="card-link"
        testIds={{ input: "save-link-url", copy: "save-link-copy", share: "save-link-share" }}
      />
    </section>
  );
}
