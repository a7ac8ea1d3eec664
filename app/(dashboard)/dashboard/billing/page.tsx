// Abonnement (owners): the plan now (trial days, status, a past-due banner with
// "Betaal nu"), the plans to choose or switch to (month/year, excl. and incl.
// BTW), cancel/resume, and the payments with their invoices. After Mollie's
// checkout the owner lands here with ?payment=<id>: "wordt verwerkt" until the
// webhook has arrived (the page polls).
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { billingEnabled } from "@/lib/billing/config";
import { accountState, planUsage } from "@/lib/billing/entitlements";
import { invoicePdfPath } from "@/lib/billing/invoice-email";
import { monthsFreeYearly, PAYMENT_GRACE_DAYS, PLANS } from "@/lib/billing/plans";
import { currentChoice, pendingChange, priceFor } from "@/lib/billing/subscription";
import { hasRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";
import { CancelResume, PayNowButton, PlanCards, ProcessingPoller, type PlanCard } from "./billing-client";

export const dynamic = "force-dynamic";

const OPEN = new Set(["OPEN", "PENDING", "AUTHORIZED"]);

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ payment?: string }> }) {
  const { ctx } = await requireTenant();
  if (!hasRole(ctx, "OWNER")) redirect("/dashboard");
  const t = await getTranslations("billing");
  const format = await getFormatter();
  const locale = await getLocale();
  const db = tenantDb(ctx);
  const org = await db.organization.findFirstOrThrow({ where: { id: ctx.orgId } });
  const returned = EntityId.safeParse((await searchParams).payment);
  const tl = await getTranslations("billing-limits");
  const [payments, pending, justPaid, { usage }] = await Promise.all([
    db.payment.findMany({ orderBy: { createdAt: "desc" }, take: 24, include: { invoice: { select: { id: true, number: true } } } }),
    pendingChange(org),
    returned.success ? db.payment.findFirst({ where: { id: returned.data } }) : null,
    planUsage(ctx),
  ]);
  const enabled = billingEnabled();
  const state = accountState(org);
  const current = currentChoice(org);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const running = !!org.mollieSubscriptionId && org.subscriptionStatus === "ACTIVE";
  const mode = !enabled
    ? "none"
    : running
      ? "change"
      : org.mollieSubscriptionId || (org.subscriptionStatus === "CANCELED" && state.mode !== "readOnly")
        ? "none"
        : "checkout";
  const plans: PlanCard[] = PLANS.map((p) => ({
    id: p.id,
    recommended: !!p.recommended,
    monthsFree: monthsFreeYearly(p),
    price: {
      month: { excl: p.price.month, incl: priceFor(org, { plan: p.id, interval: "month" }).totalCents },
      year: { excl: p.price.year, incl: priceFor(org, { plan: p.id, interval: "year" }).totalCents },
    },
    features: (["cardPrograms", "locations", "staff", "customers"] as const).map((key) => ({ key, count: p.limits[key] ?? -1 })),
  }));

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("lead")}</p>
      </div>

      {!enabled && (
        <p role="status" className="rounded-lg bg-stone-100 px-4 py-3">
          {t("billingOff")}
        </p>
      )}

      {justPaid && (
        <div role="status" data-testid="payment-status" className="rounded-lg bg-sky-50 px-4 py-3">
          {OPEN.has(justPaid.status) ? (
            <>
              <p className="font-semibold">{t("processing.title")}</p>
              <p>{t("processing.body")}</p>
              <ProcessingPoller />
            </>
          ) : justPaid.status === "PAID" ? (
            <p className="font-semibold">{t("processing.paid")}</p>
          ) : (
            <p className="font-semibold">{t("processing.failed")}</p>
          )}
        </div>
      )}

      {org.subscriptionStatus === "PAST_DUE" && (
        <div role="alert" data-testid="past-due" className="rounded-lg bg-amber-50 px-4 py-3 text-amber-950">
          <p className="font-semibold">{t("pastDue.title")}</p>
          <p className="mb-2">{t("pastDue.body", { days: PAYMENT_GRACE_DAYS })}</p>
          {enabled && <PayNowButton />}
        </div>
      )}

      <Card>
        <h2 className="font-semibold">{t("current.heading")}</h2>
        <div data-testid="current-plan" className="mt-1">
          {!current ? (
            <p>{state.trialDaysLeft ? t("current.trial", { days: state.trialDaysLeft }) : t("current.trialEnded")}</p>
          ) : (
            <>
              <p className="text-lg font-medium">{t("current.plan", { plan: t(`plans.${current.plan}.name`), interval: t(`per.${current.interval}`) })}</p>
              {org.currentPeriodEnd && org.subscriptionStatus === "ACTIVE" && (
                <p className="text-sm text-stone-600">{t("current.renews", { date: date(org.currentPeriodEnd) })}</p>
              )}
              {org.currentPeriodEnd && org.subscriptionStatus === "CANCELED" && (
                <p className="text-sm text-stone-600">
                  {org.currentPeriodEnd > new Date()
                    ? t("current.endsOn", { date: date(org.currentPeriodEnd) })
                    : t("current.ended", { date: date(org.currentPeriodEnd) })}
                </p>
              )}
              {pending && org.currentPeriodEnd && (
                <p className="text-sm text-stone-600">
                  {t("current.pending", { date: date(org.currentPeriodEnd), plan: t(`plans.${pending.plan}.name`), interval: t(`per.${pending.interval}`) })}
                </p>
              )}
            </>
          )}
        </div>
        {/* What the plan allows and what the shop uses of it (the same counts the limits check). */}
        <ul className="mt-3 grid gap-1 text-sm text-stone-700 sm:grid-cols-2" data-testid="plan-usage">
          {usage.map((u) => (
            <li key={u.limit} data-limit={u.limit} className={u.max !== null && u.used >= u.max ? "font-medium text-amber-900" : undefined}>
              {u.max === null
                ? tl("usageUnlimited", { used: u.used, label: tl(`limits.${u.limit}`, { count: u.used }) })
                : tl("usage", { used: u.used, max: u.max, label: tl(`limits.${u.limit}`, { count: u.max }) })}
            </li>
          ))}
        </ul>
        {enabled && org.currentPeriodEnd && (running || (org.subscriptionStatus === "CANCELED" && org.currentPeriodEnd > new Date())) && (
          <CancelResume canceled={org.subscriptionStatus === "CANCELED"} periodEnd={date(org.currentPeriodEnd)} />
        )}
      </Card>

      <Card>
        <PlanCards plans={plans} current={current} mode={mode} locale={locale} />
      </Card>

      <Card>
        <h2 className="font-semibold">{t("payments.title")}</h2>
        {payments.length === 0 ? (
          <p className="text-stone-600">{t("payments.empty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="text-stone-500">
                  <th className="py-2 pr-3 font-medium">{t("payments.date")}</th>
                  <th className="py-2 pr-3 font-medium">{t("payments.description")}</th>
                  <th className="py-2 pr-3 font-medium">{t("payments.amount")}</th>
                  <th className="py-2 pr-3 font-medium">{t("payments.status")}</th>
                  <th className="py-2 font-medium">{t("payments.invoice")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {payments
                  .filter((p) => !p.molliePaymentId.startsWith("pending-"))
                  .map((p) => (
                    <tr key={p.id} data-testid="payment-row">
                      <td className="py-2 pr-3">{date(p.paidAt ?? p.createdAt)}</td>
                      <td className="py-2 pr-3">{p.description}</td>
                      <td className="py-2 pr-3">{format.number(p.totalCents / 100, { style: "currency", currency: "EUR" })}</td>
                      <td className="py-2 pr-3">{t(`paymentStatus.${p.status}`)}</td>
                      <td className="py-2">
                        {p.invoice && (
                          <a href={invoicePdfPath(p.invoice.id)} className="text-amber-800 underline" data-testid="invoice-link">
                            {p.invoice.number} · {t("payments.download")}
                          </a>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </section>
  );
}
