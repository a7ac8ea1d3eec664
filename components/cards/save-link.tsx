"use client";
// "Bewaar deze link" on the web card: the card's URL, a copy button, and the
// phone's own share sheet where the browser has one (to send it to yourself).
import { useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noChanges = () => () => {};

export function SaveLink({ url, merchant }: { url: string; merchant: string }) {
  const t = useTranslations("card.saveLink");
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"copied" | "copyFailed" | null>(null);
  // Only after hydration: the server cannot know whether the browser can share.
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
      await navigator.share({ title: t("shareTitle", { merchant }), url });
    } catch {
      // Closed the share sheet: nothing to say.
    }
  }

  return (
    <section className="space-y-3 rounded-2xl bg-white p-4" aria-labelledby="save-link-heading" data-testid="save-link">
      <h2 id="save-link-heading" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-stone-600">{t("lead")}</p>
      <label htmlFor="card-link" className="sr-only">
        {t("label")}
      </label>
      <input
        ref={input}
        id="card-link"
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
        className="h-11 w-full rounded-lg border border-stone-300 bg-stone-50 px-3 font-mono text-sm text-stone-900"
        data-testid="save-link-url"
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={copy} data-testid="save-link-copy">
          {t("copy")}
        </Button>
        {canShare && (
          <Button type="button" variant="outline" onClick={share} data-testid="save-link-share">
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
