"use client";
// Instellingen's forms (app/(dashboard)/dashboard/settings/page.tsx): each calls
// one server action from app/actions/settings.ts and shows its own nl/en
// messages from the `settings` namespace (no browser bubbles: noValidate).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { uploadImageAction } from "@/app/actions/programs";
import {
  changePasswordAction,
  endAllSessionsAction,
  endSessionAction,
  requestDeletionAction,
  restoreOrganizationAction,
  saveBusinessProfileAction,
  saveOwnProfileAction,
  saveRegionAction,
} from "@/app/actions/settings";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import type { ActionResult } from "@/lib/actions/result";

type Message = { tone: "success" | "error"; text: string } | null;

/** Runs an action; failures become `settings.errors.<key>` texts (form message + per-field). */
function useSettingsAction() {
  const t = useTranslations("settings.errors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<Message>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const text = (key: string) => {
    const k = key.replace(/^(validation|errors)\./, "");
    return t.has(k) ? t(k) : t("INTERNAL");
  };
  function run<T>(call: () => Promise<ActionResult<T>>, success?: string | ((data: T) => string | undefined), after?: (data: T) => void) {
    setMessage(null);
    start(async () => {
      try {
        const r = await call();
        if (!r.ok) {
          const fields = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, text(v[0])]));
          setFieldErrors(fields);
          setMessage({ tone: "error", text: Object.keys(fields).length ? t("VALIDATION") : text(r.error) });
          return;
        }
        setFieldErrors({});
        const ok = typeof success === "function" ? success(r.data) : success;
        if (ok) setMessage({ tone: "success", text: ok });
        after?.(r.data);
        router.refresh();
      } catch {
        setMessage({ tone: "error", text: t("INTERNAL") });
      }
    });
  }
  return { pending, message, fieldErrors, run };
}

function Status({ message, id }: { message: Message; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role={message.tone === "error" ? "alert" : "status"} className={cn("text-sm", message.tone === "error" ? "text-red-700" : "text-emerald-700")}>
      {message.text}
    </p>
  );
}

function TextField({
  name,
  label,
  value,
  error,
  hint,
  type = "text",
  ...rest
}: {
  name: string;
  label: string;
  value?: string | null;
  error?: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: "text" | "email" | "tel" | "url" | "numeric";
}) {
  const id = `settings-${name}`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        type={type}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        data-testid={id}
        {...rest}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="text-sm text-stone-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

const values = (e: FormEvent<HTMLFormElement>) => Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;

export type ProfileValues = {
  name: string;
  legalName: string | null;
  logoUrl: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  kvkNumber: string | null;
  vatNumber: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  privacyContactEmail: string | null;
  billingEmail: string | null;
};

export function BusinessForm({ profile, canEdit }: { profile: ProfileValues; canEdit: boolean }) {
  const t = useTranslations("settings.business");
  const te = useTranslations("settings.errors");
  const f = useSettingsAction();
  const [logo, setLogo] = useState<{ key: string | undefined; url: string | null }>({ key: undefined, url: profile.logoUrl });
  const [uploading, setUploading] = useState<string | null>(null);
  async function upload(file: File | undefined) {
    if (!file) return;
    setUploading(null);
    const data = new FormData();
    data.set("kind", "logo");
    data.set("file", file);
    try {
      const r = await uploadImageAction(data);
      if (r.ok) setLogo({ key: r.data.key, url: `/api/files/${r.data.key}@2x.png` });
      else setUploading(te.has(r.fieldErrors?.file?.[0] ?? "") ? te(r.fieldErrors!.file![0]) : te("logo"));
    } catch {
      setUploading(te("INTERNAL"));
    }
  }
  const e = f.fieldErrors;
  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="business-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        const v = values(ev);
        f.run(
          () => saveBusinessProfileAction({ ...v, logoKey: logo.key }),
          (r) => (r.passesUpdated ? t("savedPasses") : t("saved")),
        );
      }}
    >
      <fieldset disabled={!canEdit || f.pending} className="grid gap-4 md:grid-cols-2">
        <TextField name="name" label={t("name")} value={profile.name} error={e.name} hint={t("nameHint")} autoComplete="organization" />
        <TextField name="legalName" label={t("legalName")} value={profile.legalName} error={e.legalName} />
        <div className="space-y-1.5 md:col-span-2">
          <span className="text-sm font-medium">{t("logo")}</span>
          <div className="flex flex-wrap items-center gap-3">
            {logo.url && <img src={logo.url} alt="" className="h-12 max-w-40 rounded bg-stone-100 object-contain p-1" data-testid="business-logo" />}
            <label className="cursor-pointer rounded-lg border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-50">
              {t("logoUpload")}
              <input type="file" accept="image/png,image/jpeg,image/webp" className="sr-only" onChange={(ev) => void upload(ev.target.files?.[0])} />
            </label>
            {logo.url && (
              <Button type="button" size="sm" variant="ghost" onClick={() => setLogo({ key: "", url: null })}>
                {t("logoRemove")}
              </Button>
            )}
          </div>
          <p className={cn("text-sm", uploading || e.logo ? "text-red-700" : "text-stone-500")}>{uploading ?? e.logo ?? t("logoHint")}</p>
        </div>
        <TextField name="addressLine" label={t("addressLine")} value={profile.addressLine} error={e.addressLine} autoComplete="street-address" />
        <div className="grid grid-cols-[8rem_1fr] gap-3">
          <TextField name="postalCode" label={t("postalCode")} value={profile.postalCode} error={e.postalCode} autoComplete="postal-code" />
          <TextField name="city" label={t("city")} value={profile.city} error={e.city} autoComplete="address-level2" />
        </div>
        <TextField name="kvkNumber" label={t("kvkNumber")} value={profile.kvkNumber} error={e.kvkNumber} inputMode="numeric" />
        <TextField name="vatNumber" label={t("vatNumber")} value={profile.vatNumber} error={e.vatNumber} />
        <TextField name="contactEmail" label={t("contactEmail")} value={profile.contactEmail} error={e.contactEmail} type="email" inputMode="email" />
        <TextField name="contactPhone" label={t("contactPhone")} value={profile.contactPhone} error={e.contactPhone} type="tel" inputMode="tel" />
        <TextField name="website" label={t("website")} value={profile.website} error={e.website} inputMode="url" />
        <TextField
          name="privacyContactEmail"
          label={t("privacyContactEmail")}
          value={profile.privacyContactEmail}
          error={e.privacyContactEmail}
          hint={t("privacyHint")}
          type="email"
        />
        <TextField name="billingEmail" label={t("billingEmail")} value={profile.billingEmail} error={e.billingEmail} hint={t("billingHint")} type="email" />
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={f.pending} data-testid="business-save">
            {t("save")}
          </Button>
          <Status message={f.message} />
        </div>
      ) : (
        <p className="text-sm text-stone-500">{t("ownerOnly")}</p>
      )}
    </form>
  );
}

export function RegionForm({ timezone, locale, zones, canEdit }: { timezone: string; locale: string; zones: string[]; canEdit: boolean }) {
  const t = useTranslations("settings.region");
  const f = useSettingsAction();
  const select = "h-10 w-full rounded-lg border border-stone-300 bg-white px-3";
  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="region-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        f.run(
          () => saveRegionAction(values(ev)),
          (r) => (r.passesUpdated ? t("savedPasses") : t("saved")),
        );
      }}
    >
      <fieldset disabled={!canEdit || f.pending} className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor="settings-timezone">{t("timezone")}</Label>
          <select id="settings-timezone" name="timezone" defaultValue={timezone} className={select} aria-invalid={f.fieldErrors.timezone ? true : undefined}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {f.fieldErrors.timezone && <p className="text-sm text-red-700">{f.fieldErrors.timezone}</p>}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="settings-locale">{t("locale")}</Label>
          <select id="settings-locale" name="locale" defaultValue={locale} className={select} data-testid="settings-locale">
            <option value="nl">{t("languages.nl")}</option>
            <option value="en">{t("languages.en")}</option>
          </select>
        </div>
      </fieldset>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={f.pending} data-testid="region-save">
            {t("save")}
          </Button>
          <Status message={f.message} />
        </div>
      )}
    </form>
  );
}

export function OwnProfileForm({ name, email }: { name: string; email: string }) {
  const t = useTranslations("settings.account");
  const f = useSettingsAction();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(ev) => {
        ev.preventDefault();
        f.run(() => saveOwnProfileAction(values(ev)), t("saved"));
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="name" label={t("name")} value={name} error={f.fieldErrors.name} autoComplete="name" />
        <div className="space-y-1.5">
          <span className="text-sm font-medium">{t("email")}</span>
          <p className="py-2 text-stone-700">{email}</p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="outline" disabled={f.pending}>
          {t("save")}
        </Button>
        <Status message={f.message} />
      </div>
    </form>
  );
}

export function PasswordForm() {
  const t = useTranslations("settings.account.password");
  const f = useSettingsAction();
  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="password-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        const form = ev.currentTarget;
        f.run(
          () => changePasswordAction(values(ev)),
          t("changed"),
          () => form.reset(),
        );
      }}
    >
      <h3 className="font-semibold">{t("title")}</h3>
      <p className="text-sm text-stone-600">{t("lead")}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="current" type="password" label={t("current")} error={f.fieldErrors.current} autoComplete="current-password" />
        <TextField name="password" type="password" label={t("new")} error={f.fieldErrors.password} hint={t("newHint")} autoComplete="new-password" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="outline" disabled={f.pending}>
          {t("change")}
        </Button>
        <Status message={f.message} />
      </div>
    </form>
  );
}

export function EndSessionButton({ sessionId }: { sessionId: string }) {
  const t = useTranslations("settings.account.sessions");
  const f = useSettingsAction();
  return (
    <span className="flex items-center gap-2">
      <Status message={f.message?.tone === "error" ? f.message : null} />
      <Button size="sm" variant="outline" disabled={f.pending} onClick={() => f.run(() => endSessionAction(sessionId))} data-testid="session-end">
        {t("end")}
      </Button>
    </span>
  );
}

export function EndAllSessionsButton() {
  const t = useTranslations("settings.account.sessions");
  const router = useRouter();
  const f = useSettingsAction();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button
        variant="outline"
        className="text-red-700"
        disabled={f.pending}
        data-testid="sessions-end-all"
        onClick={() =>
          window.confirm(t("endAllConfirm")) &&
          f.run(
            () => endAllSessionsAction(false),
            undefined,
            () => router.push("/signin"),
          )
        }
      >
        {t("endAll")}
      </Button>
      <Status message={f.message} />
    </span>
  );
}

export function DeleteOrganizationForm({ name }: { name: string }) {
  const t = useTranslations("settings.danger.delete");
  const f = useSettingsAction();
  const [typed, setTyped] = useState("");
  return (
    <form
      noValidate
      className="space-y-3"
      data-testid="delete-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        f.run(() => requestDeletionAction({ confirmName: typed }), t("requested"));
      }}
    >
      <div className="space-y-1.5">
        <Label htmlFor="settings-confirmName">{t("confirmLabel", { name })}</Label>
        <Input
          id="settings-confirmName"
          name="confirmName"
          value={typed}
          onChange={(ev) => setTyped(ev.target.value)}
          autoComplete="off"
          aria-invalid={f.fieldErrors.confirmName ? true : undefined}
          data-testid="delete-confirm"
        />
        {f.fieldErrors.confirmName && <p className="text-sm text-red-700">{f.fieldErrors.confirmName}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" className="bg-red-700 text-white hover:bg-red-800" disabled={f.pending || typed.trim() === ""} data-testid="delete-submit">
          {t("button")}
        </Button>
        <Status message={f.message} />
      </div>
    </form>
  );
}

export function RestoreButton() {
  const t = useTranslations("settings.danger.pending");
  const f = useSettingsAction();
  return (
    <span className="flex flex-wrap items-center gap-3">
      <Button disabled={f.pending} onClick={() => f.run(() => restoreOrganizationAction(), t("restored"))} data-testid="restore-organization">
        {t("restore")}
      </Button>
      <Status message={f.message} />
    </span>
  );
}
