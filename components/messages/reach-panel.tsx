"use client";
// Deliverability before sending: of everyone in the audience, how many get the
// message and how (best channel first), and who is left out and why. The
// buckets add up to the audience (lib/messages/types.ts Reach).
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { Reach } from "@/lib/messages/types";
import { REACH_BUCKETS, reachSums } from "./compose";

const COLOR: Record<(typeof REACH_BUCKETS)[number], string> = {
  apple: "bg-stone-900",
  googleNotify: "bg-sky-500",
  googleSilent: "bg-sky-200",
  email: "bg-amber-500",
  sms: "bg-violet-500",
  web: "bg-emerald-500",
  none: "bg-stone-300",
  noConsent: "bg-red-300",
  capped: "bg-orange-300",
};

export function ReachPanel({ reach, loading, failed, cap }: { reach: Reach | null; loading: boolean; failed: boolean; cap: number }) {
  const t = useTranslations("messages.reach");
  return (
    <section className="space-y-3 rounded-2xl border border-stone-200 bg-white p-5" aria-busy={loading} data-testid="reach-panel">
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        {loading && (
          <span className="text-sm text-stone-500" role="status" data-testid="reach-loading">
            {t("loading")}
          </span>
        )}
      </div>
      {failed && !loading && (
        <p className="text-sm text-red-700" role="alert">
          {t("failed")}
        </p>
      )}
      {!reach ? (
        !failed && <p className="text-sm text-stone-500">{t("loading")}</p>
      ) : reach.total === 0 ? (
        <p className="text-sm text-stone-600" data-testid="reach-empty">
          {t("empty")}
        </p>
      ) : (
        <ReachBody reach={reach} cap={cap} />
      )}
    </section>
  );
}

function ReachBody({ reach, cap }: { reach: Reach; cap: number }) {
  const t = useTranslations("messages.reach");
  const { recipients } = reachSums(reach);
  return (
    <div className={cn("space-y-3")}>
      <p className="font-medium" data-testid="reach-recipients" data-count={recipients}>
        {t("summary", { recipients, total: reach.total })}
      </p>
      <ul className="space-y-1.5">
        {REACH_BUCKETS.filter((b) => b !== "sms" || reach.sms > 0).map((b) => (
          <li key={b} className="grid grid-cols-[minmax(0,1fr)_5rem_3.5rem] items-center gap-2 text-sm" data-testid={`reach-${b}`} data-count={reach[b]}>
            <span className="text-stone-700">{t(`buckets.${b}`)}</span>
            <span className="h-2.5 overflow-hidden rounded-full bg-stone-100" aria-hidden>
              <span className={cn("block h-full", COLOR[b])} style={{ width: `${reach.total ? (reach[b] / reach.total) * 100 : 0}%` }} />
            </span>
            <span className="text-right font-semibold tabular-nums">{reach[b]}</span>
          </li>
        ))}
      </ul>
      <div className="space-y-1.5 text-sm text-stone-700">
        {reach.noConsent > 0 && <p data-testid="reach-no-consent-note">{t("noConsentNote", { count: reach.noConsent })}</p>}
        {reach.capped > 0 && <p data-testid="reach-capped-note">{t("cappedNote", { count: reach.capped, cap })}</p>}
        {reach.googleSilent > 0 && <p data-testid="reach-google-silent-note">{t("googleSilentNote", { count: reach.googleSilent })}</p>}
        {reach.web > 0 && <p data-testid="reach-web-note">{t("webNote", { count: reach.web })}</p>}
        {reach.none > 0 && <p data-testid="reach-none-note">{t("noneNote", { count: reach.none })}</p>}
      </div>
    </div>
  );
}
