"use client";
// The one line of feedback after every tap, and how an API error reads to staff.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { TabletErrorResponse } from "@/lib/validation/tablet";

/** What happened; a refusal a manager may still allow carries that next step as a button. */
export type Feedback = { tone: "ok" | "warn" | "error"; text: string; action?: { label: string; onClick: () => void } } | null;

const TONE = { ok: "bg-emerald-600 text-white", warn: "bg-amber-400 text-stone-950", error: "bg-red-700 text-white" };

/**
 * Stays in view (sticky) while the card below it scrolls, so a refusal's reason
 * and the button that overrides it are never out of sight.
 */
export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <div className={`sticky top-2 z-10 space-y-3 rounded-2xl px-5 py-4 shadow ${TONE[feedback.tone]}`}>
      <p className="text-xl font-semibold" role="status" data-testid="feedback">
        {feedback.text}
      </p>
      {feedback.action && (
        <button type="button" onClick={feedback.action.onClick} className="min-h-16 w-full rounded-2xl bg-stone-900 px-4 text-xl font-semibold text-white">
          {feedback.action.label}
        </button>
      )}
    </div>
  );
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** An error body as one sentence, in the active language: a refused stamp says what happened and what to do. */
export function useExplain() {
  const t = useTranslations("tablet");
  const format = useFormatter();
  return useCallback(
    (body: TabletErrorResponse) => {
      const key = body.message ?? body.error;
      if (body.error === "RULE_BLOCKED" || key.startsWith("rule.")) {
        // Read loosely: a rule this tablet does not know (a newer server) still gets a sentence.
        const b = body as Record<string, unknown>;
        const [limit, minutes] = [num(b.limit), num(b.minutes)];
        const time = typeof b.retryAt === "string" ? format.dateTime(new Date(b.retryAt), { hour: "2-digit", minute: "2-digit" }) : null;
        if (key === "rule.maxPerVisit" && limit !== undefined && minutes !== undefined)
          return time ? t("rule.maxPerVisitUntil", { limit, minutes, time }) : t("rule.maxPerVisit", { limit, minutes });
        if (key === "rule.maxPerDay" && limit !== undefined) return t("rule.maxPerDay", { limit, stampsToday: num(b.stampsToday) ?? limit });
        return t("rule.generic");
      }
      // Invalid input: the first field's reason when the tablet has words for it ("serialInvalid").
      const field = Object.values(body.fieldErrors ?? {})[0]?.[0];
      if (key === "VALIDATION" && field && t.has(`errors.${field}`)) return t(`errors.${field}`);
      return t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.INTERNAL");
    },
    [t, format],
  );
}

/** A short tone: staff look at the customer, not the screen. */
export function beep(ok: boolean) {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = ok ? 880 : 220;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + (ok ? 0.12 : 0.3));
  } catch {
    /* no audio: the visual confirmation is enough */
  }
}
