"use client";
// Privacy (AVG): the customer's data as a file, and erasure — the same rules as the customer's own privacy page.
import { useTranslations } from "next-intl";
import { eraseCustomerAction, exportCustomerDataAction } from "@/app/actions/customers";
import { Button } from "@/components/ui/button";
import { Said } from "./fields";
import { useCustomerForm } from "./use-customer-form";

export function GdprActions({ customerId, name }: { customerId: string; name: string }) {
  const t = useTranslations("customers.gdpr");
  const download = useCustomerForm({ action: () => exportCustomerDataAction(customerId), success: () => t("exported") });
  const erase = useCustomerForm({ action: () => eraseCustomerAction(customerId), success: () => t("erased") });
  const save = (json: string) => {
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `klantgegevens-${customerId}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">{t("intro")}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" disabled={download.pending} onClick={() => download.submit(undefined, save)} data-testid="customer-data-export">
          {t("export")}
        </Button>
        <Button
          variant="outline"
          className="border-red-300 text-red-700 hover:bg-red-50"
          disabled={erase.pending}
          onClick={() => window.confirm(t("eraseConfirm", { name })) && erase.submit(undefined)}
          data-testid="customer-erase"
        >
          {t("erase")}
        </Button>
      </div>
      <Said message={download.message} />
      <Said message={erase.message} testId="customer-erase-message" />
    </div>
  );
}
