// Inzichten › Overzicht: the period's stamps by location and by staff member,
// two panels from one query.
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { stampsByLocationAndStaff, type StampShare } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { BarList } from "./bar-list";
import { Empty } from "./empty";

export async function StampsByPanels({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [{ locations, staff }, tl, ts, format] = await Promise.all([
    stampsByLocationAndStaff(ctx, period),
    getTranslations("insightsOverview.locations"),
    getTranslations("insightsOverview.staff"),
    getFormatter(),
  ]);
  const bars = (shares: StampShare[], nameless: string, gone: string) =>
    shares.map((s) => ({ key: s.id ?? "-", label: s.id === null ? nameless : (s.name ?? gone), value: s.stamps, shown: format.number(s.stamps) }));
  return (
    <>
      <Panel title={tl("title")} explain={tl("explain")} testId="panel-locations">
        {locations.length ? (
          <BarList rows={bars(locations, tl("none"), tl("none"))} testId="chart-locations" label={tl("title")} />
        ) : (
          <Empty testId="locations-empty">{tl("empty")}</Empty>
        )}
      </Panel>
      <Panel title={ts("title")} explain={ts("explain")} testId="panel-staff">
        {staff.length ? (
          <BarList rows={bars(staff, ts("dashboard"), ts("former"))} testId="chart-staff" label={ts("title")} />
        ) : (
          <Empty testId="staff-empty">{ts("empty")}</Empty>
        )}
      </Panel>
    </>
  );
}
