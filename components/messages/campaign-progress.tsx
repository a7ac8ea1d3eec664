"use client";
// The campaign page's live progress: polls /api/campaigns/<id>/progress every
// second while the campaign sends, then refreshes the page (which shows the report).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { CampaignProgress as Progress } from "@/lib/messages/campaigns";
import { ProgressBar } from "./status";

export function CampaignProgress({ id, initial }: { id: string; initial: Progress }) {
  const t = useTranslations("messages.progress");
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [stale, setStale] = useState(false);
  const sending = progress.status === "SENDING";

  useEffect(() => {
    if (!sending) return;
    let stopped = false;
    async function poll() {
      try {
        const res = await fetch(`/api/campaigns/${encodeURIComponent(id)}/progress`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const next = (await res.json()) as Progress;
        if (stopped) return;
        setStale(false);
        setProgress(next);
        if (next.status !== "SENDING") router.refresh();
      } catch {
        if (!stopped) setStale(true);
      }
    }
    const timer = setInterval(() => void poll(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, sending, router]);

  const leftOut = progress.noConsent + progress.capped;
  return (
    <div className="space-y-3" aria-live="polite">
      <ProgressBar progress={progress} />
      <p className="text-sm text-stone-600" data-testid="campaign-progress-total">
        {t("total", { total: progress.total })}
        {leftOut > 0 && <> · {t("leftOut", { count: leftOut })}</>}
        {progress.holdout > 0 && <> · {t("holdout", { count: progress.holdout })}</>}
      </p>
      {sending && (
        <p className="text-sm text-stone-500" role="status">
          {stale ? t("stale") : t("live")}
        </p>
      )}
    </div>
  );
}
