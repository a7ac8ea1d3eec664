"use client";
// The buttons of one endpoint's page: test event, switch off/on, delete; and
// "send again" in the delivery log.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteWebhookAction, redeliverWebhookAction, sendTestWebhookAction, setWebhookEnabledAction } from "@/app/actions/webhooks";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

function useRun() {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const run = (call: () => Promise<ActionResult<unknown>>, success: string, after?: () => void) =>
    start(async () => {
      const r = await call().catch(() => null);
      if (!r || !r.ok) return setMessage({ tone: "error", text: t.has(r?.error ?? "") ? t(r!.error) : t("errors.INTERNAL") });
      setMessage({ tone: "success", text: t(success) });
      if (after) after();
      else router.refresh();
    });
  return { pending, message, run, router };
}

function Message({ message }: { message: { tone: "success" | "error"; text: string } | null }) {
  if (!message) return null;
  return (
    <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-emerald-800"}>
      {message.text}
    </p>
  );
}

export function WebhookEndpointButtons({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const t = useTranslations("webhooks");
  const { pending, message, run, router } = useRun();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={pending} onClick={() => run(() => sendTestWebhookAction({ endpointId }), "webhooks.detail.testSent")}>
          {t("detail.test")}
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={pending}
          onClick={() =>
            run(() => setWebhookEnabledAction({ endpointId, enabled: !enabled }), enabled ? "webhooks.detail.disabled" : "webhooks.detail.enabled")
          }
        >
          {enabled ? t("detail.disable") : t("detail.enable")}
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("detail.deleteConfirm")))
              run(
                () => deleteWebhookAction({ endpointId }),
                "webhooks.detail.disabled",
                () => router.push("/dashboard/settings/webhooks"),
              );
          }}
        >
          {t("detail.delete")}
        </Button>
      </div>
      <Message message={message} />
    </div>
  );
}

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const t = useTranslations("webhooks");
  const { pending, message, run } = useRun();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() => run(() => redeliverWebhookAction({ deliveryId }), "webhooks.log.redelivered")}
      >
        {t("log.redeliver")}
      </Button>
      <Message message={message} />
    </span>
  );
}
