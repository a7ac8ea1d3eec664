"use client";
// Visits per month (the last 12): a bar chart, with the numbers also as text for screen readers (the
// chart itself is hidden from them and not focusable: recharts' keyboard layer is off).
import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function VisitsChart({ months }: { months: { month: string; visits: number }[] }) {
  const t = useTranslations("customers.chart");
  const format = useFormatter();
  const label = (month: string) => format.dateTime(new Date(`${month}-15T12:00:00Z`), { month: "short" });
  const data = months.map((m) => ({ ...m, label: label(m.month) }));
  const total = months.reduce((s, m) => s + m.visits, 0);
  return (
    <figure data-testid="visits-chart">
      <div className="h-48 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
            <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
            <Tooltip formatter={(v) => [v, t("visits")]} labelFormatter={(l) => String(l)} cursor={{ fill: "#f5f5f4" }} />
            <Bar dataKey="visits" fill="#f59e0b" radius={[4, 4, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-stone-600">{t("summary", { count: total })}</figcaption>
      <table className="sr-only">
        <caption>{t("title")}</caption>
        <tbody>
          {data.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              <td>{m.visits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
