"use client";
// A new API key: a name and its permissions, checked in the browser with the
// server's own schema; the key is shown once, with a copy button.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createApiKeyAction } from "@/app/actions/api-keys";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CreateApiKeyRequest } from "@/lib/api/keys-schema";
import { API_SCOPES } from "@/lib/api/scopes";

type Errors = Record<string, string[] | undefined>;

export function CreateApiKeyForm() {
  const t = useTranslations("apiKeys");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  const [failed, setFailed] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const errorText = (key?: string) => (key ? (t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.generic")) : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = { name: String(data.get("name") ?? ""), scopes: data.getAll("scopes").map(String) };
    const checked = CreateApiKeyRequest.safeParse(values);
    if (!checked.success) {
      const e: Errors = {};
      for (const issue of checked.error.issues) (e[String(issue.path[0])] ??= []).push(issue.message);
      setErrors(e);
      return;
    }
    start(async () => {
      const r = await createApiKeyAction(values);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setFailed(!r.fieldErrors);
        return;
      }
      setErrors({});
      setFailed(false);
      form.reset();
      setMade(r.data.key);
      router.refresh();
    });
  }

  if (made) {
    return (
      <div className="space-y-3" data-testid="api-key-created">
        <h3 className="font-semibold">{t("created.title")}</h3>
        <p className="text-sm text-amber-900">{t("created.warning")}</p>
        <code className="block rounded-md bg-stone-100 p-3 font-mono text-sm break-all" data-testid="api-key-value">
          {made}
        </code>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              void navigator.clipboard?.writeText(made).then(() => setCopied(true));
            }}
          >
            {copied ? t("created.copied") : t("created.copy")}
          </Button>
          <Button type="button" onClick={() => (setMade(null), setCopied(false))}>
            {t("created.done")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" data-testid="api-key-form">
      <div className="space-y-1.5">
        <Label htmlFor="api-key-name">{t("create.name")}</Label>
        <Input id="api-key-name" name="name" maxLength={60} aria-invalid={errors.name ? true : undefined} aria-describedby="api-key-name-hint" />
        <p id="api-key-name-hint" className={errors.name ? "text-sm text-red-700" : "text-sm text-stone-500"}>
          {errorText(errors.name?.[0]) ?? t("create.nameHint")}
        </p>
      </div>
      <fieldset className="space-y-2" aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}>
        <legend className="text-sm font-medium">{t("create.scopes")}</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="mt-0.5 size-4" />
            <span>
              <code className="font-mono text-xs text-stone-500">{scope}</code> — {t(`scopes.${scope}`)}
            </span>
          </label>
        ))}
        {errors.scopes && (
          <p id="api-key-scopes-error" className="text-sm text-red-700">
            {errorText(errors.scopes[0])}
          </p>
        )}
      </fieldset>
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {t("errors.generic")}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? t("create.pending") : t("create.submit")}
      </Button>
    </form>
  );
}
