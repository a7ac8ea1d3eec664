"use client";
// Visits per day or week as bars (stamps in the tooltip), with the numbers again in a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/insights/overview";

export function VisitsChart({ unit, points }: { unit: "day" | "week"; points: SeriesPoint[] }) {
  const t = useTranslations("insightsOverview.visits");
  const format = useFormatter();
  const date = (day: string, long = false) =>
    format.dateTime(new Date(`${day}T12:00:00Z`), long ? { weekday: "short", day: "numeric", month: "short" } : { day: "numeric", month: "short" });
  const title = (day: string) => (unit === "week" ? t("week", { date: date(day) }) : date(day, true));
  const data = points.map((p) => ({ ...p, label: date(p.start), title: title(p.start) }));
  return (
    <figure data-testid="chart-visits" data-unit={unit}>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} minTickGap={16} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
            <Tooltip
              cursor={{ fill: "#f5f5f4" }}
              content={({ active, payload }) => {
                const p = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
                return p ? (
                  <div className="rounded-lg border border-stone-200 bg-white px-3 py-2 text-sm shadow-sm">
                    <p className="font-medium">{p.title}</p>
                    <p>
                      {t("visitsLabel")}: {format.number(p.visits)}
                    </p>
                    <p>
                      {t("stampsLabel")}: {format.number(p.stamps)}
                    </p>
                  </div>
                ) : null;
              }}
            />
            <Bar dataKey="visits" fill="#f59e0b" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{unit === "week" ? t("weekColumn") : t("day")}</th>
            <th scope="col">{t("visitsLabel")}</th>
            <th scope="col">{t("stampsLabel")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.start} data-start={p.start}>
              <th scope="row">{p.title}</th>
              <td>{p.visits}</td>
              <td>{p.stamps}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
