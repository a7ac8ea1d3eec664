"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { sendWalletMessageAction } from "@/app/actions/programs";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { WalletMessageRequest } from "@/lib/validation/wallet-message";

type Plan = { cards: number; apple: number; notify: number; silent: number };

/** Message to the card holders' wallet passes; says beforehand who gets a notification. */
export function WalletMessageForm({ programId, preview }: { programId: string; preview: Plan }) {
  const t = useTranslations("designer");
  const tr = useTranslations();
  const router = useRouter();
  const form = useActionForm({
    schema: WalletMessageRequest,
    action: (input) => sendWalletMessageAction(programId, input),
    fields: ["header", "body"],
    success: (sent) => t("messageSent", sent),
    onSuccess: () => router.refresh(),
  });
  if (preview.cards === 0) return <p className="text-sm text-stone-600">{t("messageNoPasses")}</p>;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" aria-busy={form.pending} data-testid="wallet-message-form">
      <FormMessage message={form.message} />
      <Field name="header" label={t("messageHeader")} maxLength={60} required errors={form.fieldErrors.header} />
      <Field name="body" label={t("messageBody")} maxLength={500} required errors={form.fieldErrors.body} />
      <p className="text-sm text-stone-600" data-testid="message-preview">
        {t("messagePreview", preview)}
      </p>
      {preview.silent > 0 && <Alert tone="info">{t("messageLimit", preview)}</Alert>}
      <Button type="submit" disabled={form.pending}>
        {form.pending ? tr("common.loading") : t("messageSend")}
      </Button>
    </form>
  );
}
