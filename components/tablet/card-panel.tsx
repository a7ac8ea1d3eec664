"use client";
// One customer's card with big buttons: stamp +1/+2/+3, one green button per
// reward waiting (the intermediate one and the main one, each by name), undo. A
// refused rule can be overridden by a manager (the button comes with the reason in
// the feedback line; their name, then their PIN); a redeem may ask for the
// barista's own PIN. What the panel shows is worked out in
// ./card-view.ts.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { StampStrip } from "@/components/cards/stamp-strip";
import type { TabletCard } from "@/lib/validation/tablet";
import { availableRewards, doneMessage, offlineCard, rewardProgress, tapLabel, type Message } from "./card-view";
import { beep, useExplain, type Feedback } from "./feedback";
import { PinDialog } from "./pin-dialog";
import type { StaffMember, Tap, TabletApi } from "./use-tablet-api";

type Props = {
  card: TabletCard;
  act: TabletApi["act"];
  managers: StaffMember[];
  onChange: (card: TabletCard) => void;
  onFeedback: (feedback: Feedback) => void;
};

type RedeemTap = Extract<Tap, { kind: "redeem" }>;

/** An amount spent as typed ("4,50", "12"), in cents; null when it is not an amount. */
function cents(text: string): number | null {
  const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : null;
}

export function CardPanel({ card, act, managers, onChange, onFeedback }: Props) {
  const t = useTranslations("tablet");
  const format = useFormatter();
  const explain = useExplain();
  const fallback = t("intermediateReward");
  const say = (m: Message) => t(m.key, m.values);
  const [busy, setBusy] = useState(false);
  const [spend, setSpend] = useState("");
  const [spendError, setSpendError] = useState(false);
  // Which PIN is being asked for: a manager's to allow a refused tap (shown with the reason), or the barista's to redeem.
  const [asking, setAsking] = useState<{ pin: "override"; tap: Tap; reason: string } | { pin: "redeem"; tap: RedeemTap } | null>(null);

  /**
   * Sends a tap; answers null when it went through (or was queued), else the message.
   * From a PIN dialog (`inDialog`) a refusal is shown in the dialog, and the line above
   * the card keeps saying why the manager was asked.
   */
  async function tap(body: Tap, inDialog = false): Promise<string | null> {
    setBusy(true);
    try {
      const label = say(tapLabel(card, body, fallback));
      const r = await act(card.serial, body, `${card.customer.name}: ${label}`);
      if (r.ok || r.offline) {
        if (r.ok) {
          onChange({ ...card, ...r.data.card, lastStampAt: body.kind === "stamp" ? new Date().toISOString() : card.lastStampAt });
          onFeedback({ tone: "ok", text: say(doneMessage(card, body, r.data.card, fallback)) });
        } else {
          // Queued: show the card as it will be once the tap is sent.
          onChange(offlineCard(card, body));
          onFeedback({ tone: "warn", text: t("queued", { what: label }) });
        }
        setAsking(null);
        setSpend("");
        beep(true);
        return null;
      }
      const text = explain(r.error);
      if (r.error.message === "pinRequired" && body.kind === "redeem") {
        setAsking({ pin: "redeem", tap: body });
        return text;
      }
      if (!inDialog)
        onFeedback({
          tone: "error",
          text,
          // A refused rule: right under its reason, the way past it with a manager.
          action:
            r.error.error === "RULE_BLOCKED"
              ? { label: t("overrideButton"), onClick: () => setAsking({ pin: "override", tap: body, reason: text }) }
              : undefined,
        });
      beep(false);
      return text;
    } finally {
      setBusy(false);
    }
  }

  function stamp(amount: number) {
    const spent = spend.trim() ? cents(spend) : undefined;
    setSpendError(spent === null);
    if (spent !== null) void tap({ kind: "stamp", amount, ...(spent !== undefined ? { spendCents: spent } : {}) });
  }

  const rewards = availableRewards(card, fallback);
  const progress = format.list(
    rewardProgress(card, fallback).map((g) => t("progress", { left: g.left, reward: g.name })),
    { type: "conjunction" },
  );
  const forCustomer = (tap: Tap) => t("tapFor", { what: say(tapLabel(card, tap, fallback)), name: card.customer.name });
  return (
    <div className="space-y-5 rounded-3xl bg-white p-5 shadow">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold" data-testid="tablet-customer">
          {card.customer.name}
        </h1>
        <p className="text-stone-500">
          {card.program.name} · {card.serial}
        </p>
      </div>
      <div className="rounded-2xl p-4" style={{ backgroundColor: card.program.backgroundColor }}>
        {/* Small enough that the +1/+2/+3 keys stay on a 1024×768 screen. */}
        <StampStrip filled={card.stampCount} total={card.program.stampsRequired} color={card.program.labelColor} className="mx-auto max-w-sm" />
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-xl" data-testid="tablet-stamps">
          {t("stamps", { count: card.stampCount, total: card.program.stampsRequired })}
        </p>
        {card.lastStampAt && (
          <p className="text-stone-500">{t("lastVisit", { date: format.dateTime(new Date(card.lastStampAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
        )}
      </div>
      {rewards.length > 0 ? (
        <div className="grid gap-3 sm:grid-cols-2" data-testid="tablet-rewards">
          {rewards.map((r) => (
            <button
              key={r.kind}
              type="button"
              disabled={busy}
              onClick={() => void tap({ kind: "redeem", reward: r.kind })}
              className="min-h-20 rounded-2xl bg-emerald-600 px-4 text-2xl font-semibold text-white active:scale-95 disabled:opacity-50"
              data-testid={`tablet-redeem-${r.kind}`}
            >
              {r.count > 1 && <span className="mr-2 rounded-lg bg-white/20 px-2">{r.count}×</span>}
              {t("redeemButton", { reward: r.name })}
            </button>
          ))}
        </div>
      ) : (
        <p className="rounded-xl bg-stone-100 px-4 py-3 text-lg text-stone-700" data-testid="tablet-progress">
          {t("noReward", { progress })}
        </p>
      )}
      <div className="grid grid-cols-3 gap-3">
        {[1, 2, 3].map((n) => (
          <button
            key={n}
            type="button"
            disabled={busy}
            onClick={() => stamp(n)}
            className="min-h-24 rounded-2xl bg-amber-500 text-4xl font-black text-stone-950 active:scale-95 disabled:opacity-50"
          >
            +{n}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <label className="flex items-center gap-3 text-stone-600">
            <span>{t("spend")}</span>
            <input
              value={spend}
              onChange={(e) => {
                setSpend(e.target.value.replace(/[^\d,.]/g, ""));
                setSpendError(false);
              }}
              inputMode="decimal"
              placeholder={format.number(0, { minimumFractionDigits: 2 })}
              className="h-12 w-32 rounded-lg border border-stone-300 px-3 text-lg aria-invalid:border-red-700"
              aria-invalid={spendError}
              aria-describedby={spendError ? "spend-error" : undefined}
            />
          </label>
          {spendError && (
            <p id="spend-error" className="mt-1 text-red-800" role="alert">
              {t("spendInvalid")}
            </p>
          )}
        </div>
        <button
          type="button"
          disabled={busy}
          onClick={() => void tap({ kind: "undo" })}
          className="min-h-16 rounded-2xl border-2 border-stone-300 bg-white px-6 text-xl font-semibold disabled:opacity-50"
        >
          {t("tap.undo")}
        </button>
      </div>
      {asking?.pin === "override" && (
        <PinDialog
          title={t("overrideLabel")}
          subject={forCustomer(asking.tap)}
          reason={asking.reason}
          choose={managers}
          onPin={(overridePin, overrideBy) => tap({ ...asking.tap, overrideBy, overridePin }, true)}
          onClose={() => setAsking(null)}
        />
      )}
      {asking?.pin === "redeem" && (
        <PinDialog
          title={t("redeemPinLabel")}
          subject={forCustomer(asking.tap)}
          onPin={(pin) => tap({ ...asking.tap, pin }, true)}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}
