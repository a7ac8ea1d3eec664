// Inzichten › Personeel: the four signals, each its own panel with its own
// query (lib/insights/staff-signals.ts). Worded as "opvallend, kijk even mee":
// a reason to look at the rows together, never a verdict.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import type { Period } from "@/lib/insights/period";
import {
  FEW_CARDS_MIN_STAMPS,
  FEW_CARDS_SHARE,
  FEW_CARDS_TOP,
  fewCardsSignal,
  outsideHoursSignal,
  TWO_LOCATIONS_MINUTES,
  twoLocationsSignal,
  UNDO_MIN_EVENTS,
  UNDO_SHARE_FACTOR,
  undoOverrideSignal,
} from "@/lib/insights/staff-signals";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "../attitude/empty";
import { Flag } from "./flag";

type Props = { ctx: TenantContext; period: Period };

async function Nothing() {
  const t = await getTranslations("insightsStaff");
  return <Empty testId="signal-none">{t("nothing")}</Empty>;
}

export async function FewCardsPanel({ ctx, period }: Props) {
  const [flags, t, format] = await Promise.all([fewCardsSignal(ctx, period), getTranslations("insightsStaff"), getFormatter()]);
  const explain = t("fewCards.explain", {
    top: FEW_CARDS_TOP,
    share: format.number(FEW_CARDS_SHARE, { style: "percent" }),
    min: FEW_CARDS_MIN_STAMPS,
  });
  return (
    <Panel title={t("fewCards.title")} explain={explain} testId="panel-few-cards">
      {flags.length === 0 ? (
        <Nothing />
      ) : (
        <ul className="divide-y divide-stone-100">
          {flags.map((f) => (
            <Flag key={f.staff.id} rows={f.rows} timezone={period.timezone} testId="flag-few-cards">
              {t("fewCards.flag", {
                name: f.staff.name ?? t("summary.former"),
                top: f.topStamps,
                stamps: f.stamps,
                share: f.share,
                cards: FEW_CARDS_TOP,
              })}
            </Flag>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export async function OutsideHoursPanel({ ctx, period }: Props) {
  const [r, t] = await Promise.all([outsideHoursSignal(ctx, period), getTranslations("insightsStaff")]);
  const setHours = (
    <Link href="/dashboard/team" className="font-medium text-amber-800 underline-offset-4 hover:underline">
      {t("outsideHours.setHours")}
    </Link>
  );
  return (
    <Panel title={t("outsideHours.title")} explain={t("outsideHours.explain")} testId="panel-outside-hours">
      {r.checked === 0 ? (
        <p className="text-sm text-stone-600" data-testid="outside-hours-unchecked">
          {t("outsideHours.noneChecked")} {setHours}
        </p>
      ) : r.flags.length === 0 ? (
        <Nothing />
      ) : (
        <ul className="divide-y divide-stone-100">
          {r.flags.map((f) => (
            <Flag key={f.location.id} rows={f.rows} timezone={period.timezone} testId="flag-outside-hours">
              {t("outsideHours.flag", { location: f.location.name, count: f.count })}
            </Flag>
          ))}
        </ul>
      )}
      {r.checked > 0 && r.skipped.length > 0 && (
        <p className="text-sm text-stone-600" data-testid="outside-hours-skipped">
          {t("outsideHours.skipped", { locations: r.skipped.map((l) => l.name).join(", ") })} {setHours}
        </p>
      )}
    </Panel>
  );
}

export async function TwoLocationsPanel({ ctx, period }: Props) {
  const [r, t] = await Promise.all([twoLocationsSignal(ctx, period), getTranslations("insightsStaff")]);
  return (
    <Panel title={t("twoLocations.title")} explain={t("twoLocations.explain", { minutes: TWO_LOCATIONS_MINUTES })} testId="panel-two-locations">
      {r.flags.length === 0 ? (
        <Nothing />
      ) : (
        <>
          <ul className="divide-y divide-stone-100">
            {r.flags.map((f) => (
              <Flag key={f.cardId} rows={f.rows} timezone={period.timezone} testId="flag-two-locations">
                {t("twoLocations.flag", { serial: f.serial, name: f.customerName || t("rows.erased"), pairs: f.pairs, minutes: TWO_LOCATIONS_MINUTES })}
              </Flag>
            ))}
          </ul>
          {r.total > r.flags.length && <p className="text-sm text-stone-600">{t("twoLocations.more", { shown: r.flags.length, total: r.total })}</p>}
        </>
      )}
    </Panel>
  );
}

export async function UndoOverridePanel({ ctx, period }: Props) {
  const [r, t] = await Promise.all([undoOverrideSignal(ctx, period), getTranslations("insightsStaff")]);
  return (
    <Panel title={t("undos.title")} explain={t("undos.explain", { factor: UNDO_SHARE_FACTOR, min: UNDO_MIN_EVENTS })} testId="panel-undos">
      {r.flags.length === 0 ? (
        <Nothing />
      ) : (
        <ul className="divide-y divide-stone-100">
          {r.flags.map((f) => (
            <Flag key={`${f.staff.id}:${f.kind}`} rows={f.rows} timezone={period.timezone} testId="flag-undos">
              {t(f.kind === "UNDO" ? "undos.flagUndo" : "undos.flagOverride", {
                name: f.staff.name ?? t("summary.former"),
                count: f.count,
                actions: f.actions,
                share: f.share,
                team: f.teamShare,
              })}
            </Flag>
          ))}
        </ul>
      )}
    </Panel>
  );
}
