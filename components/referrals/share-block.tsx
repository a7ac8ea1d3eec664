"use client";
// "Neem een vriend mee" on the web card: the customer's personal share link
// (lib/referrals/links.ts), a copy button, the QR to show a friend at the table,
// and the phone's own share sheet where the browser has one.
import { useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noChanges = () => () => {};

export function ShareBlock({ url, qr, merchant, mine, friend }: { url: string; qr: string; merchant: string; mine: number; friend: number }) {
  const t = useTranslations("card.referral");
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"copied" | "copyFailed" | null>(null);
  const canShare = useSyncExternalStore(
    noChanges,
    () => typeof navigator.share === "function",
    () => false,
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      input.current?.select();
      setStatus("copyFailed");
    }
  }

  async function share() {
    try {
      await navigator.share({ title: t("shareTitle", { merchant }), text: t("shareText", { merchant }), url });
    } catch {
      // Closed the share sheet: nothing to say.
    }
  }

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
      <label htmlFor="referral-link" className="sr-only">
        {t("label")}
      </label>
      <input
        ref={input}
        id="referral-link"
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
        className="h-11 w-full rounded-lg border border-stone-300 bg-stone-50 px-3 font-mono text-sm text-stone-900"
        data-testid="referral-link"
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={copy} data-testid="referral-copy">
          {t("copy")}
        </Button>
        {canShare && (
          <Button type="button" variant="outline" onClick={share} data-testid="referral-share-button">
            {t("share")}
          </Button>
        )}
      </div>
      <p role="status" className={status === "copyFailed" ? "text-sm text-red-700" : "text-sm text-emerald-700"}>
        {status && t(status)}
      </p>
    </section>
  );
}
