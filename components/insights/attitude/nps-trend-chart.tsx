"use client";
// NPS per month as bars around 0 (months without answers stay empty), with the numbers again in a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { roundNps } from "@/lib/insights/nps";

export type TrendPoint = { month: string; responses: number; nps: number | null };

export function NpsTrendChart({ points }: { points: TrendPoint[] }) {
  const t = useTranslations("insightsSurveys.trend");
  const format = useFormatter();
  const month = (m: string, long = false) => format.dateTime(new Date(`${m}-15T12:00:00Z`), long ? { month: "long", year: "numeric" } : { month: "short" });
  const data = points.map((p) => ({ ...p, nps: p.nps === null ? null : roundNps(p.nps), label: month(p.month), title: month(p.month, true) }));
  return (
    <figure data-testid="chart-nps-trend">
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
            <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} tickLine={false} axisLine={false} fontSize={12} />
            <ReferenceLine y={0} stroke="#a8a29e" />
            <Tooltip
              cursor={{ fill: "#f5f5f4" }}
              content={({ active, payload }) => {
                const p = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
                return p ? (
                  <div className="rounded-lg border border-stone-200 bg-white px-3 py-2 text-sm shadow-sm">
                    {p.nps === null ? `${p.title}: ${t("noAnswers")}` : t("point", { month: p.title, nps: p.nps, count: p.responses })}
                  </div>
                ) : null;
              }}
            />
            <Bar dataKey="nps" radius={[3, 3, 3, 3]}>
              {data.map((p) => (
                <Cell key={p.month} fill={(p.nps ?? 0) < 0 ? "#dc2626" : "#f59e0b"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("month")}</th>
            <th scope="col">{t("nps")}</th>
            <th scope="col">{t("responses")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.month} data-month={p.month} data-nps={p.nps ?? ""} data-responses={p.responses}>
              <th scope="row">{p.title}</th>
              <td>{p.nps ?? t("noAnswers")}</td>
              <td>{p.responses}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
