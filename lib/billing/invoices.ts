// Invoices (docs/billing.md → Facturen): one numbered invoice per paid payment,
// issued in the transaction that records the payment as paid. Numbers are
// "<year>-<6 digits>", gapless per year: next_invoice_number(year) takes the
// counter row's lock in this transaction, so concurrent issuers wait for each
// other and a rolled-back invoice gives its number back. The buyer (the
// merchant's business profile) and the lines are a snapshot: a later change of
// address does not rewrite an issued invoice.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Invoice } from "@/lib/generated/prisma/client";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { AppError } from "@/lib/errors/app-error";
import { planIdOf, type PlanEnum } from "./plans";
import { intervalOf } from "./proration";
import { normalizeVatNumber, vatTreatment } from "./vat";

export type InvoiceBuyer = {
  name: string;
  legalName: string | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  kvkNumber: string | null;
  vatNumber: string | null;
  email: string | null;
};
export type InvoiceLine = {
  kind: "FIRST" | "RECURRING" | "PRORATION";
  plan: string;
  interval: "month" | "year";
  periodStart: string;
  periodEnd: string;
  netCents: number;
};

export const invoiceNumber = (year: number, n: number) => `${year}-${String(n).padStart(6, "0")}`;

/** The invoice of a paid payment: issued once (a second call returns the first invoice). */
export async function issueInvoice(tx: TenantTx, sql: TenantSql, orgId: string, paymentId: string, now = new Date()): Promise<Invoice> {
  const existing = await tx.invoice.findFirst({ where: { paymentId } });
  if (existing) return existing;
  const payment = await tx.payment.findFirstOrThrow({ where: { id: paymentId } });
  const org = await tx.organization.findFirstOrThrow({ where: { id: orgId } });
  const owner = await tx.membership.findFirst({
    where: { role: "OWNER", removedAt: null, userId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  const treatment = vatTreatment(org.vatNumber);
  const buyer: InvoiceBuyer = {
    name: org.name,
    legalName: org.legalName,
    addressLine: org.addressLine,
    postalCode: org.postalCode,
    city: org.city,
    country: org.country,
    kvkNumber: org.kvkNumber,
    vatNumber: org.vatNumber ? normalizeVatNumber(org.vatNumber) : null,
    email: org.billingEmail ?? owner?.user?.email ?? null,
  };
  const line: InvoiceLine = {
    kind: payment.kind,
    plan: planIdOf(payment.plan as PlanEnum) ?? "pro",
    interval: intervalOf(payment.interval),
    periodStart: payment.periodStart.toISOString(),
    periodEnd: payment.periodEnd.toISOString(),
    netCents: payment.netCents,
  };
  const year = now.getUTCFullYear();
  const [{ n }] = await sql<{ n: number }>("SELECT next_invoice_number($1::int) AS n", [year]);
  return tx.invoice.create({
    data: {
      organizationId: orgId,
      paymentId,
      number: invoiceNumber(year, n),
      issuedAt: now,
      buyer: buyer as unknown as Prisma.InputJsonValue,
      lines: [line] as unknown as Prisma.InputJsonValue,
      netCents: payment.netCents,
      // The rate the payment was charged at (its BTW is part of what Mollie collected).
      vatRateBp: payment.vatCents === 0 ? 0 : treatment.rateBp || 2100,
      vatCents: payment.vatCents,
      totalCents: payment.totalCents,
      reverseCharge: payment.vatCents === 0 && treatment.reverseCharge,
    },
  });
}

/** One invoice of the signed-in member's organization (owners and managers); another merchant's id is a 404. */
export async function getInvoice(ctx: TenantContext, id: string): Promise<Invoice> {
  requireRole(ctx, "MANAGER");
  const invoice = await tenantDb(ctx).invoice.findFirst({ where: { id } });
  if (!invoice) throw new AppError("NOT_FOUND");
  return invoice;
}
