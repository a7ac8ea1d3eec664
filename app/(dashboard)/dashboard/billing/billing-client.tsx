"use client";
// The billing page's interactive parts: the plan cards (month/year, choose or
// switch with a preview), pay now, cancel/resume, and the poll while a payment
// is being processed. Each button calls one server action (./actions.ts).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import { cancelAction, changePlanAction, checkoutAction, payNowAction, previewPlanChangeAction, resumeAction } from "./actions";

type PlanId = "start" | "groei" | "pro";
type Interval = "month" | "year";
export type PlanCard = {
  id: PlanId;
  recommended: boolean;
  monthsFree: number;
  /** Cents excl. and incl. BTW per interval. */
  price: Record<Interval, { excl: number; incl: number }>;
  features: { key: "cardPrograms" | "locations" | "staff" | "customers"; count: number }[];
};
type Preview = { when: "now" | "periodEnd"; chargeTotalCents: number; newPriceTotalCents: number; effectiveAt: string };

function useAction() {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(action: () => Promise<ActionResult<T>>, then: (data: T) => void) =>
    start(async () => {
      setError(null);
      try {
        const r = await action();
        if (r.ok) then(r.data);
        else setError(t.has(r.error) ? t(r.error) : t("billing.errors.failed"));
      } catch {
        setError(t("billing.errors.failed"));
      }
    });
  return { pending, error, run };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="mt-2 text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

const euro = (cents: number, locale: string) =>
  new Intl.NumberFormat(locale === "en" ? "en-NL" : "nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);

export function PlanCards(props: {
  plans: PlanCard[];
  current: { plan: PlanId; interval: Interval } | null;
  mode: "checkout" | "change" | "none";
  locale: string;
}) {
  const t = useTranslations("billing");
  const router = useRouter();
  const [interval, setInterval] = useState<Interval>(props.current?.interval ?? "month");
  const [preview, setPreview] = useState<{ plan: PlanId; data: Preview } | null>(null);
  const [done, setDone] = useState(false);
  const { pending, error, run } = useAction();
  const money = (c: number) => euro(c, props.locale);

  const choose = (plan: PlanId) =>
    props.mode === "checkout"
      ? run(
          () => checkoutAction({ plan, interval }),
          (d) => window.location.assign(d.checkoutUrl),
        )
      : run(
          () => previewPlanChangeAction({ plan, interval }),
          (d) => setPreview({ plan, data: d }),
        );

  return (
    <div>
      <div role="radiogroup" aria-label={t("intervals.month")} className="inline-flex rounded-lg bg-stone-100 p-1">
        {(["month", "year"] as const).map((i) => (
          <button
            key={i}
            type="button"
            role="radio"
            aria-checked={interval === i}
            data-testid={`interval-${i}`}
            onClick={() => (setInterval(i), setPreview(null))}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${interval === i ? "bg-white shadow" : "text-stone-600"}`}
          >
            {t(`intervals.${i}`)}
          </button>
        ))}
      </div>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        {props.plans.map((p) => {
          const isCurrent = props.current?.plan === p.id && props.current.interval === interval;
          return (
            <div key={p.id} data-testid={`plan-${p.id}`} className={`rounded-xl border p-4 ${p.recommended ? "border-stone-900" : "border-stone-200"}`}>
              <h3 className="text-lg font-semibold">{t(`plans.${p.id}.name`)}</h3>
              <p className="mt-2">
                <span className="text-2xl font-bold">{money(p.price[interval].excl)}</span>{" "}
                <span className="text-sm text-stone-600">
                  {t(`per.${interval}`)}, {t("exclVat")}
                </span>
              </p>
              <p className="text-sm text-stone-600">{t("inclVat", { amount: money(p.price[interval].incl) })}</p>
              {interval === "year" && p.monthsFree > 0 && <p className="text-sm font-medium text-emerald-700">{t("yearDeal", { months: p.monthsFree })}</p>}
              <ul className="mt-3 space-y-1 text-sm">
                {p.features.map((f) => (
                  <li key={f.key}>{t(`features.${f.key}`, { count: f.count })}</li>
                ))}
              </ul>
              <div className="mt-4">
                {isCurrent ? (
                  <p className="text-sm font-medium">{t("currentPlan")}</p>
                ) : props.mode !== "none" ? (
                  <form noValidate onSubmit={(e) => (e.preventDefault(), choose(p.id))}>
                    <Button type="submit" disabled={pending} data-testid={`choose-${p.id}`}>
                      {props.mode === "checkout" ? t("choose") : t("switch")}
                    </Button>
                  </form>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {preview && (
        <div role="dialog" aria-modal="false" className="mt-4 rounded-xl bg-stone-50 p-4" data-testid="plan-preview">
          <p>
            {preview.data.when === "now"
              ? t("preview.now", { amount: money(preview.data.chargeTotalCents), price: money(preview.data.newPriceTotalCents), per: t(`per.${interval}`) })
              : t("preview.periodEnd", {
                  date: new Date(preview.data.effectiveAt).toLocaleDateString(props.locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long" }),
                  price: money(preview.data.newPriceTotalCents),
                  per: t(`per.${interval}`),
                })}
          </p>
          <div className="mt-3 flex gap-2">
            <Button
              disabled={pending}
              onClick={() =>
                run(
                  () => changePlanAction({ plan: preview.plan, interval }),
                  () => (setPreview(null), setDone(true), router.refresh()),
                )
              }
            >
              {t("preview.confirm")}
            </Button>
            <Button variant="outline" onClick={() => setPreview(null)}>
              {t("preview.back")}
            </Button>
          </div>
        </div>
      )}
      {done && (
        <p role="status" className="mt-3 text-sm text-emerald-800">
          {t("preview.done")}
        </p>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

export function PayNowButton() {
  const t = useTranslations("billing");
  const { pending, error, run } = useAction();
  return (
    <div>
      <Button disabled={pending} data-testid="pay-now" onClick={() => run(payNowAction, (d) => window.location.assign(d.checkoutUrl))}>
        {t("pastDue.payNow")}
      </Button>
      <ErrorLine error={error} />
    </div>
  );
}

export function CancelResume({ canceled, periodEnd }: { canceled: boolean; periodEnd: string }) {
  const t = useTranslations("billing");
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  if (canceled)
    return (
      <div className="mt-3">
        <Button variant="outline" disabled={pending} onClick={() => run(resumeAction, () => (setMessage(t("resume.done")), router.refresh()))}>
          {t("resume.button")}
        </Button>
        {message && <p role="status">{message}</p>}
        <ErrorLine error={error} />
      </div>
    );
  return (
    <div className="mt-3">
      {asking ? (
        <div className="rounded-lg bg-amber-50 p-3">
          <p>{t("cancel.confirm", { date: periodEnd })}</p>
          <div className="mt-2 flex gap-2">
            <Button disabled={pending} onClick={() => run(cancelAction, () => (setAsking(false), setMessage(t("cancel.done")), router.refresh()))}>
              {t("cancel.yes")}
            </Button>
            <Button variant="outline" onClick={() => setAsking(false)}>
              {t("cancel.back")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="outline" onClick={() => setAsking(true)}>
          {t("cancel.button")}
        </Button>
      )}
      {message && <p role="status">{message}</p>}
      <ErrorLine error={error} />
    </div>
  );
}

/** While a returned payment is still open: refresh the page every two seconds (for up to two minutes). */
export function ProcessingPoller() {
  const router = useRouter();
  useEffect(() => {
    let n = 0;
    const timer = window.setInterval(() => (++n > 60 ? window.clearInterval(timer) : router.refresh()), 2000);
    return () => window.clearInterval(timer);
  }, [router]);
  return null;
}
