// A campaign's status as a coloured chip, and the delivery states of the
// progress bar with their colours (one legend for the list, the page and the report).
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { CampaignStatus } from "@/lib/generated/prisma/enums";
import type { CampaignProgress } from "@/lib/messages/campaigns";

const CHIP: Record<CampaignStatus, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  SCHEDULED: "bg-sky-100 text-sky-900",
  SENDING: "bg-amber-100 text-amber-900",
  SENT: "bg-emerald-100 text-emerald-900",
  CANCELLED: "bg-stone-100 text-stone-500 line-through",
};

export function StatusChip({ status }: { status: CampaignStatus }) {
  const t = useTranslations("messages.status");
  return (
    <span className={cn("inline-block rounded-full px-2.5 py-0.5 text-xs font-medium", CHIP[status])} data-testid="campaign-status" data-status={status}>
      {t(status)}
    </span>
  );
}

/** The parts of the progress bar, in order: done first, what is still waiting last. */
export const PROGRESS_PARTS = ["delivered", "silent", "failed", "unreachable", "skipped", "queued"] as const;
export type ProgressPart = (typeof PROGRESS_PARTS)[number];

export const PART_COLOR: Record<ProgressPart, string> = {
  delivered: "bg-emerald-500",
  silent: "bg-sky-400",
  failed: "bg-red-500",
  unreachable: "bg-stone-500",
  skipped: "bg-orange-300",
  queued: "bg-stone-200",
};

/** The bar's counts: "unreachable" without the customers left out on purpose (no consent, over the cap), who are "skipped". The holdout is not on the bar. */
export function progressParts(p: CampaignProgress): Record<ProgressPart, number> {
  const skipped = p.noConsent + p.capped;
  return { delivered: p.delivered, silent: p.silent, failed: p.failed, unreachable: Math.max(0, p.unreachable - skipped), skipped, queued: p.queued };
}

/** The stacked bar with a legend of counts; `compact` for the list (no legend). */
export function ProgressBar({ progress, compact = false }: { progress: CampaignProgress; compact?: boolean }) {
  const t = useTranslations("messages.progress");
  const parts = progressParts(progress);
  const total = PROGRESS_PARTS.reduce((sum, p) => sum + parts[p], 0);
  const done = total - parts.queued;
  return (
    <div className="space-y-2" data-testid="campaign-progress">
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t("valueText", { done, total })}
        className={cn("flex w-full overflow-hidden rounded-full bg-stone-200", compact ? "h-2" : "h-4")}
        data-testid="campaign-progress-bar"
      >
        {total > 0 &&
          PROGRESS_PARTS.filter((p) => parts[p] > 0).map((p) => (
            <div key={p} className={cn("h-full transition-[width] duration-500", PART_COLOR[p])} style={{ width: `${(parts[p] / total) * 100}%` }} />
          ))}
      </div>
      {compact ? (
        <p className="text-xs text-stone-600 tabular-nums">{t("valueText", { done, total })}</p>
      ) : (
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="campaign-progress-legend">
          {PROGRESS_PARTS.map((p) => (
            <li key={p} className="flex items-center gap-1.5" data-testid={`progress-${p}`} data-count={parts[p]}>
              <span aria-hidden className={cn("inline-block size-3 rounded-sm", PART_COLOR[p])} />
              <span className="text-stone-700">{t(p)}</span>
              <span className="font-semibold tabular-nums text-stone-900">{parts[p]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
