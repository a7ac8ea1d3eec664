"use client";
// Berichten → Instellingen: at most N messages per customer in 7 days,
// campaigns and automations together (0: no limit). Managers and owners.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setMessageCapAction } from "@/app/actions/messages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function CapSettings({ cap }: { cap: number }) {
  const t = useTranslations("messages.settings");
  const tAll = useTranslations();
  const router = useRouter();
  const [value, setValue] = useState(String(cap));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [pending, start] = useTransition();

  function save(event: React.FormEvent) {
    event.preventDefault();
    setSaved(null);
    start(async () => {
      try {
        const result = await setMessageCapAction({ cap: value });
        if (!result.ok) {
          const key = result.fieldErrors?.cap?.[0] ?? result.error.replace(/^(validation|errors)\./, "");
          setError(tAll.has(`messages.errors.${key}`) ? tAll(`messages.errors.${key}`) : tAll("messages.errors.invalid"));
          return;
        }
        setError(null);
        setSaved(result.data.cap);
        router.refresh();
      } catch {
        setError(tAll("messages.errors.INTERNAL"));
      }
    });
  }

  return (
    <form onSubmit={save} noValidate className="space-y-3" data-testid="message-cap-form">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="max-w-prose text-sm text-stone-600">{t("intro")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40 space-y-1.5">
          <Label htmlFor="message-cap">{t("capLabel")}</Label>
          <Input
            id="message-cap"
            name="cap"
            type="number"
            inputMode="numeric"
            min={0}
            max={14}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
              setSaved(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "message-cap-error" : "message-cap-hint"}
            data-testid="message-cap-input"
          />
        </div>
        <Button type="submit" variant="outline" disabled={pending} data-testid="message-cap-save">
          {pending ? tAll("common.loading") : tAll("common.save")}
        </Button>
      </div>
      {error ? (
        <p id="message-cap-error" className="text-sm text-red-700" role="alert" data-testid="message-cap-error">
          {error}
        </p>
      ) : (
        <p id="message-cap-hint" className="text-sm text-stone-500">
          {t("capHint")}
        </p>
      )}
      {saved !== null && (
        <p className="text-sm text-emerald-700" role="status" data-testid="message-cap-saved">
          {saved === 0 ? t("savedNoLimit") : t("saved", { count: saved })}
        </p>
      )}
    </form>
  );
}
