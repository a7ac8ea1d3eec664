"use client";
// Which period the numbers cover (?period=…), as links: every view is a URL.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { PERIODS, type PeriodKey } from "@/lib/insights/period";

export function PeriodPicker() {
  const t = useTranslations("insights.period");
  const path = usePathname();
  const params = useSearchParams();
  const current = (params.get("period") as PeriodKey | null) ?? "month";
  const href = (key: PeriodKey) => {
    const next = new URLSearchParams(params);
    next.set("period", key);
    return `${path}?${next}`;
  };
  return (
    <div role="group" aria-label={t("label")} className="inline-flex rounded-xl border border-stone-200 bg-white p-1 text-sm">
      {(Object.keys(PERIODS) as PeriodKey[]).map((key) => (
        <Link
          key={key}
          href={href(key)}
          aria-current={key === current ? "true" : undefined}
          data-testid={`period-${key}`}
          className={cn("rounded-lg px-3 py-1.5", key === current ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100")}
        >
          {t(key)}
        </Link>
      ))}
    </div>
  );
}
