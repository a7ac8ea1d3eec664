"use client";
// One customer's card with big buttons: stamp +1/+2/+3, redeem, undo. A refused
// rule can be overridden with a manager PIN; a redeem may ask for the staff PIN.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { StampStrip } from "@/components/cards/stamp-strip";
import { applyDeltas, redeemDeltas, stampDeltas } from "@/lib/cards/ledger";
import type { TabletCard } from "@/lib/validation/tablet";
import { beep, useExplain, type Feedback } from "./feedback";
import type { Tap, TabletApi } from "./use-tablet-api";

type Props = { card: TabletCard; act: TabletApi["act"]; onChange: (card: TabletCard) => void; onFeedback: (feedback: Feedback) => void };

export function CardPanel({ card, act, onChange, onFeedback }: Props) {
  const t = useTranslations("tablet");
  const format = useFormatter();
  const explain = useExplain();
  const [busy, setBusy] = useState(false);
  const [spend, setSpend] = useState("");
  const [override, setOverride] = useState<Tap | null>(null);
  const [needPin, setNeedPin] = useState(false);

  async function tap(body: Tap, label: string) {
    setBusy(true);
    try {
      const r = await act(card.serial, body, `${card.customer.name}: ${label}`);
      if (r.ok) {
        onChange({ ...card, ...r.data.card, lastStampAt: body.kind === "stamp" ? new Date().toISOString() : card.lastStampAt });
        onFeedback({ tone: "ok", text: t(`done.${r.data.kind}`, { label }) });
        setOverride(null);
        setNeedPin(false);
        setSpend("");
        beep(true);
      } else if (r.offline) {
        // Queued: show the card as it will be once the tap is sent.
        const d = body.kind === "stamp" ? stampDeltas(card, body.amount, card.program) : body.kind === "redeem" ? redeemDeltas(card, body.reward ?? "reward") : null;
        if (d) onChange({ ...card, ...applyDeltas(card, d) });
        onFeedback({ tone: "warn", text: t("queued") });
        beep(true);
      } else {
        onFeedback({ tone: "error", text: explain(r.error) });
        if (r.error.error === "RULE_BLOCKED") setOverride(body);
        if (r.error.message === "pinRequired") setNeedPin(true);
        beep(false);
      }
    } finally {
      setBusy(false);
    }
  }

  const spendCents = spend ? { spendCents: Math.round(Number(spend.replace(",", ".")) * 100) } : {};
  return (
    <div className="space-y-5 rounded-3xl bg-white p-5 shadow">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold" data-testid="tablet-customer">{card.customer.name}</h1>
        <p className="text-stone-500">{card.program.name} · {card.serial}</p>
      </div>
      <div className="rounded-2xl p-4" style={{ backgroundColor: card.program.backgroundColor }}>
        <StampStrip filled={card.stampCount} total={card.program.stampsRequired} color={card.program.labelColor} />
      </div>
      <p className="text-xl" data-testid="tablet-stamps">{t("stamps", { count: card.stampCount, total: card.program.stampsRequired })}</p>
      {card.rewardsAvailable > 0 && <p className="rounded-xl bg-emerald-100 px-4 py-3 text-xl font-semibold text-emerald-900" data-testid="tablet-rewards">{t("rewards", { count: card.rewardsAvailable, reward: card.program.rewardText })}</p>}
      {card.lastStampAt && <p className="text-stone-500">{t("lastVisit", { date: format.dateTime(new Date(card.lastStampAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>}
      <div className="grid grid-cols-3 gap-3">
        {[1, 2, 3].map((n) => (
          <button key={n} type="button" disabled={busy} onClick={() => tap({ kind: "stamp", amount: n, ...spendCents }, `+${n}`)} className="min-h-24 rounded-2xl bg-amber-500 text-4xl font-black text-stone-950 active:scale-95 disabled:opacity-50">+{n}</button>
        ))}
      </div>
      <label className="flex items-center gap-3 text-stone-600">
        <span>{t("spend")}</span>
        <input value={spend} onChange={(e) => setSpend(e.target.value.replace(/[^\d,.]/g, ""))} inputMode="decimal" placeholder={format.number(0, { minimumFractionDigits: 2 })} className="h-12 w-32 rounded-lg border border-stone-300 px-3 text-lg" aria-label={t("spend")} />
      </label>
      <div className="grid grid-cols-2 gap-3">
        <button type="button" disabled={busy || card.rewardsAvailable < 1} onClick={() => tap({ kind: "redeem", reward: "reward" }, t("redeem"))} className="min-h-16 rounded-2xl bg-emerald-600 text-xl font-semibold text-white disabled:opacity-40">{t("redeem")}</button>
        <button type="button" disabled={busy} onClick={() => tap({ kind: "undo" }, t("undo"))} className="min-h-16 rounded-2xl border-2 border-stone-300 bg-white text-xl font-semibold">{t("undo")}</button>
      </div>
      {needPin && <PinPrompt label={t("redeemPinLabel")} action={t("redeem")} onPin={(pin) => tap({ kind: "redeem", reward: "reward", pin }, t("redeem"))} />}
      {override && <PinPrompt label={t("overrideLabel")} action={t("override")} onPin={(overridePin) => tap({ ...override, overridePin }, t("override"))} />}
    </div>
  );
}

/** A PIN asked for one action: the staff PIN to redeem, or a manager PIN to override a rule. */
function PinPrompt({ label, action, onPin }: { label: string; action: string; onPin: (pin: string) => void }) {
  return (
    <form
      className="flex flex-wrap items-end gap-2 rounded-xl bg-stone-100 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onPin(String(new FormData(e.currentTarget).get("pin")));
      }}
    >
      <label className="flex-1">
        <span className="block text-sm">{label}</span>
        <input name="pin" inputMode="numeric" type="password" maxLength={6} className="h-12 w-full rounded-lg border border-stone-300 px-3 text-lg" autoFocus />
      </label>
      <button type="submit" className="min-h-12 rounded-lg bg-stone-900 px-4 text-white">{action}</button>
    </form>
  );
}
