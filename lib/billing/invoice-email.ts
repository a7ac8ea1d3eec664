// The invoice by email to the billing address (or the owner), once per invoice,
// in the merchant's language, with the link to download the PDF from the
// billing page (the outbox carries no attachments).
import { createTranslator } from "next-intl";
import { sendEmailOnce } from "@/lib/email/send-email";
import { appUrl } from "@/lib/env";
import { en, nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { InvoiceBuyer } from "./invoices";

export const invoicePdfPath = (invoiceId: string) => `/dashboard/billing/invoices/${invoiceId}`;

export async function sendInvoiceEmail(ctx: Pick<TenantContext, "orgId">, invoiceId: string): Promise<void> {
  const t = tenantDb(ctx);
  const invoice = await t.invoice.findFirst({ where: { id: invoiceId }, include: { organization: { select: { name: true, locale: true } } } });
  if (!invoice || invoice.emailedAt) return;
  const to = (invoice.buyer as unknown as InvoiceBuyer).email;
  if (!to) return;
  const locale = invoice.organization.locale === "en" ? "en" : "nl";
  const tr = createTranslator({ locale, messages: locale === "en" ? en : nl, namespace: "billing.email" });
  const euro = new Intl.NumberFormat(locale === "en" ? "en-NL" : "nl-NL", { style: "currency", currency: "EUR" }).format(invoice.totalCents / 100);
  const link = `${appUrl()}${invoicePdfPath(invoice.id)}`;
  await sendEmailOnce(`invoice-${invoice.id}`, async () => ({
    to,
    subject: tr("subject", { number: invoice.number }),
    text: [
      tr("greeting", { name: invoice.organization.name }),
      tr("body", { number: invoice.number, amount: euro }),
      `${tr("download")} ${link}`,
      tr("thanks"),
    ].join("\n\n"),
  }));
  await t.invoice.update({ where: { id: invoice.id }, data: { emailedAt: new Date() } });
}
