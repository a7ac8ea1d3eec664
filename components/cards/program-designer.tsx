"use client";
// The card designer: the form on the left, live previews (Apple Wallet, Google
// Wallet, web card) on the right, updated on every keystroke.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState, type ChangeEvent, type FormEvent } from "react";
import { archiveProgramAction, duplicateProgramAction, publishProgramAction, saveProgramAction, uploadImageAction } from "@/app/actions/programs";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/result";
import { contrastWarnings } from "@/lib/programs/contrast";
import { FIELD_MODES, ProgramDesignRequest, STAMP_ICONS, type ImageKind } from "@/lib/validation/programs";
import type { CardCounters } from "@/lib/cards/ledger";
import type { PassCard } from "@/lib/wallet/pass-source";
import { passView } from "@/lib/wallet/pass-view";
import type { CardDesign } from "./design";
import { firstSaveUrl } from "./first-save";
import { ApplePassPreview, GooglePassPreview } from "./pass-previews";
import { SavedNotice } from "./saved-notice";
import { StampRulesFields } from "./stamp-rules-fields";
import { SurveyFields } from "./survey-fields";
import { WebCard } from "./web-card";

export type DesignerValues = Record<string, string>;

type Props = {
  programId: string | null;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  merchantName: string;
  /** The merchant's language: the passes' main language. */
  locale: string;
  /** The app's public address, as the pass's links carry it. */
  appBase: string;
  initial: DesignerValues;
  /** Opened by the first save of this card: show its confirmation. */
  justSaved?: boolean;
};

/** A card number for the previews' QR code (the real pass carries the card's own). */
const SAMPLE_SERIAL = "K7QM-2XHD-9P";

const imageUrl = (key: string | undefined) => (key ? `/api/files/${key}@2x.png` : null);

export function ProgramDesigner({ programId, status, merchantName, locale, appBase, initial, justSaved = false }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [values, setValues] = useState<DesignerValues>(initial);
  const preview = useDeferredValue(values);
  const [previewReady, setPreviewReady] = useState(false);
  const form = useActionForm({
    schema: ProgramDesignRequest,
    action: (input) => saveProgramAction(programId, input),
    fields: Object.keys(initial),
    summary: true,
    success: (saved) => (status === "PUBLISHED" ? t("designer.savedNewVersion", { version: saved.version }) : t("designer.saved")),
    onSuccess: (saved) => {
      // A new page without this form's message: the URL carries the confirmation across.
      if (!programId) router.replace(firstSaveUrl(saved.id));
      router.refresh();
    },
  });
  const { pending, fieldErrors: errors } = form;

  const set = (name: string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    form.clearFieldError(name);
  };
  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    set(e.target.name, e.target.type === "checkbox" ? String((e.target as HTMLInputElement).checked) : e.target.value);

  const stamps = Math.min(30, Math.max(2, Number(preview.stampsRequired) || 10));
  const design: CardDesign = {
    merchantName,
    name: preview.name || t("designer.untitled"),
    rewardText: preview.rewardText || "…",
    stampsRequired: stamps,
    intermediateStamp: Number(preview.intermediateStamp) || null,
    intermediateRewardText: preview.intermediateRewardText || null,
    backgroundColor: /^#[0-9a-f]{6}$/i.test(preview.backgroundColor) ? preview.backgroundColor : "#000000",
    foregroundColor: /^#[0-9a-f]{6}$/i.test(preview.foregroundColor) ? preview.foregroundColor : "#ffffff",
    labelColor: /^#[0-9a-f]{6}$/i.test(preview.labelColor) ? preview.labelColor : "#ffffff",
    stampIcon: preview.stampIcon,
    logoUrl: imageUrl(preview.logoKey),
    stripUrl: null,
  };
  const filled = Math.min(stamps - 1, Math.ceil(stamps * 0.6));
  const lowContrast = contrastWarnings(design);
  // "Reward ready" shows the intermediate reward when there is one (the demo's free cookie at 5), else the main one.
  const intermediate = design.intermediateStamp && design.intermediateRewardText && design.intermediateStamp < stamps ? design.intermediateStamp : null;
  const counters: CardCounters = previewReady
    ? { stampCount: intermediate ?? 0, rewardsAvailable: intermediate ? 0 : 1, intermediateAvailable: intermediate ? 1 : 0 }
    : { stampCount: filled, rewardsAvailable: 0, intermediateAvailable: 0 };
  // The previews draw the same pass view the real passes are built from.
  const sample: PassCard = {
    serial: SAMPLE_SERIAL,
    authToken: "",
    webToken: "…",
    ...counters,
    customerName: t("designer.sampleCustomer"),
    merchantName,
    locale,
    program: {
      name: design.name,
      rewardText: design.rewardText,
      stampsRequired: stamps,
      intermediateStamp: intermediate,
      intermediateRewardText: intermediate ? design.intermediateRewardText : null,
      terms: preview.terms || null,
      backgroundColor: design.backgroundColor,
      foregroundColor: design.foregroundColor,
      labelColor: design.labelColor,
      stampIcon: design.stampIcon,
      logoKey: preview.logoKey || null,
      iconKey: preview.iconKey || null,
      surveyOn: preview.surveySatisfaction === "true" || preview.surveyNps === "true",
    },
    locations: [],
    message: null,
  };
  const view = passView(sample, appBase);

  function save(e: FormEvent) {
    e.preventDefault();
    form.submit(values);
  }

  function run(action: () => Promise<ActionResult<{ id: string }>>, success: string, goTo?: (id: string) => string) {
    form.run(action, {
      success,
      onSuccess: (data) => {
        if (goTo) router.push(goTo(data.id));
        router.refresh();
      },
    });
  }

  function upload(kind: ImageKind, file: File | undefined) {
    if (!file) return;
    const data = new FormData();
    data.set("kind", kind);
    data.set("file", file);
    // The file's error belongs under its image input (`logoKey`, …).
    form.run(
      async () => {
        const r = await uploadImageAction(data);
        return r.ok || !r.fieldErrors?.file ? r : { ...r, fieldErrors: { [`${kind}Key`]: r.fieldErrors.file } };
      },
      { onSuccess: (uploaded) => set(`${kind}Key`, uploaded.key) },
    );
  }

  const fieldError = (name: string) =>
    errors[name] && (
      <p className="text-sm text-red-700" role="alert">
        {t.has(`validation.${errors[name][0]}`) ? t(`validation.${errors[name][0]}`) : t("validation.invalid")}
      </p>
    );
  const text = (name: string, extra: Record<string, unknown> = {}) => (
    <Field name={name} label={t(`designer.fields.${name}`)} value={values[name] ?? ""} onChange={onChange} errors={errors[name]} {...extra} />
  );
  const color = (name: "backgroundColor" | "foregroundColor" | "labelColor") => (
    <div className="space-y-1.5">
      <Label htmlFor={name}>{t(`designer.fields.${name}`)}</Label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={t(`designer.fields.${name}`)}
          value={design[name]}
          onChange={(e) => set(name, e.target.value)}
          className="h-11 w-14 cursor-pointer rounded border border-stone-300"
        />
        <input
          id={name}
          name={name}
          value={values[name]}
          onChange={onChange}
          className="h-11 w-28 rounded-lg border border-stone-300 px-2 font-mono"
          aria-invalid={errors[name] ? true : undefined}
        />
      </div>
      {fieldError(name)}
    </div>
  );
  const select = (name: string, options: readonly string[], labelKey: string) => (
    <div className="space-y-1.5">
      <Label htmlFor={name}>{t(`designer.fields.${name}`)}</Label>
      <select id={name} name={name} value={values[name]} onChange={onChange} className="h-11 w-full rounded-lg border border-stone-300 bg-white px-3">
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${labelKey}.${o}`)}
          </option>
        ))}
      </select>
      {fieldError(name)}
    </div>
  );
  const imageInput = (kind: ImageKind) => (
    <div className="space-y-1.5">
      <Label htmlFor={`upload-${kind}`}>{t(`designer.fields.${kind}`)}</Label>
      <input
        id={`upload-${kind}`}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        onChange={(e) => upload(kind, e.target.files?.[0])}
        className="block w-full text-sm"
      />
      <p className="text-sm text-stone-500">{t(`designer.hints.${kind}`)}</p>
      {values[`${kind}Key`] && (
        <p className="flex items-center gap-2 text-sm text-emerald-700">
          <img src={imageUrl(values[`${kind}Key`])!} alt="" className="h-8 max-w-24 rounded bg-stone-100 object-contain" data-testid={`uploaded-${kind}`} />
          <button type="button" className="underline" onClick={() => set(`${kind}Key`, "")}>
            {t("designer.removeImage")}
          </button>
        </p>
      )}
      {fieldError(`${kind}Key`)}
    </div>
  );

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <form onSubmit={save} noValidate className="space-y-6" aria-busy={pending}>
        <div aria-live="polite" data-testid="designer-message">
          <FormMessage message={form.message} />
        </div>
        {justSaved && !form.message && <SavedNotice text={t("designer.saved")} />}
        <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
          <legend className="px-1 font-semibold">{t("designer.sections.card")}</legend>
          {text("name", { maxLength: 40 })}
          {text("stampsRequired", { type: "number", min: 2, max: 30, inputMode: "numeric" })}
          {text("rewardText", { maxLength: 60 })}
          <div className="grid gap-4 sm:grid-cols-2">
            {text("intermediateStamp", { type: "number", min: 1, max: 29, inputMode: "numeric" })}
            {text("intermediateRewardText", { maxLength: 60 })}
          </div>
          {text("stampExpiryMonths", { type: "number", min: 1, max: 36, inputMode: "numeric" })}
          {text("description", { maxLength: 200 })}
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
          <legend className="px-1 font-semibold">{t("designer.sections.look")}</legend>
          <div className="flex flex-wrap gap-4">
            {color("backgroundColor")}
            {color("foregroundColor")}
            {color("labelColor")}
          </div>
          {lowContrast.length > 0 && (
            <Alert tone="info" data-testid="contrast-warning">
              {t("designer.lowContrast")}
            </Alert>
          )}
          {select("stampIcon", STAMP_ICONS, "designer.icons")}
          {imageInput("logo")}
          {imageInput("icon")}
          {imageInput("strip")}
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
          <legend className="px-1 font-semibold">{t("designer.sections.form")}</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            {select("emailField", FIELD_MODES, "designer.modes")}
            {select("phoneField", FIELD_MODES, "designer.modes")}
            {select("birthdayField", FIELD_MODES, "designer.modes")}
          </div>
          <label className="flex min-h-11 items-center gap-3">
            <input type="checkbox" name="marketingConsent" checked={values.marketingConsent === "true"} onChange={onChange} className="size-5" />
            {t("designer.fields.marketingConsent")}
          </label>
          {text("consentText", { maxLength: 500 })}
          <div className="space-y-1.5">
            <Label htmlFor="terms">{t("designer.fields.terms")}</Label>
            <textarea
              id="terms"
              name="terms"
              rows={4}
              maxLength={2000}
              value={values.terms ?? ""}
              onChange={onChange}
              className="w-full rounded-lg border border-stone-300 p-3"
            />
            {fieldError("terms")}
          </div>
        </fieldset>
        <StampRulesFields values={values} errors={errors} onChange={onChange} />
        <SurveyFields values={values} errors={errors} onChange={onChange} />
        <div className="sticky bottom-0 flex flex-wrap gap-3 border-t border-stone-200 bg-stone-50/95 py-3">
          <Button type="submit" disabled={pending || status === "ARCHIVED"}>
            {pending ? t("common.loading") : t("designer.save")}
          </Button>
          {programId && status === "DRAFT" && (
            <Button type="button" variant="accent" disabled={pending} onClick={() => run(() => publishProgramAction(programId), "designer.published")}>
              {t("designer.publish")}
            </Button>
          )}
          {programId && (
            <Button
              type="button"
              variant="outline"
              disabled={pending}
              onClick={() =>
                run(
                  () => duplicateProgramAction(programId),
                  "designer.duplicated",
                  (id) => `/dashboard/cards/${id}`,
                )
              }
            >
              {t("designer.duplicate")}
            </Button>
          )}
          {programId && status !== "ARCHIVED" && (
            <Button
              type="button"
              variant="ghost"
              disabled={pending}
              onClick={() => window.confirm(t("designer.archiveConfirm")) && run(() => archiveProgramAction(programId), "designer.archived")}
            >
              {t("designer.archive")}
            </Button>
          )}
        </div>
      </form>
      <aside className="space-y-6 lg:sticky lg:top-4 lg:self-start" aria-label={t("designer.preview")}>
        <fieldset className="flex flex-wrap justify-center gap-2 text-sm" data-testid="preview-state">
          <legend className="sr-only">{t("designer.previewState")}</legend>
          {[false, true].map((ready) => (
            <label
              key={String(ready)}
              className={`flex min-h-11 cursor-pointer items-center rounded-full border px-4 ${previewReady === ready ? "border-stone-900 bg-stone-900 text-white" : "border-stone-300 bg-white"}`}
            >
              <input type="radio" name="previewState" className="sr-only" checked={previewReady === ready} onChange={() => setPreviewReady(ready)} />
              {t(ready ? "designer.previewReady" : "designer.previewSaving")}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap justify-center gap-6 lg:flex-col lg:items-center">
          <ApplePassPreview view={view} />
          <GooglePassPreview view={view} />
        </div>
        <div className="mx-auto max-w-sm" data-testid="preview-web">
          <p className="mb-2 text-sm font-medium text-stone-600">{t("designer.previewWeb")}</p>
          <WebCard design={design} counters={counters} customerName={t("designer.sampleCustomer")} />
        </div>
      </aside>
    </div>
  );
}
