"use client";
// Berichten → Nieuw bericht: write (Dutch, optionally English) with live counts
// per channel, pick the audience, see who it reaches and how it looks, then
// send now or schedule — after a confirm step. Checked with CampaignInput in the
// browser and again by the server action; nothing typed is lost on an error.
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { createCampaignAction, emailPreviewAction, messageReachAction } from "@/app/actions/messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { validate } from "@/lib/actions/validate";
import { fillTemplate, PLACEHOLDERS } from "@/lib/messages/template";
import type { Reach } from "@/lib/messages/types";
import { CampaignInput, TEXT_LIMITS, type Audience } from "@/lib/validation/messages";
import { AudiencePicker, type AudienceOptions } from "./audience-picker";
import { campaignInput, composerField, insertAt, reachSums, sampleVars, textCounts, type ComposerValues, type Count } from "./compose";
import { MessagePreviews, type PreviewCard, type PreviewEmail } from "./previews";
import { ReachPanel } from "./reach-panel";

type Props = {
  card: PreviewCard;
  /** The sample customer's reward and card size (the merchant's first card). */
  reward: string;
  stampsRequired: number;
  options: AudienceOptions;
  initialAudience: Audience;
  cap: number;
  timeZone: string;
  /** Today in the merchant's time zone (YYYY-MM-DD): the earliest day to schedule. */
  today: string;
};

type TextField = "titleNl" | "bodyNl" | "titleEn" | "bodyEn";
type Errors = Record<string, string[]>;

const areaClass =
  "min-h-28 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 placeholder:text-stone-400 focus:border-amber-500 focus:outline-none focus:ring-2 focus:ring-amber-500/40 aria-[invalid=true]:border-red-600";

/** Runs `fn` `ms` after `deps` last changed; what `fn` returns runs when they change again (drop a stale answer). */
function useDebounced(fn: () => void | (() => void), ms: number, deps: unknown[]) {
  const saved = useRef(fn);
  useEffect(() => {
    saved.current = fn;
  });
  useEffect(() => {
    let cleanup: void | (() => void);
    const timer = setTimeout(() => (cleanup = saved.current()), ms);
    // A newer change cancels the pending call, and makes an answer still on its way be ignored.
    return () => {
      clearTimeout(timer);
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

export function Composer({ card, reward, stampsRequired, options, initialAudience, cap, timeZone, today }: Props) {
  const t = useTranslations("messages.composer");
  const tAll = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  /** "2026-12-07" as "7 december 2026" (a calendar day: formatted at noon UTC, so no time zone moves it). */
  const localDay = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) ? format.dateTime(new Date(`${day}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" }) : "…";
  const [values, setValues] = useState<ComposerValues>({
    name: "",
    titleNl: "",
    bodyNl: "",
    english: false,
    titleEn: "",
    bodyEn: "",
    link: "",
    bonus: false,
    bonusStamps: "1",
    bonusUntilDay: "",
    audience: initialAudience,
    holdout: false,
    holdoutPercent: "10",
    when: "now",
    scheduleDay: today,
    scheduleTime: "10:00",
  });
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const [previewLocale, setPreviewLocale] = useState<"nl" | "en">("nl");
  const refs = useRef<Partial<Record<TextField, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastText = useRef<TextField>("bodyNl");
  const register = (field: TextField, el: HTMLInputElement | HTMLTextAreaElement | null) => {
    refs.current[field] = el;
  };

  // ---- deliverability, asked again (debounced) when the audience changes
  const [reach, setReach] = useState<Reach | null>(null);
  const [reachLoading, setReachLoading] = useState(true);
  const [reachFailed, setReachFailed] = useState(false);
  const audienceKey = JSON.stringify(values.audience);
  useDebounced(
    () => {
      let current = true;
      setReachLoading(true);
      messageReachAction(values.audience)
        .then((r) => {
          if (!current) return;
          setReachFailed(!r.ok);
          setReach(r.ok ? r.data : null);
        })
        .catch(() => current && setReachFailed(true))
        .finally(() => current && setReachLoading(false));
      return () => {
        current = false;
      };
    },
    300,
    [audienceKey],
  );

  // ---- the texts as the sample customer reads them
  const vars = useMemo(() => sampleVars(reward, stampsRequired, previewLocale), [reward, stampsRequired, previewLocale]);
  const en = values.english && previewLocale === "en";
  const title = fillTemplate((en && values.titleEn.trim()) || values.titleNl, vars).trim();
  const body = fillTemplate((en && values.bodyEn.trim()) || values.bodyNl, vars).trim();
  const link = values.link.trim() || null;
  const countsNl = textCounts(values.titleNl, values.bodyNl, sampleVars(reward, stampsRequired, "nl"));
  const countsEn = textCounts(values.titleEn, values.bodyEn, sampleVars(reward, stampsRequired, "en"));

  // ---- the email preview, rendered by the server (the real template), debounced while typing
  const [email, setEmail] = useState<PreviewEmail>(null);
  const [emailLoading, setEmailLoading] = useState(false);
  useDebounced(
    () => {
      if (!title && !body) return setEmail(null);
      let current = true;
      setEmailLoading(true);
      emailPreviewAction({ locale: previewLocale, title, body, link: link ?? undefined })
        .then((r) => current && setEmail(r.ok ? r.data : null))
        .catch(() => current && setEmail(null))
        .finally(() => current && setEmailLoading(false));
      return () => {
        current = false;
      };
    },
    600,
    [title, body, link, previewLocale],
  );

  const errorText = (key: string) => {
    for (const k of [`messages.errors.${key}`, `validation.${key}`]) if (tAll.has(k)) return tAll(k);
    return tAll("messages.errors.invalid");
  };
  const fieldError = (name: string) => (errors[name]?.[0] ? errorText(errors[name][0]) : null);

  function set<K extends keyof ComposerValues>(key: K, value: ComposerValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setConfirming(false);
    if (errors[key as string]) setErrors(({ [key as string]: _, ...rest }) => rest);
  }

  function insert(token: string) {
    const field = lastText.current;
    const el = refs.current[field];
    const { text, cursor } = insertAt(values[field], `{${token}}`, el?.selectionStart ?? undefined, el?.selectionEnd ?? undefined);
    set(field, text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(cursor, cursor);
    });
  }

  function check(): boolean {
    const checked = validate(CampaignInput, campaignInput(values));
    if (checked.ok) return true;
    const mapped: Errors = {};
    for (const [path, list] of Object.entries(checked.fieldErrors ?? {})) (mapped[composerField(path)] ??= []).push(...list);
    setErrors(mapped);
    setMessage(t("checkFields"));
    return false;
  }

  function review(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (check()) {
      setErrors({});
      setConfirming(true);
    }
  }

  function send() {
    start(async () => {
      try {
        const result = await createCampaignAction(campaignInput(values));
        if (!result.ok) {
          const mapped: Errors = {};
          for (const [path, list] of Object.entries(result.fieldErrors ?? {})) (mapped[composerField(path)] ??= []).push(...list);
          setErrors(mapped);
          setConfirming(false);
          setMessage(Object.keys(mapped).length ? t("checkFields") : errorText(result.error.replace(/^(validation|errors)\./, "")));
          return;
        }
        router.push(`/dashboard/campaigns/${result.data.id}`);
      } catch {
        setConfirming(false);
        setMessage(errorText("INTERNAL"));
      }
    });
  }

  const recipients = reach ? reachSums(reach).recipients : null;
  const scheduledLabel = `${localDay(values.scheduleDay)} ${values.scheduleTime}`;

  return (
    <form onSubmit={review} noValidate className="space-y-6" aria-busy={pending} data-testid="composer">
      {message && (
        <Alert tone="error" data-testid="composer-message">
          {message}
        </Alert>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card className="space-y-4 p-5">
            <TextInput
              label={t("name")}
              hint={t("nameHint")}
              id="name"
              value={values.name}
              onChange={(v) => set("name", v)}
              error={fieldError("name")}
              maxLength={80}
            />

            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("placeholders")}>
              <span className="text-sm text-stone-600">{t("placeholders")}</span>
              {PLACEHOLDERS.map((p) => (
                <Button
                  key={p}
                  type="button"
                  variant="outline"
                  size="sm"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(p)}
                  data-testid={`composer-insert-${p}`}
                >{`{${p}}`}</Button>
              ))}
            </div>

            <LanguageTexts
              lang="nl"
              values={values}
              counts={countsNl}
              set={set}
              register={register}
              onFocusText={(f) => (lastText.current = f)}
              fieldError={fieldError}
            />

            {values.english ? (
              <div className="space-y-4 border-t border-stone-200 pt-4">
                <LanguageTexts
                  lang="en"
                  values={values}
                  counts={countsEn}
                  set={set}
                  register={register}
                  onFocusText={(f) => (lastText.current = f)}
                  fieldError={fieldError}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => (set("english", false), setPreviewLocale("nl"))}
                  data-testid="composer-remove-en"
                >
                  {t("removeEnglish")}
                </Button>
              </div>
            ) : (
              <div className="space-y-1">
                <Button type="button" variant="outline" onClick={() => set("english", true)} data-testid="composer-add-en">
                  {t("addEnglish")}
                </Button>
                <p className="text-sm text-stone-600">{t("englishHint")}</p>
              </div>
            )}

            <TextInput
              label={t("link")}
              hint={t("linkHint")}
              id="link"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={values.link}
              onChange={(v) => set("link", v)}
              error={fieldError("link")}
              maxLength={500}
            />
          </Card>

          <Card className="space-y-3 p-5">
            <Check id="bonus" label={t("bonus")} checked={values.bonus} onChange={(v) => set("bonus", v)} />
            {values.bonus && (
              <div className="space-y-3 pl-7">
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextInput
                    label={t("bonusStamps")}
                    id="bonusStamps"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={10}
                    value={values.bonusStamps}
                    onChange={(v) => set("bonusStamps", v)}
                    error={fieldError("bonusStamps")}
                  />
                  <TextInput
                    label={t("bonusUntil")}
                    id="bonusUntilDay"
                    type="date"
                    min={today}
                    value={values.bonusUntilDay}
                    onChange={(v) => set("bonusUntilDay", v)}
                    error={fieldError("bonusUntilDay")}
                  />
                </div>
                <p className="text-sm text-stone-600" data-testid="composer-bonus-summary">
                  {t("bonusSummary", { count: Number(values.bonusStamps) || 0, day: localDay(values.bonusUntilDay) })}
                </p>
              </div>
            )}
          </Card>

          <Card className="p-5">
            <AudiencePicker value={values.audience} onChange={(a) => set("audience", a)} options={options} error={fieldError("audience")} />
          </Card>

          <ReachPanel reach={reach} loading={reachLoading} failed={reachFailed} cap={cap} />

          <Card className="space-y-3 p-5">
            <Check id="holdout" label={t("holdout")} checked={values.holdout} onChange={(v) => set("holdout", v)} />
            <p className="pl-7 text-sm text-stone-600">{t("holdoutHint")}</p>
            {values.holdout && (
              <div className="max-w-48 pl-7">
                <TextInput
                  label={t("holdoutPercent")}
                  id="holdoutPercent"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={50}
                  value={values.holdoutPercent}
                  onChange={(v) => set("holdoutPercent", v)}
                  error={fieldError("holdoutPercent")}
                />
              </div>
            )}
          </Card>

          <Card className="space-y-3 p-5">
            <fieldset className="space-y-2">
              <legend className="text-lg font-semibold">{t("when")}</legend>
              {(["now", "later"] as const).map((w) => (
                <label key={w} className="flex min-h-11 cursor-pointer items-center gap-3">
                  <input
                    type="radio"
                    name="when"
                    value={w}
                    checked={values.when === w}
                    onChange={() => set("when", w)}
                    className="size-5 accent-amber-500"
                    data-testid={`composer-when-${w}`}
                  />
                  <span>{t(`whenOptions.${w}`)}</span>
                </label>
              ))}
            </fieldset>
            {values.when === "later" && (
              <div className="space-y-2 pl-8">
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextInput
                    label={t("scheduleDay")}
                    id="scheduleDay"
                    type="date"
                    min={today}
                    value={values.scheduleDay}
                    onChange={(v) => set("scheduleDay", v)}
                    error={fieldError("scheduleDay")}
                  />
                  <TextInput label={t("scheduleTime")} id="scheduleTime" type="time" value={values.scheduleTime} onChange={(v) => set("scheduleTime", v)} />
                </div>
                <p className="text-sm text-stone-600" data-testid="composer-timezone">
                  {t("timeZone", { timeZone })}
                </p>
              </div>
            )}
          </Card>

          {confirming ? (
            <Card className="space-y-3 border-amber-300 bg-amber-50 p-5" role="alertdialog" aria-labelledby="confirm-title" data-testid="composer-confirm-step">
              <p id="confirm-title" className="text-lg font-semibold" data-testid="composer-confirm-text">
                {values.when === "later"
                  ? t("confirmSchedule", { count: recipients ?? 0, known: recipients === null ? "no" : "yes", at: scheduledLabel, timeZone })
                  : t("confirmNow", { count: recipients ?? 0, known: recipients === null ? "no" : "yes" })}
              </p>
              <div className="flex flex-wrap gap-3">
                <Button type="button" variant="accent" onClick={send} disabled={pending} autoFocus data-testid="composer-confirm">
                  {pending ? tAll("common.loading") : values.when === "later" ? t("confirmScheduleYes") : t("confirmSendYes")}
                </Button>
                <Button type="button" variant="outline" onClick={() => setConfirming(false)} disabled={pending} data-testid="composer-confirm-cancel">
                  {t("confirmNo")}
                </Button>
              </div>
            </Card>
          ) : (
            <Button type="submit" variant="accent" size="lg" className="w-full sm:w-auto" data-testid="composer-send">
              {values.when === "later" ? t("schedule") : t("send")}
            </Button>
          )}
        </div>

        <div className="space-y-3 xl:sticky xl:top-4 xl:self-start">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">{t("preview")}</h2>
            {values.english && (
              <div className="flex gap-1" role="group" aria-label={t("previewLanguage")}>
                {(["nl", "en"] as const).map((l) => (
                  <Button
                    key={l}
                    type="button"
                    size="sm"
                    variant={previewLocale === l ? "primary" : "outline"}
                    aria-pressed={previewLocale === l}
                    onClick={() => setPreviewLocale(l)}
                    data-testid={`composer-preview-${l}`}
                  >
                    {t(`languages.${l}`)}
                  </Button>
                ))}
              </div>
            )}
          </div>
          <p className="text-sm text-stone-600">{t("previewHint", { name: vars.name })}</p>
          <MessagePreviews card={card} title={title} body={body} link={link} email={email} emailLoading={emailLoading} />
        </div>
      </div>
    </form>
  );
}

function TextInput({
  label,
  hint,
  id,
  error,
  onChange,
  ...input
}: Omit<React.ComponentProps<"input">, "onChange" | "id"> & {
  label: string;
  hint?: string;
  id: string;
  error?: string | null;
  onChange: (v: string) => void;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={`composer-${id}`}>{label}</Label>
      <Input
        id={`composer-${id}`}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `composer-${id}-error` : hint ? `composer-${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`composer-${id}`}
        {...input}
      />
      {hint && !error && (
        <p id={`composer-${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`composer-${id}-error`} className="text-sm text-red-700" data-testid={`composer-${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label htmlFor={`composer-${id}`} className="flex min-h-11 cursor-pointer items-center gap-3 font-medium">
      <input
        id={`composer-${id}`}
        type="checkbox"
        className="size-5 accent-amber-500"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={`composer-${id}`}
      />
      {label}
    </label>
  );
}

function Counter({ label, count, testId }: { label: string; count: Count; testId: string }) {
  return (
    <li className={cn("tabular-nums", count.over ? "font-medium text-red-700" : "text-stone-600")} data-testid={testId} data-over={count.over}>
      {label} {count.used}/{count.max}
    </li>
  );
}

function LanguageTexts({
  lang,
  values,
  counts,
  set,
  register,
  onFocusText,
  fieldError,
}: {
  lang: "nl" | "en";
  values: ComposerValues;
  counts: ReturnType<typeof textCounts>;
  set: <K extends keyof ComposerValues>(key: K, value: ComposerValues[K]) => void;
  register: (field: TextField, el: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onFocusText: (f: TextField) => void;
  fieldError: (name: string) => string | null;
}) {
  const t = useTranslations("messages.composer");
  const titleKey = lang === "nl" ? "titleNl" : "titleEn";
  const bodyKey = lang === "nl" ? "bodyNl" : "bodyEn";
  const titleError = fieldError(titleKey);
  const bodyError = fieldError(bodyKey);
  return (
    <div className="space-y-4" lang={lang}>
      <div className="space-y-1.5">
        <Label htmlFor={`composer-${titleKey}`}>{t(`title.${lang}`)}</Label>
        <Input
          id={`composer-${titleKey}`}
          name={titleKey}
          ref={(el) => {
            register(titleKey, el);
          }}
          value={values[titleKey]}
          onChange={(e) => set(titleKey, e.target.value)}
          onFocus={() => onFocusText(titleKey)}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={`composer-${titleKey}-count${titleError ? ` composer-${titleKey}-error` : ""}`}
          data-testid={`composer-${titleKey}`}
        />
        <p
          id={`composer-${titleKey}-count`}
          className={cn("text-sm tabular-nums", counts.title.over ? "text-red-700" : "text-stone-500")}
          data-testid={`composer-${titleKey}-count`}
        >
          {t("titleCount", { used: counts.title.used, max: counts.title.max })}
        </p>
        {titleError && (
          <p id={`composer-${titleKey}-error`} className="text-sm text-red-700" data-testid={`composer-${titleKey}-error`}>
            {titleError}
          </p>
        )}
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`composer-${bodyKey}`}>{t(`body.${lang}`)}</Label>
        <textarea
          id={`composer-${bodyKey}`}
          name={bodyKey}
          ref={(el) => {
            register(bodyKey, el);
          }}
          className={areaClass}
          rows={5}
          value={values[bodyKey]}
          onChange={(e) => set(bodyKey, e.target.value)}
          onFocus={() => onFocusText(bodyKey)}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`composer-${bodyKey}-counts${bodyError ? ` composer-${bodyKey}-error` : ""}`}
          data-testid={`composer-${bodyKey}`}
        />
        <ul
          id={`composer-${bodyKey}-counts`}
          className="flex flex-wrap gap-x-4 gap-y-1 text-sm"
          aria-label={t("countsLabel")}
          data-testid={`composer-${bodyKey}-counts`}
        >
          <Counter label={t("counts.apple")} count={counts.apple} testId={`count-${lang}-apple`} />
          <Counter label={t("counts.google")} count={counts.google} testId={`count-${lang}-google`} />
          <Counter label={t("counts.email")} count={counts.body} testId={`count-${lang}-email`} />
          <li
            className={cn("tabular-nums", counts.sms.over ? "font-medium text-red-700" : "text-stone-600")}
            data-testid={`count-${lang}-sms`}
            data-over={counts.sms.over}
          >
            {t("counts.sms", { parts: counts.sms.parts, max: counts.sms.max })}
            {counts.sms.unicode && counts.sms.used > 0 && <span className="text-stone-500"> · {t("counts.smsUnicode")}</span>}
          </li>
        </ul>
        {(counts.apple.over || counts.google.over) && !counts.body.over && (
          <p className="text-sm text-stone-600" data-testid={`composer-${bodyKey}-cut`}>
            {t("cutHint")}
          </p>
        )}
        {bodyError && (
          <p id={`composer-${bodyKey}-error`} className="text-sm text-red-700" data-testid={`composer-${bodyKey}-error`}>
            {bodyError}
          </p>
        )}
        <p className="text-xs text-stone-500">{t("countsHint", { max: TEXT_LIMITS.body })}</p>
      </div>
    </div>
  );
}
