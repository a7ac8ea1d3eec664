// The per-row error report of an import's dry run or run, as a CSV download.
import { getLocale, getTranslations } from "next-intl/server";
import { errorReportCsv } from "@/lib/customers/import/imports";
import { withTenant } from "@/lib/http/principals";
import { EntityId } from "@/lib/validation/ids";

export const GET = withTenant<{ id: string }>("MANAGER", async (_req, ctx, { id }) => {
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: "customerImport" });
  const report = await errorReportCsv(ctx, EntityId.parse(id), (key) => t(key as never), locale);
  const ascii = report.fileName.replace(/[^\x20-\x7e]/g, "_");
  return {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
      "Cache-Control": "private, no-store",
    },
    body: new TextEncoder().encode(report.csv),
  };
});
