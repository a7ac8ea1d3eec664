// Inzichten › Tevredenheid: NPS and satisfaction per location or per staff
// member; a group with fewer than MIN_GROUP_ANSWERS answers shows no number.
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { attitudeByLocation, attitudeByStaff, MIN_GROUP_ANSWERS } from "@/lib/insights/attitude";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

export async function GroupsPanel({ ctx, period, by }: { ctx: TenantContext; period: Period; by: "location" | "staff" }) {
  const [rows, t, format] = await Promise.all([
    by === "location" ? attitudeByLocation(ctx, period) : attitudeByStaff(ctx, period),
    getTranslations("insightsSurveys.groups"),
    getFormatter(),
  ]);
  const title = by === "location" ? t("byLocation") : t("byStaff");
  const explain = by === "location" ? t("byLocationExplain", { min: MIN_GROUP_ANSWERS }) : t("byStaffExplain", { min: MIN_GROUP_ANSWERS });
  const name = (r: (typeof rows)[number]) => (r.id === null ? (by === "location" ? t("noLocation") : t("noStaff")) : (r.name ?? t("former")));
  const th = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-500";
  const cell = (value: number | null, answers: number, digits: number, signed: boolean) =>
    answers === 0 ? (
      <span className="text-stone-400">–</span>
    ) : (
      <>
        <span className="font-medium tabular-nums">
          {value === null ? (
            <span className="font-normal text-stone-500">{t("tooFew")}</span>
          ) : (
            format.number(digits ? value : Math.round(value), {
              maximumFractionDigits: digits,
              minimumFractionDigits: digits,
              signDisplay: signed ? "exceptZero" : "auto",
            })
          )}
        </span>
        <span className="block text-xs text-stone-500">{t("answers", { count: answers })}</span>
      </>
    );
  return (
    <Panel title={title} explain={explain} testId={`panel-attitude-by-${by}`}>
      {rows.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid={`attitude-by-${by}`}>
            <thead className="border-b border-stone-200">
              <tr>
                <th scope="col" className={th}>
                  {t("name")}
                </th>
                <th scope="col" className={th}>
                  {t("nps")}
                </th>
                <th scope="col" className={th}>
                  {t("satisfaction")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((r) => (
                <tr key={r.id ?? "-"} data-name={name(r)} data-nps={r.nps ?? ""} data-satisfaction={r.satisfaction ?? ""}>
                  <th scope="row" className="px-2 py-2 text-left font-medium text-stone-800">
                    {name(r)}
                  </th>
                  <td className="px-2 py-2">{cell(r.nps, r.npsResponses, 0, true)}</td>
                  <td className="px-2 py-2">{cell(r.satisfaction, r.satisfactionResponses, 1, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
