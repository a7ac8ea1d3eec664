"use client";
// A scheduled campaign that should not go out after all: cancel, after a confirm.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { cancelCampaignAction } from "@/app/actions/messages";
import { Button } from "@/components/ui/button";

export function CancelCampaign({ id }: { id: string }) {
  const t = useTranslations("messages.campaign");
  const tAll = useTranslations();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function cancel() {
    start(async () => {
      try {
        const result = await cancelCampaignAction(id);
        if (!result.ok) {
          const key = result.error.replace(/^(validation|errors)\./, "");
          setError(tAll.has(`messages.errors.${key}`) ? tAll(`messages.errors.${key}`) : tAll("messages.errors.INTERNAL"));
          return;
        }
        router.refresh();
      } catch {
        setError(tAll("messages.errors.INTERNAL"));
      }
    });
  }

  return (
    <div className="space-y-2" data-testid="campaign-cancel-area">
      {asking ? (
        <div className="flex flex-wrap items-center gap-3" role="group">
          <span className="font-medium">{t("cancelAsk")}</span>
          <Button type="button" variant="primary" onClick={cancel} disabled={pending} data-testid="campaign-cancel-confirm">
            {pending ? tAll("common.loading") : t("cancelYes")}
          </Button>
          <Button type="button" variant="outline" onClick={() => setAsking(false)} disabled={pending}>
            {t("cancelNo")}
          </Button>
        </div>
      ) : (
        <Button type="button" variant="outline" onClick={() => setAsking(true)} data-testid="campaign-cancel">
          {t("cancel")}
        </Button>
      )}
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
