"use client";
// The Insights sections as tabs (links, so each is a URL); the period stays along.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export const INSIGHT_TABS = [
  { key: "overview", href: "/dashboard/insights" },
  { key: "segments", href: "/dashboard/insights/segments" },
  { key: "loyalty", href: "/dashboard/insights/loyalty" },
  { key: "satisfaction", href: "/dashboard/insights/satisfaction" },
  { key: "staff", href: "/dashboard/insights/staff" },
] as const;

export function InsightTabs() {
  const t = useTranslations("insights.tabs");
  const path = usePathname();
  const period = useSearchParams().get("period");
  return (
    <nav aria-label={t("label")} className="-mx-1 flex gap-1 overflow-x-auto border-b border-stone-200">
      {INSIGHT_TABS.map((tab) => {
        const active = path === tab.href;
        return (
          <Link
            key={tab.key}
            href={period ? `${tab.href}?period=${period}` : tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              active ? "border-amber-500 text-stone-900" : "border-transparent text-stone-600 hover:text-stone-900",
            )}
          >
            {t(tab.key)}
          </Link>
        );
      })}
    </nav>
  );
}
