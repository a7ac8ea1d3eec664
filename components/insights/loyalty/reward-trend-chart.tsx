"use client";
// Reward-bound loyalty by month of the latest reward: the share who did not
// come back, one line per card (months not long enough ago left out), with the
// numbers again in a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TrendSeries = { programId: string; name: string; months: { month: string; customers: number; stopped: number; complete: boolean }[] };

const COLORS = ["#d97706", "#0f766e", "#7c3aed", "#be123c", "#1d4ed8"];

export function RewardTrendChart({ series }: { series: TrendSeries[] }) {
  const t = useTranslations("insightsLoyalty.rewardBound");
  const format = useFormatter();
  const months = series[0]?.months.map((m) => m.month) ?? [];
  const label = (month: string) => format.dateTime(new Date(`${month}T12:00:00Z`), { month: "short", year: "2-digit", timeZone: "UTC" });
  const data = months.map((month, i) => ({
    label: label(month),
    ...Object.fromEntries(
      series.map((s) => {
        const m = s.months[i];
        return [s.programId, m.complete && m.customers > 0 ? Math.round((100 * m.stopped) / m.customers) : null];
      }),
    ),
  }));
  return (
    <figure data-testid="chart-reward-bound">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">{t("trend")}</figcaption>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
            <YAxis domain={[0, 100]} unit="%" tickLine={false} axisLine={false} fontSize={12} />
            <Tooltip formatter={(v) => `${v}%`} />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Line key={s.programId} dataKey={s.programId} name={s.name} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{t("trend")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("program")}</th>
            {months.map((m) => (
              <th key={m} scope="col">
                {label(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.programId}>
              <th scope="row">{s.name}</th>
              {s.months.map((m) => (
                <td key={m.month}>{m.complete ? t("trendMonth", { month: label(m.month), stopped: m.stopped, customers: m.customers }) : t("incomplete")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
