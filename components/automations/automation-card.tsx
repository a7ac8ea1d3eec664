"use client";
// One automation: its switch, what triggers it, whom it may reach, how often it
// went out, a preview, and (opened) its nl/en texts and settings.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveAutomationAction } from "@/app/actions/automations";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { AutomationView } from "@/lib/messages/automations";
import { PLACEHOLDERS } from "@/lib/messages/template";
import { AutomationInput } from "@/lib/validation/messages";
import { MessagePreview, type PreviewSample } from "./message-preview";
import { Switch } from "./switch";
import { TextFields } from "./text-fields";

type Texts = { titleNl: string; titleEn: string; bodyNl: string; bodyEn: string };
type Settings = { days: string; bonusStamps: string; link: string };

/** What a customer in `lang` gets (lib/messages/automations.ts textsOf): own Dutch without English falls back to that Dutch. */
export function shownTexts(own: Texts, d: AutomationView["defaults"], lang: "nl" | "en") {
  const pick = (nl: string, en: string, dNl: string, dEn: string) => (lang === "nl" ? nl || dNl : en || (nl ? nl : dEn));
  return { title: pick(own.titleNl, own.titleEn, d.titleNl, d.titleEn), body: pick(own.bodyNl, own.bodyEn, d.bodyNl, d.bodyEn) };
}

const FIELDS = ["titleNl", "titleEn", "bodyNl", "bodyEn", "settings.days", "settings.bonusStamps", "settings.link"] as const;
const FALLBACK: Record<string, string> = { "settings.days": "daysRange", "settings.bonusStamps": "bonusRange" };

type Props = {
  item: AutomationView;
  enabled: boolean;
  onToggle: (next: boolean) => void;
  sample: PreviewSample;
  suggestion: number;
};

export function AutomationCard({ item, enabled, onToggle, sample, suggestion }: Props) {
  const t = useTranslations("automations");
  const router = useRouter();
  const name = t(`kinds.${item.kind}.name`);
  const [open, setOpen] = useState(false);
  const [lang, setLang] = useState<"nl" | "en">("nl");
  const [texts, setTexts] = useState<Texts>({
    titleNl: item.titleNl ?? "",
    titleEn: item.titleEn ?? "",
    bodyNl: item.bodyNl ?? "",
    bodyEn: item.bodyEn ?? "",
  });
  const [settings, setSettings] = useState<Settings>({
    days: item.settings.days === null ? "" : String(item.settings.days),
    bonusStamps: String(item.settings.bonusStamps),
    link: item.settings.link ?? "",
  });
  const form = useActionForm({
    schema: AutomationInput,
    action: saveAutomationAction,
    fields: FIELDS,
    summary: true,
    success: "automations.form.saved",
    onSuccess: () => router.refresh(),
  });
  const error = (field: string) => {
    const key = form.fieldErrors[field]?.[0];
    if (!key) return undefined;
    return t.has(`errors.${key}`) ? t(`errors.${key}`) : t(`errors.${FALLBACK[field] ?? "invalid"}`);
  };
  const setText = (field: keyof Texts, value: string) => {
    setTexts((s) => ({ ...s, [field]: value }));
    form.clearFieldError(field);
  };
  const setSetting = (field: keyof Settings, value: string) => {
    setSettings((s) => ({ ...s, [field]: value }));
    form.clearFieldError(`settings.${field}`);
  };
  function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const blank = (s: string) => s.trim() === "";
    form.submit({
      kind: item.kind,
      enabled,
      ...texts,
      settings: {
        days: blank(settings.days) ? null : settings.days.trim(),
        bonusStamps: blank(settings.bonusStamps) ? 0 : settings.bonusStamps.trim(),
        link: blank(settings.link) ? null : settings.link.trim(),
      },
    });
  }

  const shown = shownTexts(texts, item.defaults, lang);
  const link = item.kind === "REVIEW" ? settings.link.trim() || null : null;
  const id = `automation-${item.kind}`;
  return (
    <Card className="space-y-4 p-5" data-testid={id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <h3 className="text-lg font-semibold">{name}</h3>
          <p className="text-stone-700">{t(`kinds.${item.kind}.trigger`)}</p>
          <p className="flex flex-wrap gap-2 text-xs">
            <span
              className={item.marketing ? "rounded-full bg-amber-100 px-2 py-0.5 text-amber-900" : "rounded-full bg-stone-100 px-2 py-0.5 text-stone-700"}
              title={t(item.marketing ? "marketingHint" : "serviceHint")}
            >
              {t(item.marketing ? "marketing" : "service")}
            </span>
            <span className="py-0.5 text-stone-500" data-testid={`${id}-sent`}>
              {t("sent", { count: item.sentLast30Days })}
            </span>
          </p>
        </div>
        <Switch checked={enabled} onChange={onToggle} label={t("switchLabel", { name })} onText={t("on")} offText={t("off")} testId={`${id}-switch`} />
      </div>

      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-3">
          <Button type="button" variant="outline" size="sm" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
            {open ? t("closeEdit") : t("edit")}
          </Button>
          <form id={`${id}-form`} onSubmit={save} noValidate hidden={!open} className="space-y-4" aria-busy={form.pending} data-testid={`${id}-form`}>
            <FormMessage message={form.message} />
            <p className="text-sm text-stone-600">
              {t("form.placeholders")}{" "}
              {PLACEHOLDERS.map((p) => (
                <span key={p} className="mr-2 inline-block">
                  <code className="rounded bg-stone-100 px-1">{`{${p}}`}</code> {t(`form.placeholderNames.${p}`)}
                </span>
              ))}
            </p>
            <TextFields
              id={id}
              lang="Nl"
              title={texts.titleNl}
              body={texts.bodyNl}
              placeholderTitle={item.defaults.titleNl}
              placeholderBody={item.defaults.bodyNl}
              hint={t("form.defaultHint")}
              vars={sample.vars}
              errors={{ title: error("titleNl"), body: error("bodyNl") }}
              onChange={(f, v) => setText(f === "title" ? "titleNl" : "bodyNl", v)}
            />
            <TextFields
              id={id}
              lang="En"
              title={texts.titleEn}
              body={texts.bodyEn}
              placeholderTitle={texts.titleNl || item.defaults.titleEn}
              placeholderBody={texts.bodyNl || item.defaults.bodyEn}
              hint={t("form.englishHint")}
              vars={sample.vars}
              errors={{ title: error("titleEn"), body: error("bodyEn") }}
              onChange={(f, v) => setText(f === "title" ? "titleEn" : "bodyEn", v)}
            />
            <KindSettings kind={item.kind} id={id} settings={settings} suggestion={suggestion} error={error} onChange={setSetting} />
            <Button type="submit" disabled={form.pending}>
              {form.pending ? t("form.saving") : t("form.save")}
            </Button>
          </form>
        </div>
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-stone-700">{t("preview.title")}</p>
            <div role="group" aria-label={t("preview.language")} className="flex gap-1">
              {(["nl", "en"] as const).map((l) => (
                <Button key={l} type="button" size="sm" variant={lang === l ? "primary" : "ghost"} aria-pressed={lang === l} onClick={() => setLang(l)}>
                  {t(`preview.${l}`)}
                </Button>
              ))}
            </div>
          </div>
          <MessagePreview sample={sample} title={shown.title} body={shown.body} link={link} />
          <p className="text-xs text-stone-500">{t("preview.lead", { name: sample.vars.name })}</p>
        </div>
      </div>
    </Card>
  );
}

function KindSettings({
  kind,
  id,
  settings,
  suggestion,
  error,
  onChange,
}: {
  kind: AutomationView["kind"];
  id: string;
  settings: Settings;
  suggestion: number;
  error: (field: string) => string | undefined;
  onChange: (field: keyof Settings, value: string) => void;
}) {
  const t = useTranslations("automations.form");
  const field = (name: keyof Settings, label: string, hint: React.ReactNode, input: React.ComponentProps<"input">) => {
    const inputId = `${id}-${name}`;
    const message = error(`settings.${name}`);
    return (
      <div className="space-y-1.5">
        <Label htmlFor={inputId}>{label}</Label>
        <Input
          id={inputId}
          name={`settings.${name}`}
          value={settings[name]}
          onChange={(e) => onChange(name, e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={`${inputId}-hint${message ? ` ${inputId}-error` : ""}`}
          {...input}
        />
        <div id={`${inputId}-hint`} className="text-sm text-stone-500">
          {hint}
        </div>
        {message && (
          <p id={`${inputId}-error`} className="text-sm text-red-700">
            {message}
          </p>
        )}
      </div>
    );
  };
  if (kind === "WIN_BACK")
    return field(
      "days",
      t("winBackDays"),
      <>
        <p data-testid={`${id}-suggestion`}>{t("winBackSuggestion", { days: suggestion })}</p>
        <p>{t("winBackHint")}</p>
        <Button type="button" variant="link" onClick={() => onChange("days", String(suggestion))}>
          {t("useSuggestion", { days: suggestion })}
        </Button>
      </>,
      { inputMode: "numeric", className: "max-w-32" },
    );
  if (kind === "REWARD_EXPIRING") return field("days", t("expiringDays"), t("expiringHint"), { inputMode: "numeric", className: "max-w-32" });
  if (kind === "BIRTHDAY") return field("bonusStamps", t("birthdayBonus"), t("birthdayBonusHint"), { inputMode: "numeric", className: "max-w-32" });
  if (kind === "REVIEW") return field("link", t("reviewLink"), t("reviewLinkHint"), { type: "url", inputMode: "url", placeholder: "https://" });
  return null;
}
