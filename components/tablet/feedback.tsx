"use client";
// The one line of feedback after every tap, and how an API error reads to staff.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { TabletErrorResponse } from "@/lib/validation/tablet";

export type Feedback = { tone: "ok" | "warn" | "error"; text: string } | null;

const TONE = { ok: "bg-emerald-600 text-white", warn: "bg-amber-400 text-stone-950", error: "bg-red-700 text-white" };

export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <p className={`rounded-2xl px-5 py-4 text-xl font-semibold ${TONE[feedback.tone]}`} role="status" data-testid="feedback">
      {feedback.text}
    </p>
  );
}

/** An error body as one sentence, in the active language (a rule's retry time too). */
export function useExplain() {
  const t = useTranslations("tablet");
  const format = useFormatter();
  return useCallback(
    (body: TabletErrorResponse) => {
      const key = body.message ?? body.error;
      if (key === "rule.minInterval" && body.retryAt)
        return t("rule.minInterval", { time: format.dateTime(new Date(body.retryAt), { hour: "2-digit", minute: "2-digit" }) });
      if (key.startsWith("rule.")) return t(key, { limit: body.limit ?? 0 });
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
