import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * A plan limit or the read-only dashboard, at the moment an action hits it: the
 * message and one button to the billing page (upgrade, or pay). Forms show it
 * through FormMessage whenever an ActionResult has code PLAN_LIMIT or READ_ONLY.
 */
export function PlanLimitNotice({ code, text, className }: { code: "PLAN_LIMIT" | "READ_ONLY"; text: string; className?: string }) {
  const t = useTranslations("billing-limits");
  return (
    <Alert tone="info" className={cn("flex flex-wrap items-center justify-between gap-3", className)}>
      <span role="alert">{text}</span>
      <Button asChild variant="accent" size="sm">
        <Link href="/dashboard/billing">{code === "PLAN_LIMIT" ? t("upgrade") : t("payNow")}</Link>
      </Button>
    </Alert>
  );
}
