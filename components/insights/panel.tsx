// One block on an Insights page: a title, the content, and underneath a short
// plain-language "what this means and what to do" that opens on request.
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Freshness as FreshnessState } from "@/lib/insights/ensure-fresh";

export async function Panel({
  title,
  explain,
  children,
  testId,
  className,
  actions,
}: {
  title: string;
  /** What the number or chart means and what to do with it (nl/en, a few sentences). */
  explain: string;
  children: ReactNode;
  testId?: string;
  className?: string;
  actions?: ReactNode;
}) {
  const t = await getTranslations("insights");
  return (
    <Card className={cn("space-y-4", className)} data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
      <details className="group text-sm text-stone-600">
        <summary className="cursor-pointer select-none font-medium text-stone-700 hover:text-stone-900">{t("whatDoesThisMean")}</summary>
        <p className="mt-2 max-w-prose whitespace-pre-line">{explain}</p>
      </details>
    </Card>
  );
}

/** Shown while a panel's numbers load (Suspense fallback). */
export function PanelSkeleton({ title }: { title: string }) {
  return (
    <Card className="space-y-4" aria-busy="true">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="h-40 animate-pulse rounded-xl bg-stone-100" />
    </Card>
  );
}

/**
 * A period's number beside the previous period's: "+20% · vorige periode 10". A
 * percentage (unit "percent", whole percents) changes in points: "−19 procentpunt ·
 * vorige periode 84%"; a decimal keeps one digit.
 */
export async function Delta({
  current,
  previous,
  better = "up",
  unit = "count",
}: {
  current: number;
  previous: number;
  better?: "up" | "down";
  unit?: "count" | "decimal" | "percent";
}) {
  const t = await getTranslations("insights");
  const format = await getFormatter();
  if (previous === 0 && current === 0) return <span className="text-sm text-stone-500">{t("delta.none")}</span>;
  const good = current === previous ? null : current > previous === (better === "up");
  const shown = unit === "percent" ? `${format.number(Math.round(previous))}%` : format.number(previous, { maximumFractionDigits: unit === "decimal" ? 1 : 0 });
  const change =
    unit === "percent"
      ? t("delta.points", { change: Math.round(current) - Math.round(previous) })
      : previous === 0
        ? t("delta.new")
        : t("delta.change", { change: Math.round(((current - previous) / previous) * 100) });
  return (
    <span className={cn("text-sm", good === null ? "text-stone-500" : good ? "text-emerald-700" : "text-red-700")}>
      {change} · {t("delta.previous", { value: shown })}
    </span>
  );
}

/**
 * A small "scores computed at 14:05" line, with the note that a refresh is
 * under way. `figures`: the page's period panels are kept by the refresh for a
 * big merchant (lib/insights/kept.ts), so the line says the figures are from then too.
 */
export async function Freshness({ refreshedAt, queued, kept, figures = false }: FreshnessState & { figures?: boolean }) {
  const t = await getTranslations("insights");
  return (
    <p className="text-sm text-stone-500" data-testid="insights-freshness">
      {refreshedAt ? t(figures && kept ? "freshness.atKept" : "freshness.at", { at: refreshedAt }) : t("freshness.never")}
      {queued && ` ${t("freshness.queued")}`}
    </p>
  );
}
