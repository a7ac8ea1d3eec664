// GET /dashboard/billing/invoices/<id>: the invoice PDF (owners and managers of
// the organization; another merchant's id is a 404). Built from the invoice's
// snapshot, in the organization's language.
import { buildInvoicePdf } from "@/lib/billing/invoice-pdf";
import { getInvoice } from "@/lib/billing/invoices";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/http/principals";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

export const GET = withTenant<{ id: string }>("MANAGER", async (_req, ctx, { id }) => {
  if (!EntityId.safeParse(id).success) throw new AppError("NOT_FOUND");
  const invoice = await getInvoice(ctx, id);
  const org = await tenantDb(ctx).organization.findFirstOrThrow({ where: { id: ctx.orgId }, select: { locale: true } });
  const pdf = await buildInvoicePdf(invoice, org.locale === "en" ? "en" : "nl");
  return {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="stempel-factuur-${invoice.number}.pdf"`,
      "Cache-Control": "private, no-store",
    },
    body: pdf,
  };
});
