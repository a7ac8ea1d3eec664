// The refresh keeps every kept panel, whatever imported it: a worker process
// imports only the refresh (lib/insights/refresh-insights.ts), so the panels
// of Overzicht and Personeel must register through it (this file imports
// nothing else; vitest gives each file its own modules).
import { expect, it } from "vitest";
import { keptPanelNames } from "@/lib/insights/kept";
import "@/lib/insights/refresh-insights";

it("registers the ten kept panels through the refresh alone", () => {
  expect(keptPanelNames().sort()).toEqual([
    "overview.enrollmentsBySource",
    "overview.heatmap",
    "overview.overviewKpis",
    "overview.stampsByLocationAndStaff",
    "overview.visitsSeries",
    "staff.fewCardsSignal",
    "staff.outsideHoursSignal",
    "staff.staffSummary",
    "staff.twoLocationsSignal",
    "staff.undoOverrideSignal",
  ]);
});
