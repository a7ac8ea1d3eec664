// Inzichten › Personeel: per staff member the stamps, redeems, undos and overrides of the period.
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import type { Period } from "@/lib/insights/period";
import { staffSummary } from "@/lib/insights/staff-signals";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "../attitude/empty";

const COLUMNS = ["stamps", "redeems", "undos", "overrides"] as const;

export async function StaffSummaryPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [rows, t, format] = await Promise.all([staffSummary(ctx, period), getTranslations("insightsStaff.summary"), getFormatter()]);
  const th = "px-2 py-2 text-right text-xs font-semibold uppercase tracking-wide text-stone-500";
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-staff-summary">
      {rows.length === 0 ? (
        <Empty testId="staff-summary-empty">{t("empty")}</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="staff-summary">
            <thead className="border-b border-stone-200">
              <tr>
                <th scope="col" className={`${th} text-left`}>
                  {t("staff")}
                </th>
                {COLUMNS.map((k) => (
                  <th key={k} scope="col" className={th}>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((r) => {
                const name = r.staff ? (r.staff.name ?? t("former")) : t("noStaff");
                return (
                  <tr key={r.staff?.id ?? "-"} data-name={name}>
                    <th scope="row" className="px-2 py-2 text-left font-medium text-stone-800">
                      {name}
                    </th>
                    {COLUMNS.map((k) => (
                      <td key={k} className="px-2 py-2 text-right tabular-nums" data-column={k} data-value={r[k]}>
                        {format.number(r[k])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
