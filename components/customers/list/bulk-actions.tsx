"use client";
// For everyone in the current list (search and filters, all pages): export it
// as CSV (the detail components' export form) or give them all one tag.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addTagToListAction } from "@/app/(dashboard)/dashboard/customers/actions";
import { CustomerExportForm } from "@/components/customers/detail/export-form";
import { Said, TextField } from "@/components/customers/detail/fields";
import { useErrorText } from "@/components/customers/detail/use-customer-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** `query`: the list's query string (customerListSearch); `total`: how many customers it holds. */
export function CustomerBulkActions({ query, total }: { query: string; total: number }) {
  const t = useTranslations("customers.list.bulk");
  const te = useTranslations("customers.export");
  const errorText = useErrorText();
  const [result, addTag, pending] = useActionState(addTagToListAction, null);
  const tagErrors = result && !result.ok ? result.fieldErrors?.tag : undefined;
  const message = !result
    ? null
    : result.ok
      ? { tone: "success" as const, text: t("tagDone", { count: result.data.added }) }
      : tagErrors
        ? null
        : { tone: "error" as const, text: errorText(result.error) };
  return (
    <Card className="space-y-4 p-5" data-testid="customer-bulk">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-2">
          <h3 className="font-medium">{te("title")}</h3>
          <CustomerExportForm query={query} />
        </section>
        <section className="space-y-2">
          <h3 className="font-medium">{t("tagTitle")}</h3>
          <p className="text-sm text-stone-600">{t("tagIntro", { count: total })}</p>
          <form action={addTag} noValidate className="flex flex-wrap items-end gap-2" data-testid="customer-bulk-tag">
            <input type="hidden" name="query" value={query} />
            <div className="min-w-48 flex-1">
              <TextField idPrefix="bulk" name="tag" label={t("tagLabel")} errors={tagErrors} maxLength={40} data-testid="customer-bulk-tag-input" />
            </div>
            <Button type="submit" variant="outline" disabled={pending} data-testid="customer-bulk-tag-submit">
              {t("tagSubmit", { count: total })}
            </Button>
          </form>
          <Said message={message} testId="customer-bulk-tag-message" />
        </section>
      </div>
    </Card>
  );
}
