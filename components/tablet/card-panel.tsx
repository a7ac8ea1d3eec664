"use client";
// One customer's card with big buttons: stamp +1/+2/+3, redeem, undo. A refused
// rule can be overridden by a manager (their name, then their PIN); a redeem may
// ask for the barista's own PIN.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { StampStrip } from "@/components/cards/stamp-strip";
import { applyDeltas, redeemDeltas, stampDeltas } from "@/lib/cards/ledger";
import type { TabletCard } from "@/lib/validation/tablet";
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

export function CardPanel({ card, act, managers, onChange, onFeedback }: Props) {
  const t = useTranslations("tablet");
  const format = useFormatter();
  const explain = useExplain();
  const [busy, setBusy] = useState(false);
  const [spend, setSpend] = useState("");
  // A refused tap a manager may still allow, and which PIN is being asked for.
  const [refused, setRefused] = useState<Tap | null>(null);
  const [asking, setAsking] = useState<{ pin: "override"; tap: Tap } | { pin: "redeem"; tap: Extract<Tap, { kind: "redeem" }> } | null>(null);

  /** Sends a tap; answers null when it went through (or was queued), else the message shown. */
  async function tap(body: Tap, label: string): Promise<string | null> {
    setBusy(true);
    try {
      const r = await act(card.serial, body, `${card.customer.name}: ${label}`);
      if (r.ok) {
        onChange({ ...card, ...r.data.card, lastStampAt: body.kind === "stamp" ? new Date().toISOString() : card.lastStampAt });
        onFeedback({ tone: "ok", text: t(`done.${r.data.kind}`, { label }) });
        setRefused(null);
        setAsking(null);
        setSpend("");
        beep(true);
        return null;
      }
      if (r.offline) {
        // Queued: show the card as it will be once the tap is sent.
        const d =
          body.kind === "stamp" ? stampDeltas(card, body.amount, card.program) : body.kind === "redeem" ? redeemDeltas(card, body.reward ?? "reward") : null;
        if (d) onChange({ ...card, ...applyDeltas(card, d) });
        onFeedback({ tone: "warn", text: t("queued") });
        setAsking(null);
        beep(true);
        return null;
      }
      const text = explain(r.error);
      onFeedback({ tone: "error", text });
      if (r.error.error === "RULE_BLOCKED") setRefused(body);
      if (r.error.message === "pinRequired" && body.kind === "redeem") setAsking({ pin: "redeem", tap: body });
      beep(false);
      return text;
    } finally {
      setBusy(false);
    }
  }

  const spendCents = spend ? { spendCents: Math.round(Number(spend.replace(",", ".")) * 100) } : {};
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
        <StampStrip filled={card.stampCount} total={card.program.stampsRequired} color={card.program.labelColor} />
      </div>
      <p className="text-xl" data-testid="tablet-stamps">
        {t("stamps", { count: card.stampCount, total: card.program.stampsRequired })}
      </p>
      {card.rewardsAvailable > 0 && (
        <p className="rounded-xl bg-emerald-100 px-4 py-3 text-xl font-semibold text-emerald-900" data-testid="tablet-rewards">
          {t("rewards", { count: card.rewardsAvailable, reward: card.program.rewardText })}
        </p>
      )}
      {card.lastStampAt && (
        <p className="text-stone-500">{t("lastVisit", { date: format.dateTime(new Date(card.lastStampAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      )}
      <div className="grid grid-cols-3 gap-3">
        {[1, 2, 3].map((n) => (
          <button
            key={n}
            type="button"
            disabled={busy}
            onClick={() => tap({ kind: "stamp", amount: n, ...spendCents }, `+${n}`)}
            className="min-h-24 rounded-2xl bg-amber-500 text-4xl font-black text-stone-950 active:scale-95 disabled:opacity-50"
          >
            +{n}
          </button>
        ))}
      </div>
      <label className="flex items-center gap-3 text-stone-600">
        <span>{t("spend")}</span>
        <input
          value={spend}
          onChange={(e) => setSpend(e.target.value.replace(/[^\d,.]/g, ""))}
          inputMode="decimal"
          placeholder={format.number(0, { minimumFractionDigits: 2 })}
          className="h-12 w-32 rounded-lg border border-stone-300 px-3 text-lg"
          aria-label={t("spend")}
        />
      </label>
      <div className="grid grid-cols-2 gap-3">
        <button
          type="button"
          disabled={busy || card.rewardsAvailable < 1}
          onClick={() => tap({ kind: "redeem", reward: "reward" }, t("redeem"))}
          className="min-h-16 rounded-2xl bg-emerald-600 text-xl font-semibold text-white disabled:opacity-40"
        >
          {t("redeem")}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => tap({ kind: "undo" }, t("undo"))}
          className="min-h-16 rounded-2xl border-2 border-stone-300 bg-white text-xl font-semibold"
        >
          {t("undo")}
        </button>
      </div>
      {refused && (
        <button
          type="button"
          disabled={busy}
          onClick={() => setAsking({ pin: "override", tap: refused })}
          className="min-h-16 w-full rounded-2xl bg-stone-900 text-xl font-semibold text-white disabled:opacity-50"
        >
          {t("overrideButton")}
        </button>
      )}
      {asking?.pin === "override" && (
        <PinDialog
          title={t("overrideLabel")}
          choose={managers}
          onPin={(overridePin, overrideBy) => tap({ ...asking.tap, overrideBy, overridePin }, t("override"))}
          onClose={() => setAsking(null)}
        />
      )}
      {asking?.pin === "redeem" && (
        <PinDialog title={t("redeemPinLabel")} onPin={(pin) => tap({ ...asking.tap, pin }, t("redeem"))} onClose={() => setAsking(null)} />
      )}
    </div>
  );
}
