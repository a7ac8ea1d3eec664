"use client";
// The question on the customer's web card (lib/surveys): satisfaction is one tap
// on 1–5; NPS a 0–10 row (with the two CLI rows when on) and an optional
// comment; "Niet nu" puts it off. A plain HTML form posting to
// /c/<token>/survey, so it works without JavaScript (the server answers with a
// redirect back); with JavaScript it is sent as JSON and answered in place.
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { SurveyQuestion } from "@/lib/surveys/eligibility";
import { COMMENT_MAX, SurveyAnswerRequest } from "@/lib/validation/surveys";

type Props = {
  webToken: string;
  question: SurveyQuestion;
  merchant: string;
};

type Errors = Record<string, string | undefined>;
type State = "ask" | "sending" | "thanks" | "later";

const FACES = ["😞", "🙁", "😐", "🙂", "😄"];

export function SurveyThanks({ merchant }: { merchant: string }) {
  const t = useTranslations("survey");
  return (
    <section id="vraag" className="rounded-2xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" role="status" data-testid="survey-thanks">
      <p className="font-semibold">{t("thanksTitle")}</p>
      <p className="text-sm">{t("thanks", { merchant })}</p>
    </section>
  );
}

/** A 0–10 row of radio buttons, each a thumb-sized target. */
function Scale({ name, legend, error, optional, onPick }: { name: string; legend: string; error?: string; optional?: boolean; onPick: () => void }) {
  const t = useTranslations("survey");
  const hint = `${name}-hint`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${name}-error` : hint} onChange={onPick}>
      <legend className="font-semibold">{legend}</legend>
      <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11" data-testid={`survey-scale-${name}`}>
        {Array.from({ length: 11 }, (_, n) => (
          <label key={n} className="relative">
            <input type="radio" name={name} value={n} className="peer sr-only" />
            <span className="flex min-h-12 cursor-pointer items-center justify-center rounded-lg border border-stone-300 bg-white text-lg font-semibold text-stone-900 peer-checked:border-amber-600 peer-checked:bg-amber-500 peer-focus-visible:ring-2 peer-focus-visible:ring-amber-600 peer-focus-visible:ring-offset-2">
              {n}
            </span>
          </label>
        ))}
      </div>
      <p id={hint} className="flex justify-between text-xs text-stone-500">
        <span>0 · {t("nps.low")}</span>
        <span>
          {optional ? `${t("nps.optional")} ` : ""}10 · {t("nps.high")}
        </span>
      </p>
      {error && (
        <p id={`${name}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function SurveyCard({ webToken, question, merchant }: Props) {
  const t = useTranslations("survey");
  const [state, setState] = useState<State>("ask");
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const sending = state === "sending";
  const say = (key: string) => (t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.badBody"));
  const clear = (name: string) => () => setErrors((e) => ({ ...e, [name]: undefined }));

  async function send(body: Record<string, unknown>) {
    setState("sending");
    try {
      const res = await fetch(`/c/${webToken}/survey`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      const data = (await res.json().catch(() => ({}))) as { later?: boolean; text?: string; fieldErrors?: Record<string, string[]> };
      if (res.ok) return setState(data.later ? "later" : "thanks");
      setState("ask");
      const fields = Object.fromEntries(Object.entries(data.fieldErrors ?? {}).map(([k, v]) => [k, say(v[0])]));
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : (data.text ?? t("errors.badBody")));
    } catch {
      setState("ask");
      setMessage(t("errors.network"));
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const values: Record<string, unknown> = Object.fromEntries(new FormData(e.currentTarget));
    if (submitter?.name) values[submitter.name] = submitter.value;
    setMessage(null);
    if (values.later) return void send({ later: true });
    // The same check as the server's, for an instant message.
    const checked = SurveyAnswerRequest.safeParse(values);
    if (!checked.success) {
      const found: Errors = {};
      for (const issue of checked.error.issues) found[String(issue.path[0])] ??= say(issue.message);
      return setErrors(found);
    }
    setErrors({});
    void send(checked.data);
  }

  if (state === "thanks") return <SurveyThanks merchant={merchant} />;
  if (state === "later")
    return (
      <p id="vraag" className="text-center text-sm text-stone-600" role="status" data-testid="survey-later">
        {t("laterDone")}
      </p>
    );

  return (
    <section id="vraag" className="rounded-2xl bg-white p-4 text-stone-900" aria-busy={sending} data-testid="survey" data-kind={question.kind}>
      <form method="post" action={`/c/${webToken}/survey`} noValidate onSubmit={submit} className="space-y-5">
        <input type="hidden" name="kind" value={question.kind} />
        {question.kind === "SATISFACTION" ? (
          <fieldset className="space-y-3" aria-describedby={errors.score ? "score-error" : "satisfaction-hint"}>
            <legend className="text-lg font-semibold">{t("satisfaction.question")}</legend>
            <p id="satisfaction-hint" className="text-sm text-stone-500">
              {t("satisfaction.hint")}
            </p>
            <div className="grid grid-cols-5 gap-2">
              {FACES.map((face, i) => (
                <button
                  key={face}
                  type="submit"
                  name="score"
                  value={i + 1}
                  disabled={sending}
                  className="flex min-h-20 flex-col items-center justify-center gap-1 rounded-xl border border-stone-300 bg-white text-stone-900 hover:bg-amber-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-600 disabled:opacity-60"
                  data-testid={`survey-score-${i + 1}`}
                >
                  <span aria-hidden className="text-3xl">
                    {face}
                  </span>
                  <span className="text-xs font-medium">{t(`satisfaction.score${i + 1}`)}</span>
                </button>
              ))}
            </div>
            {errors.score && (
              <p id="score-error" className="text-sm text-red-700" role="alert">
                {errors.score}
              </p>
            )}
          </fieldset>
        ) : (
          <>
            <Scale name="score" legend={t("nps.question")} error={errors.score} onPick={clear("score")} />
            {question.cli && (
              <>
                <Scale name="comeBack" legend={t("nps.comeBack")} error={errors.comeBack} optional onPick={clear("comeBack")} />
                <Scale name="tryOther" legend={t("nps.tryOther")} error={errors.tryOther} optional onPick={clear("tryOther")} />
              </>
            )}
            <div className="space-y-1.5">
              <label htmlFor="survey-comment" className="font-semibold">
                {t("nps.comment")}
              </label>
              <textarea
                id="survey-comment"
                name="comment"
                rows={3}
                maxLength={COMMENT_MAX}
                onChange={clear("comment")}
                aria-invalid={errors.comment ? true : undefined}
                aria-describedby={errors.comment ? "comment-error" : "comment-hint"}
                className="w-full rounded-lg border border-stone-300 p-3"
              />
              <p id="comment-hint" className="text-xs text-stone-500">
                {t("nps.commentHint")}
              </p>
              {errors.comment && (
                <p id="comment-error" className="text-sm text-red-700" role="alert">
                  {errors.comment}
                </p>
              )}
            </div>
            <button
              type="submit"
              disabled={sending}
              className="flex min-h-12 w-full items-center justify-center rounded-xl bg-stone-900 px-4 font-medium text-white hover:bg-stone-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 focus-visible:ring-offset-2 disabled:opacity-60"
              data-testid="survey-submit"
            >
              {sending ? t("sending") : t("nps.submit")}
            </button>
          </>
        )}
        {message && (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" role="alert" data-testid="survey-message">
            {message}
          </p>
        )}
        <button
          type="submit"
          name="later"
          value="1"
          disabled={sending}
          className={cn("block min-h-11 w-full text-center text-sm text-stone-600 underline", sending && "opacity-60")}
          data-testid="survey-later-button"
        >
          {t("later")}
        </button>
      </form>
    </section>
  );
}
