// Issue 12 §9: the stamp rules let normal service through (a second +1 for a
// second coffee, one +N for a group order) and still stop a card stamped far
// beyond a visit or a day.
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StampRulesFields } from "@/components/cards/stamp-rules-fields";
import { en, nl } from "@/lib/i18n/messages";
import { designerValues } from "@/lib/programs/program-data";
import { checkStamp, type WindowStamp } from "@/lib/stamping/rules";

const defaults = { visitMinutes: 30, maxStampsPerVisit: 10, maxStampsPerDay: 15 };
const now = new Date("2026-11-25T09:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const check = (amount: number, inWindow: WindowStamp[] = [], stampsToday = inWindow.reduce((s, x) => s + x.amount, 0), rules = defaults) =>
  checkStamp({ amount, now, inWindow, stampsToday, rules });

describe("checkStamp with the default rules (30 minutes, 10 per visit, 15 a day)", () => {
  it("lets two +1 taps in one visit through (two coffees)", () => {
    expect(check(1)).toBeNull();
    expect(check(1, [{ at: minutesAgo(1), amount: 1 }])).toBeNull();
  });

  it("lets one +N through for a group order, up to the visit's limit", () => {
    expect(check(10)).toBeNull();
    expect(
      check(4, [
        { at: minutesAgo(5), amount: 3 },
        { at: minutesAgo(4), amount: 3 },
      ]),
    ).toBeNull();
  });

  it("+3 +3 +3 then +1 in one visit: fine; a further +2 is refused, saying when one more fits", () => {
    const visit = [
      { at: minutesAgo(20), amount: 3 },
      { at: minutesAgo(15), amount: 3 },
      { at: minutesAgo(10), amount: 3 },
    ];
    expect(check(1, visit)).toBeNull();
    // 10 in the window: one more needs the first +3 to leave it, 30 minutes after it came.
    const full = [...visit, { at: minutesAgo(5), amount: 1 }];
    expect(check(1, full)).toEqual({ rule: "maxPerVisit", limit: 10, minutes: 30, retryAt: minutesAgo(20 - 30) });
  });

  it("says no time when one more stamp fits now and only this tap is too large", () => {
    expect(check(11)).toEqual({ rule: "maxPerVisit", limit: 10, minutes: 30 });
    expect(check(5, [{ at: minutesAgo(1), amount: 6 }])).toEqual({ rule: "maxPerVisit", limit: 10, minutes: 30 });
  });

  it("takes the stamps leaving the window oldest first, as many as needed", () => {
    const visit = [
      { at: minutesAgo(2), amount: 5 },
      { at: minutesAgo(25), amount: 1 },
      { at: minutesAgo(12), amount: 4 },
    ];
    // 10 in the window: one stamp must leave → the oldest (+1, 25 minutes ago) leaves in 5 minutes.
    expect(check(1, visit)).toMatchObject({ rule: "maxPerVisit", retryAt: minutesAgo(-5) });
    // With a limit of 12, +3 on those 10 is too many, but one more fits now: no time to wait for.
    expect(check(3, visit, 10, { ...defaults, maxStampsPerVisit: 12 })).toEqual({ rule: "maxPerVisit", limit: 12, minutes: 30 });
  });

  it("refuses the 16th stamp of a day, before the visit (whose wait would not help)", () => {
    expect(check(1, [], 14)).toBeNull();
    expect(check(1, [], 15)).toEqual({ rule: "maxPerDay", limit: 15, stampsToday: 15 });
    expect(check(2, [{ at: minutesAgo(1), amount: 9 }], 14)).toEqual({ rule: "maxPerDay", limit: 15, stampsToday: 14 });
  });

  it("applies a merchant's own stricter rules (one stamp an hour)", () => {
    const strict = { visitMinutes: 60, maxStampsPerVisit: 1, maxStampsPerDay: 3 };
    expect(check(1, [], 0, strict)).toBeNull();
    expect(check(1, [{ at: minutesAgo(59), amount: 1 }], 1, strict)).toEqual({ rule: "maxPerVisit", limit: 1, minutes: 60, retryAt: minutesAgo(-1) });
  });
});

describe("the designer's stamp rules", () => {
  const render = (locale: "nl" | "en", values: Record<string, string>, errors: Record<string, string[]> = {}) =>
    renderToStaticMarkup(
      // A .ts test has no JSX; the provider's props type wants `children` as a prop.
      // eslint-disable-next-line react/no-children-prop
      createElement(NextIntlClientProvider, {
        locale,
        messages: locale === "nl" ? nl : en,
        timeZone: "Europe/Amsterdam",
        children: createElement(StampRulesFields, { values, errors, onChange: () => {} }),
      }),
    ).replace(/<!-- -->/g, "");
  const defaults = designerValues(null, { name: "Koffiekaart", rewardText: "Gratis koffie" });

  it("starts a new card on the defaults and explains each rule with an example, in Dutch and English", () => {
    expect(defaults).toMatchObject({ visitMinutes: "30", maxStampsPerVisit: "10", maxStampsPerDay: "15", undoWindowSeconds: "120" });
    const html = render("nl", defaults);
    expect(html).toContain("Binnen 30 minuten maximaal 10 stempels — genoeg voor een groepsbestelling of een tweede koffie; meer vraagt een manager-PIN.");
    expect(html).toContain("stempel nummer 16 op één dag vraagt een manager-PIN");
    expect(html).toContain("Tik binnen 120 seconden op Ongedaan maken");
    expect(render("en", defaults)).toContain("Within 30 minutes at most 10 stamps — enough for a group order");
  });

  it("follows the values being typed, and shows each field's own message (never the browser's)", () => {
    const html = render(
      "nl",
      { ...defaults, visitMinutes: "45", maxStampsPerVisit: "1", maxStampsPerDay: "0" },
      {
        maxStampsPerDay: ["ruleRange"],
        maxStampsPerVisit: ["visitOverDay"],
      },
    );
    expect(html).toContain("Binnen 45 minuten maximaal 1 stempel —");
    expect(html).toContain("Kies 1 tot 100 stempels per dag.");
    expect(html).toContain("Per bezoek kan niet meer zijn dan per dag.");
    expect(html).toMatch(/id="maxStampsPerDay"[^>]*aria-invalid="true"/);
  });
});
