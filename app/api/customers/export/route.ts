// GET /api/customers/export?<the customer list's query>&sep=semicolon|comma&marketing=1
// → the CSV of the list's current search and filters, streamed (lib/customers/export.ts).
// Managers and owners; a staff member gets 403, no session 401 (JSON, errorResult).
import { getTranslations } from "next-intl/server";
import { currentTenant } from "@/lib/auth/session";
import { BASE_COLUMNS, CONSENT_COLUMNS, exportCustomers, type ExportColumn, type ExportLabels } from "@/lib/customers/export";
import { AppError } from "@/lib/errors/app-error";
import { errorResult } from "@/lib/http/result";
import { toResponse } from "@/lib/http/web";
import { requireRole } from "@/lib/tenancy/context";
import { ExportOptions } from "@/lib/validation/customer-detail";
import { parseCustomerListParams, SOURCES } from "@/lib/validation/customers";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    requireRole(tenant.ctx, "MANAGER");
    const query = new URL(req.url).searchParams;
    const { sort: _s, dir: _d, page: _p, size: _z, ...filter } = parseCustomerListParams(query);
    const options = ExportOptions.parse({ sep: query.get("sep") ?? undefined, marketing: query.get("marketing") ?? undefined });
    const t = await getTranslations("customers.export");
    const labels: ExportLabels = {
      columns: Object.fromEntries([...BASE_COLUMNS, ...CONSENT_COLUMNS].map((c) => [c, t(`columns.${c}`)])) as Record<ExportColumn, string>,
      yes: t("yes"),
      no: t("no"),
      sources: Object.fromEntries(SOURCES.map((s) => [s, t(`sources.${s}`)])),
    };
    const out = await exportCustomers(tenant.ctx, filter, options, labels);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(out.stream, {
      status: 200,
      headers: {
        "Content-Type": `text/csv; charset=utf-8`,
        "Content-Disposition": `attachment; filename="${t("fileName")}-${day}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Export-Rows": String(out.rows),
      },
    });
  } catch (e) {
    return toResponse(errorResult(e));
  }
}
