// The tablet's card panel (issue 12 §1, §3, §9): every reward waiting gets its own
// redeem button, a queued redeem takes the reward it names, feedback reads
// "+1 → 5/8", and a refused stamp says what happened and what to do — also inside
// the manager's PIN dialog. Pure parts directly; the components rendered to HTML
// on the server (no DOM needed) with the real message catalogs.
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { CardPanel } from "@/components/tablet/card-panel";
import { availableRewards, doneMessage, offlineCard, rewardProgress, tapLabel, type Message } from "@/components/tablet/card-view";
import { FeedbackLine, useExplain } from "@/components/tablet/feedback";
import { PinDialog } from "@/components/tablet/pin-dialog";
import { en, nl } from "@/lib/i18n/messages";
import type { TabletCard, TabletErrorResponse } from "@/lib/validation/tablet";

const FALLBACK = "Tussenbeloning";

function card(counters: Partial<Pick<TabletCard, "stampCount" | "rewardsAvailable" | "intermediateAvailable">> = {}): TabletCard {
  return {
    serial: "K7QM-2XHD-9P",
    stampCount: 0,
    rewardsAvailable: 0,
    intermediateAvailable: 0,
    lastStampAt: null,
    customer: { name: "Anna de Vries" },
    program: {
      name: "Koffiekaart",
      stampsRequired: 8,
      intermediateStamp: 4,
      rewardText: "Gratis koffie",
      intermediateRewardText: "Gratis koekje",
      labelColor: "#ffffff",
      backgroundColor: "#3b2a20",
      foregroundColor: "#ffffff",
    },
    ...counters,
  };
}

const catalogs = { nl, en };
const render = (node: ReactNode, locale: "nl" | "en" = "nl") =>
  renderToStaticMarkup(
    // A .ts test has no JSX; the provider's props type wants `children` as a prop.
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale, messages: catalogs[locale], timeZone: "Europe/Amsterdam", children: node }),
  );
/** What a message says (as the panel renders it: the "tablet" namespace, these values). */
function say(m: Message, locale: "nl" | "en" = "nl") {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "tablet" }) as unknown as (key: string, values: object) => string;
  return t(m.key, m.values);
}
/** How the tablet explains an error body (useExplain); loosely typed, like a body from a newer server. */
function explain(body: { error: string; message?: string; [field: string]: unknown }, locale: "nl" | "en" = "nl") {
  function Explain() {
    return createElement("span", null, useExplain()(body as TabletErrorResponse));
  }
  return render(createElement(Explain), locale).replace(/^<span>|<\/span>$/g, "");
}
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("which rewards the panel offers", () => {
  it("the intermediate reward at 4 of 8 gets its own button, by name", () => {
    expect(availableRewards(card({ stampCount: 4, intermediateAvailable: 1 }), FALLBACK)).toEqual([{ kind: "intermediate", name: "Gratis koekje", count: 1 }]);
  });

  it("both rewards waiting: two buttons, the smaller first, each with its count", () => {
    expect(availableRewards(card({ rewardsAvailable: 2, intermediateAvailable: 1 }), FALLBACK)).toEqual([
      { kind: "intermediate", name: "Gratis koekje", count: 1 },
      { kind: "reward", name: "Gratis koffie", count: 2 },
    ]);
  });

  it("nothing waiting: no buttons, the stamps to go until each reward instead", () => {
    const c = card({ stampCount: 1 });
    expect(availableRewards(c, FALLBACK)).toEqual([]);
    expect(rewardProgress(c, FALLBACK)).toEqual([
      { kind: "intermediate", name: "Gratis koekje", left: 3 },
      { kind: "reward", name: "Gratis koffie", left: 7 },
    ]);
    // Past the intermediate stamp (its reward already redeemed): only the main reward is ahead.
    expect(rewardProgress(card({ stampCount: 5 }), FALLBACK)).toEqual([{ kind: "reward", name: "Gratis koffie", left: 3 }]);
  });

  it("an intermediate reward earned before the program dropped it can still be redeemed", () => {
    const c = card({ intermediateAvailable: 1 });
    c.program = { ...c.program, intermediateStamp: null, intermediateRewardText: null };
    expect(availableRewards(c, FALLBACK)).toEqual([{ kind: "intermediate", name: FALLBACK, count: 1 }]);
    expect(rewardProgress(c, FALLBACK)).toEqual([{ kind: "reward", name: "Gratis koffie", left: 8 }]);
  });
});

describe("a tap queued without network", () => {
  it("redeeming the intermediate reward takes that reward, not the main one", () => {
    const c = card({ stampCount: 4, rewardsAvailable: 1, intermediateAvailable: 1 });
    const after = offlineCard(c, { kind: "redeem", reward: "intermediate" });
    expect(after).toMatchObject({ stampCount: 4, rewardsAvailable: 1, intermediateAvailable: 0 });
    expect(offlineCard(c, { kind: "redeem", reward: "reward" })).toMatchObject({ rewardsAvailable: 0, intermediateAvailable: 1 });
  });

  it("a stamp passing the intermediate stamp earns it; an undo waits for the server", () => {
    expect(offlineCard(card({ stampCount: 3 }), { kind: "stamp", amount: 2 })).toMatchObject({ stampCount: 5, intermediateAvailable: 1 });
    const c = card({ stampCount: 3 });
    expect(offlineCard(c, { kind: "undo" })).toBe(c);
  });

  it("is labelled by what it does", () => {
    const c = card();
    expect(say(tapLabel(c, { kind: "stamp", amount: 2 }, FALLBACK))).toBe("+2");
    expect(say(tapLabel(c, { kind: "redeem", reward: "intermediate" }, FALLBACK))).toBe("Gratis koekje inwisselen");
  });
});

describe("the line after a tap", () => {
  it("a stamp, overridden or not: amount and new count of total", () => {
    const before = card({ stampCount: 4, intermediateAvailable: 1 });
    const m = doneMessage(before, { kind: "stamp", amount: 1, overrideBy: "m1", overridePin: "2222" }, { ...before, stampCount: 5 }, FALLBACK);
    expect(say(m)).toBe("+1 → 5/8");
    expect(say(m, "en")).toBe("+1 → 5/8");
  });

  it("a stamp that completes a reward names it", () => {
    const before = card({ stampCount: 7 });
    expect(say(doneMessage(before, { kind: "stamp", amount: 2 }, { stampCount: 1, rewardsAvailable: 1, intermediateAvailable: 0 }, FALLBACK))).toBe(
      "+2 → 1/8 · Gratis koffie verdiend!",
    );
  });

  it("a redeem names the reward", () => {
    const before = card({ stampCount: 4, intermediateAvailable: 1 });
    const m = doneMessage(before, { kind: "redeem", reward: "intermediate" }, { ...before, intermediateAvailable: 0 }, FALLBACK);
    expect(say(m)).toBe("Gratis koekje ingewisseld");
    expect(say(m, "en")).toBe("Gratis koekje redeemed");
  });

  it("an undo says what it took back", () => {
    const c = card({ stampCount: 5, intermediateAvailable: 1 });
    const undo = { kind: "undo" } as const;
    expect(say(doneMessage(c, undo, { ...c, stampCount: 4 }, FALLBACK))).toBe("1 stempel ongedaan gemaakt → 4/8");
    // Undoing +3 that completed the card (and earned the reward): 3 stamps back.
    expect(
      say(doneMessage(card({ stampCount: 1, rewardsAvailable: 1 }), undo, { stampCount: 6, rewardsAvailable: 0, intermediateAvailable: 0 }, FALLBACK)),
    ).toBe("3 stempels ongedaan gemaakt → 6/8");
    expect(say(doneMessage(c, undo, { ...c, intermediateAvailable: 2 }, FALLBACK))).toBe("Inwisselen van Gratis koekje ongedaan gemaakt");
    expect(say(doneMessage(c, undo, { ...c, rewardsAvailable: 1 }, FALLBACK))).toBe("Inwisselen van Gratis koffie ongedaan gemaakt");
  });
});

describe("a refused stamp tells the barista what to do", () => {
  const visit = { error: "RULE_BLOCKED", message: "rule.maxPerVisit", rule: "maxPerVisit", limit: 10, minutes: 30 };

  it("too many in one visit: the limit, the window, the manager, and when it can go without one", () => {
    expect(explain(visit)).toBe(
      "Hiermee krijgt deze kaart meer dan 10 stempels binnen 30 minuten. Klopt dit, bijvoorbeeld bij een groepsbestelling? Laat dan een manager met de knop hieronder toch stempelen.",
    );
    const until = explain({ ...visit, retryAt: "2026-11-25T09:42:00.000Z" });
    expect(until).toContain("Zonder manager kan de volgende stempel vanaf 10:42.");
    expect(explain(visit, "en")).toContain("more than 10 stamps within 30 minutes");
  });

  it("too many today", () => {
    const body = { error: "RULE_BLOCKED", message: "rule.maxPerDay", rule: "maxPerDay", limit: 15, stampsToday: 15 };
    expect(explain(body)).toBe(
      "Deze kaart kreeg vandaag al 15 stempels, het maximum is 15 per dag. Klopt dit? Laat dan een manager met de knop hieronder toch stempelen, of stempel morgen weer.",
    );
  });

  it("a rule this tablet does not know still gets a sentence, never a raw key", () => {
    const generic = "Deze stempel valt buiten de regels van deze kaart. Klopt het toch? Laat dan een manager met de knop hieronder toch stempelen.";
    expect(explain({ error: "RULE_BLOCKED", message: "rule.minInterval" })).toBe(generic);
    expect(explain({ error: "RULE_BLOCKED", message: "rule.maxPerVisit" })).toBe(generic);
  });
});

describe("the card panel", () => {
  const props = { act: vi.fn(), managers: [], onChange: vi.fn(), onFeedback: vi.fn() };
  const panel = (c: TabletCard, locale: "nl" | "en" = "nl") => text(render(createElement(CardPanel, { ...props, card: c }), locale));

  it("shows a green button per reward waiting, with its name and count", () => {
    const html = render(createElement(CardPanel, { ...props, card: card({ stampCount: 4, rewardsAvailable: 2, intermediateAvailable: 1 }) }));
    expect(html).toContain('data-testid="tablet-redeem-intermediate"');
    expect(html).toContain('data-testid="tablet-redeem-reward"');
    expect(text(html)).toContain("Gratis koekje inwisselen");
    expect(text(html)).toContain("2× Gratis koffie inwisselen");
    expect(html).not.toContain("tablet-progress");
  });

  it("with nothing waiting: no redeem button, how far each reward is", () => {
    const html = render(createElement(CardPanel, { ...props, card: card({ stampCount: 1 }) }));
    expect(html).not.toContain("tablet-redeem");
    expect(text(html)).toContain("Nog geen beloning — nog 3 stempels tot Gratis koekje en nog 7 stempels tot Gratis koffie");
    expect(panel(card({ stampCount: 7 }), "en")).toContain("No reward yet — 1 stamp to go until Gratis koffie");
  });
});

describe("the feedback line", () => {
  it("a refusal carries the override button right under its reason", () => {
    const html = render(
      createElement(FeedbackLine, {
        feedback: { tone: "error", text: "Hiermee krijgt deze kaart meer dan 10 stempels", action: { label: "Toch doen met een manager", onClick: () => {} } },
      }),
    );
    expect(html).toMatch(/data-testid="feedback"[^>]*>Hiermee krijgt deze kaart meer dan 10 stempels<\/p><button[^>]*>Toch doen met een manager<\/button>/);
    expect(html).toContain("sticky");
  });
});

describe("the manager's PIN dialog", () => {
  it("keeps the customer, the tap and the refusal's reason in view beside the manager's names", () => {
    const html = render(
      createElement(PinDialog, {
        title: "Manager-PIN om toch door te gaan",
        subject: "+1 voor Anna de Vries",
        reason: "Hiermee krijgt deze kaart meer dan 10 stempels binnen 30 minuten.",
        choose: [{ id: "m1", name: "Jeroen Visser", role: "MANAGER" }],
        onPin: async () => null,
        onClose: () => {},
      }),
    );
    expect(html).toMatch(/data-testid="pin-dialog-subject"[^>]*>\+1 voor Anna de Vries</);
    expect(html).toMatch(/data-testid="pin-dialog-reason"[^>]*>Hiermee krijgt deze kaart/);
    expect(text(html)).toContain("Welke manager geeft akkoord?");
    expect(text(html)).toContain("Jeroen Visser");
    // Two columns from 768 px: the context column beside the names or keys.
    expect(html).toContain("md:grid-cols-");
  });
});
