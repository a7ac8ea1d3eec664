"use client";
// Revoke one API key, after a confirmation that says what stops working.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/actions/api-keys";
import { Button } from "@/components/ui/button";

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("apiKeys");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <Button
        type="button"
        variant="outline"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(t("list.revokeConfirm", { name }))) return;
          start(async () => {
            const r = await revokeApiKeyAction({ keyId });
            if (!r.ok) return setError(t.has(r.error) ? t(r.error) : t("errors.generic"));
            setError(null);
            router.refresh();
          });
        }}
      >
        {pending ? t("list.revoking") : t("list.revoke")}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
