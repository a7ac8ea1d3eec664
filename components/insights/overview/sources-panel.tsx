// Inzichten › Overzicht: new customers by where they signed up (the share page's
// "zo zie je later waar je klanten vandaan komen").
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { enrollmentsBySource } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { BarList } from "./bar-list";
import { Empty } from "./empty";

/** Sources a café rarely uses, listed only when they brought someone. */
const OCCASIONAL = new Set(["IMPORT", "API"]);

export async function SourcesPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [counts, t, tc, format] = await Promise.all([
    enrollmentsBySource(ctx, period),
    getTranslations("insightsOverview.sources"),
    getTranslations("customers.export.sources"),
    getFormatter(),
  ]);
  const rows = counts
    .filter((c) => c.current || c.previous || !OCCASIONAL.has(c.source))
    .sort((a, b) => b.current - a.current || b.previous - a.previous)
    .map((c) => ({
      key: c.source,
      label: tc(c.source),
      value: c.current,
      shown: format.number(c.current),
      note: t("previous", { value: c.previous }),
    }));
  const top = rows[0];
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-sources">
      {top?.value ? (
        <>
          <BarList rows={rows} testId="chart-sources" label={t("title")} />
          <p className="text-sm text-stone-600">{t("top", { source: top.label })}</p>
        </>
      ) : (
        <Empty testId="sources-empty">{t("empty")}</Empty>
      )}
    </Panel>
  );
}
