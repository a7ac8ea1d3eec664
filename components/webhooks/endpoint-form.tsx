"use client";
// Add or edit a webhook endpoint: URL, description, events. Checked in the
// browser with the server's own schema; messages from the "webhooks" namespace.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createWebhookAction, updateWebhookAction } from "@/app/actions/webhooks";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { WebhookEndpointRequest } from "@/lib/webhooks/schemas";

type Initial = { endpointId: string; url: string; description: string | null; events: string[] };
type Errors = Record<string, string[] | undefined>;

export function WebhookEndpointForm({ initial }: { initial?: Initial }) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const errorText = (key?: string) => (key ? (t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.urlInvalid")) : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = { url: String(data.get("url") ?? ""), description: String(data.get("description") ?? ""), events: data.getAll("events").map(String) };
    const checked = WebhookEndpointRequest.safeParse(values);
    if (!checked.success) {
      const e: Errors = {};
      for (const issue of checked.error.issues) (e[String(issue.path[0])] ??= []).push(issue.message);
      setErrors(e);
      setMessage(null);
      return;
    }
    start(async () => {
      const r = initial ? await updateWebhookAction({ ...values, endpointId: initial.endpointId }) : await createWebhookAction(values);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        const key = Object.values(r.fieldErrors ?? {})[0]?.[0];
        setMessage(key ? null : { tone: "error", text: t("errors.urlInvalid") });
        return;
      }
      setErrors({});
      if (!initial && r.data && typeof r.data === "object" && "id" in r.data) return router.push(`/dashboard/settings/webhooks/${r.data.id}`);
      setMessage({ tone: "success", text: t("form.saved") });
      router.refresh();
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" data-testid="webhook-form">
      <div className="space-y-1.5">
        <Label htmlFor="webhook-url">{t("form.url")}</Label>
        <Input
          id="webhook-url"
          name="url"
          type="url"
          inputMode="url"
          defaultValue={initial?.url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby="webhook-url-hint"
        />
        <p id="webhook-url-hint" className={errors.url ? "text-sm text-red-700" : "text-sm text-stone-500"}>
          {errorText(errors.url?.[0]) ?? t("form.urlHelp")}
        </p>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="webhook-description">{t("form.description")}</Label>
        <Input id="webhook-description" name="description" defaultValue={initial?.description ?? ""} aria-describedby="webhook-description-hint" />
        <p id="webhook-description-hint" className={errors.description ? "text-sm text-red-700" : "text-sm text-stone-500"}>
          {errorText(errors.description?.[0]) ?? t("form.descriptionHelp")}
        </p>
      </div>
      <fieldset className="space-y-2" aria-describedby={errors.events ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium">{t("form.events")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={type} defaultChecked={initial?.events.includes(type)} className="size-4" />
              {t(`eventLabels.${type.replace(".", "_")}`)}
            </label>
          ))}
        </div>
        {errors.events && (
          <p id="webhook-events-error" className="text-sm text-red-700">
            {errorText(errors.events[0])}
          </p>
        )}
      </fieldset>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-emerald-800"}>
          {message.text}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {initial ? t("form.save") : t("form.create")}
      </Button>
    </form>
  );
}
