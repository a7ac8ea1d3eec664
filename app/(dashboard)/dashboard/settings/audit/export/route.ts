// GET /dashboard/settings/audit/export?group=&who=&from=&to= → the filtered audit
// trail as CSV (lib/audit/trail.ts), itself recorded as "audit.export".
// Owners only: anyone else 403, no session 401, a bad filter 422.
import { getLocale, getTranslations } from "next-intl/server";
import { currentTenant } from "@/lib/auth/session";
import { auditTimezone, exportAuditTrail } from "@/lib/audit/trail";
import { auditActorName } from "../actor-name";
import { AppError } from "@/lib/errors/app-error";
import { errorResult } from "@/lib/http/result";
import { toResponse } from "@/lib/http/web";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    const ctx = tenant.ctx;
    const t = await getTranslations("audit");
    const locale = await getLocale();
    const sp = new URL(req.url).searchParams;
    const filter = { group: sp.get("group") ?? "", who: sp.get("who") ?? "", from: sp.get("from") ?? "", to: sp.get("to") ?? "" };
    const timezone = await auditTimezone(ctx);
    const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "short", timeStyle: "medium", timeZone: timezone });
    const c = (k: string) => t(`columns.${k}`);
    const out = await exportAuditTrail(ctx, filter, {
      header: [c("when"), c("who"), c("what"), c("subject"), c("ip"), c("browser"), c("before"), c("after"), c("details")],
      action: (a) => (t.has(`actions.${a}`) ? t(`actions.${a}`) : a),
      actor: (a) => auditActorName(t, a),
      time: (d) => fmt.format(d),
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(out.csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${locale === "en" ? "activity-log" : "logboek"}-${day}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Export-Rows": String(out.rows),
      },
    });
  } catch (e) {
    return toResponse(errorResult(e));
  }
}
