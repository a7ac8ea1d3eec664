"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { eraseMyDataAction, withdrawConsentAction } from "@/app/actions/enrollment";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

export function PrivacyControls({ webToken, hasConsent }: { webToken: string; hasConsent: boolean }) {
  const t = useTranslations("privacy");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useActionForm({ action: () => withdrawConsentAction(webToken), success: "privacy.withdrawn", onSuccess: () => router.refresh() });
  const erase = useActionForm({ action: () => eraseMyDataAction(webToken), onSuccess: () => router.replace("/card-deleted") });
  const pending = withdraw.pending || erase.pending;
  return (
    <div className="space-y-4">
      <FormMessage message={withdraw.message} />
      <Button asChild variant="outline" className="w-full">
        <a href={`/c/${webToken}/export`} download>
          {t("download")}
        </a>
      </Button>
      {hasConsent && (
        <Button variant="outline" className="w-full" disabled={pending} onClick={() => withdraw.submit()}>
          {t("withdraw")}
        </Button>
      )}
      {!confirming ? (
        <Button variant="ghost" className="w-full text-red-700" onClick={() => setConfirming(true)}>
          {t("delete")}
        </Button>
      ) : (
        <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4" role="alertdialog" aria-labelledby="erase-title">
          <p id="erase-title" className="font-semibold text-red-800">
            {t("deleteConfirmTitle")}
          </p>
          <p className="text-sm text-red-800">{t("deleteConfirmBody")}</p>
          <FormMessage message={erase.message} />
          <div className="flex gap-2">
            <Button variant="primary" className="bg-red-700 hover:bg-red-600" disabled={pending} onClick={() => erase.submit()}>
              {t("deleteConfirm")}
            </Button>
            <Button variant="outline" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
