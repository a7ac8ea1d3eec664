"use client";
// Berichten's three parts as tabs (links, so each is a URL): campaigns, automations, referrals.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export const MESSAGE_TABS = [
  { key: "campaigns", href: "/dashboard/campaigns" },
  { key: "automations", href: "/dashboard/campaigns/automations" },
  { key: "referrals", href: "/dashboard/campaigns/referrals" },
] as const;

/** The tab a path belongs to: automations and referrals by prefix, everything else (new, a campaign) is Berichten. */
export function activeTab(path: string) {
  return MESSAGE_TABS.slice(1).find((t) => path === t.href || path.startsWith(`${t.href}/`))?.key ?? "campaigns";
}

export function CampaignTabs() {
  const t = useTranslations("messages.tabs");
  const active = activeTab(usePathname());
  return (
    <nav aria-label={t("label")} className="-mx-1 flex gap-1 overflow-x-auto border-b border-stone-200" data-testid="messages-tabs">
      {MESSAGE_TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={active === tab.key ? "page" : undefined}
          data-testid={`messages-tab-${tab.key}`}
          className={cn(
            "min-h-11 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium",
            active === tab.key ? "border-amber-500 text-stone-900" : "border-transparent text-stone-600 hover:text-stone-900",
          )}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
