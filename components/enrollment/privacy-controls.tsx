"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { eraseMyDataAction, withdrawConsentAction } from "@/app/actions/enrollment";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function PrivacyControls({ webToken, hasConsent }: { webToken: string; hasConsent: boolean }) {
  const t = useTranslations("privacy");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      {message && <Alert tone="success">{message}</Alert>}
      <Button asChild variant="outline" className="w-full">
        <a href={`/c/${webToken}/export`} download>{t("download")}</a>
      </Button>
      {hasConsent && (
        <Button variant="outline" className="w-full" disabled={pending} onClick={() => startTransition(async () => {
          const r = await withdrawConsentAction(webToken);
          if (r.ok) { setMessage(t("withdrawn")); router.refresh(); }
        })}>
          {t("withdraw")}
        </Button>
      )}
      {!confirming ? (
        <Button variant="ghost" className="w-full text-red-700" onClick={() => setConfirming(true)}>{t("delete")}</Button>
      ) : (
        <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4" role="alertdialog" aria-labelledby="erase-title">
          <p id="erase-title" className="font-semibold text-red-800">{t("deleteConfirmTitle")}</p>
          <p className="text-sm text-red-800">{t("deleteConfirmBody")}</p>
          <div className="flex gap-2">
            <Button variant="primary" className="bg-red-700 hover:bg-red-600" disabled={pending} onClick={() => startTransition(async () => {
              const r = await eraseMyDataAction(webToken);
              if (r.ok) router.replace("/card-deleted");
            })}>
              {t("deleteConfirm")}
            </Button>
            <Button variant="outline" onClick={() => setConfirming(false)}>{t("cancel")}</Button>
          </div>
        </div>
      )}
    </div>
  );
}
