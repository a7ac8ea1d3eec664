"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export type NavItem = { href: string; key: string };

/** The dashboard's menu; the current page is marked. */
export function DashboardNavLinks({ items }: { items: NavItem[] }) {
  const t = useTranslations("dashboard.nav");
  const path = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col md:pb-4">
      {items.map((item) => {
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
