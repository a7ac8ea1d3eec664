// The dashboard's account banner (app/(dashboard)/dashboard/layout.tsx): the
// trial's last days, the read-only dashboard with one way to pay, and a
// warning when there are more customers than the plan allows (customers are
// never refused at the counter).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AccountState } from "@/lib/billing/entitlements";
import { STAMPING_GRACE_DAYS, TRIAL_BANNER_DAYS } from "@/lib/billing/plans";

type Props = {
  state: AccountState;
  billing: boolean;
  locale: string;
  timeZone: string;
  /** Customers on file and the plan's maximum (null: unlimited). */
  customers: { used: number; max: number | null };
};

export async function AccountBanner({ state, billing, locale, timeZone, customers }: Props) {
  const t = await getTranslations("billing-limits");
  const pay = (label: string) => (
    <Button asChild variant="accent" size="sm" className="shrink-0">
      <Link href="/dashboard/billing">{label}</Link>
    </Button>
  );
  if (state.mode === "readOnly" && state.readOnlySince) {
    const lastStampDay = new Date(state.readOnlySince.getTime() + STAMPING_GRACE_DAYS * 86_400_000 - 1);
    const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone }).format(lastStampDay);
    return (
      <div className="border-b border-red-200 bg-red-50 px-4 py-3 text-red-900" data-testid="read-only-banner">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3">
          <div className="space-y-1 text-sm">
            <p className="font-semibold">{t("readOnly.title")}</p>
            <p>{t(`readOnly.${state.reason as "trialEnded" | "paymentFailed" | "canceled"}`)}</p>
            <p>
              {t("readOnly.customersOk")} {state.stampingAllowed ? t("readOnly.stampingUntil", { date }) : t("readOnly.stampingStopped")}
            </p>
          </div>
          {pay(t("payNow"))}
        </div>
      </div>
    );
  }
  const trialEnding = billing && state.mode === "trial" && state.trialDaysLeft !== null && state.trialDaysLeft <= TRIAL_BANNER_DAYS;
  const over = customers.max !== null && customers.used > customers.max;
  if (!trialEnding && !over) return null;
  return (
    <div className="space-y-2 px-4 pt-4 md:px-8">
      {trialEnding && (
        <Alert tone="info" className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3" data-testid="trial-banner">
          <span>{t("trialBanner", { days: state.trialDaysLeft! })}</span>
          {pay(t("chooseplan"))}
        </Alert>
      )}
      {over && (
        <Alert tone="info" className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3" data-testid="customers-over-limit">
          <span>{t("customersOver", { used: customers.used, max: customers.max! })}</span>
          {pay(t("upgrade"))}
        </Alert>
      )}
    </div>
  );
}
