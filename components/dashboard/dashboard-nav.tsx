"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "/dashboard", key: "home" },
  { href: "/dashboard/cards", key: "cards" },
  { href: "/dashboard/customers", key: "customers" },
  { href: "/dashboard/insights", key: "insights" },
  { href: "/dashboard/campaigns", key: "campaigns" },
  { href: "/dashboard/team", key: "team" },
  { href: "/dashboard/settings", key: "settings" },
] as const;

export function DashboardNav() {
  const t = useTranslations("dashboard.nav");
  const path = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-4">
      {ITEMS.map((item) => {
        const active = item.href === "/dashboard" ? path === item.href : path.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn("whitespace-nowrap rounded-lg px-3 py-2.5 font-medium", active ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100")}
          >
            {t(item.key)}
          </Link>
        );
      })}
    </nav>
  );
}
