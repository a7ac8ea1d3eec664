// Issue 14: which question a customer's web card asks (lib/surveys/eligibility.ts),
// the answer's checks (lib/validation/surveys.ts), and the question and settings
// as the customer and the merchant see them.
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SurveyFields } from "@/components/cards/survey-fields";
import { webCardPage, type WebCardView } from "@/lib/cards/web-card-page";
import { en, nl } from "@/lib/i18n/messages";
import { designerValues } from "@/lib/programs/program-data";
import { dueQuestion, localDay, refusal, type SurveyFacts, type SurveyQuestion, type SurveySettings } from "@/lib/surveys/eligibility";
import { SurveyAnswerRequest } from "@/lib/validation/surveys";
import { ProgramDesignRequest } from "@/lib/validation/programs";

const TZ = "Europe/Amsterdam";
// Wednesday 2026-06-10, 14:00 in Amsterdam (UTC+2).
const now = new Date("2026-06-10T12:00:00Z");
const hours = (h: number) => new Date(now.getTime() - h * 3600_000);
const days = (d: number) => hours(d * 24);

const off: SurveySettings = { surveySatisfaction: false, surveyNps: false, surveyNpsAfterVisits: 3, surveyNpsEveryDays: 90, surveyCli: false };
const satisfaction: SurveySettings = { ...off, surveySatisfaction: true };
const nps: SurveySettings = { ...off, surveyNps: true };
const both: SurveySettings = { ...off, surveySatisfaction: true, surveyNps: true };

/** A regular who visited today and never answered anything. */
const facts = (over: Partial<SurveyFacts> = {}): SurveyFacts => ({
  now,
  timezone: TZ,
  visits: 5,
  lastVisitDay: "2026-06-10",
  lastSatisfactionAt: null,
  lastNpsAt: null,
  ...over,
});

describe("dueQuestion: satisfaction", () => {
  it("asks nothing when the program has no question on", () => {
    expect(dueQuestion(off, facts())).toBeNull();
    expect(refusal("SATISFACTION", off, facts())).toBe("notDue");
  });

  it("asks 'Hoe was je bezoek vandaag?' on a day with a visit", () => {
    expect(dueQuestion(satisfaction, facts())).toEqual({ kind: "SATISFACTION" });
  });

  it("asks nothing on a day without a visit (the last one was yesterday)", () => {
    expect(dueQuestion(satisfaction, facts({ lastVisitDay: "2026-06-09" }))).toBeNull();
    expect(dueQuestion(satisfaction, facts({ lastVisitDay: null, visits: 0 }))).toBeNull();
    expect(refusal("SATISFACTION", satisfaction, facts({ lastVisitDay: "2026-06-09" }))).toBe("notDue");
  });

  it("at most weekly: answered 6 days 23 hours ago → not yet; exactly 7 days ago → again", () => {
    expect(dueQuestion(satisfaction, facts({ lastSatisfactionAt: hours(6 * 24 + 23) }))).toBeNull();
    expect(refusal("SATISFACTION", satisfaction, facts({ lastSatisfactionAt: hours(6 * 24 + 23) }))).toBe("alreadyAnswered");
    expect(dueQuestion(satisfaction, facts({ lastSatisfactionAt: days(7) }))).toEqual({ kind: "SATISFACTION" });
  });

  it("takes 'today' in the merchant's timezone: 00:30 on 30 March (just after the DST switch) is not the 29th", () => {
    const night = new Date("2026-03-29T22:30:00Z"); // 00:30 on 30 March in Amsterdam (UTC+2)
    expect(localDay(night, TZ)).toBe("2026-03-30");
    expect(dueQuestion(satisfaction, facts({ now: night, lastVisitDay: "2026-03-29" }))).toBeNull();
    expect(dueQuestion(satisfaction, facts({ now: night, lastVisitDay: "2026-03-30" }))).toEqual({ kind: "SATISFACTION" });
  });
});

describe("dueQuestion: NPS and CLI", () => {
  it("asks from the surveyNpsAfterVisits-th visit: not at visit 2, yes at visit 3", () => {
    expect(dueQuestion(nps, facts({ visits: 2 }))).toBeNull();
    expect(refusal("NPS", nps, facts({ visits: 2 }))).toBe("notDue");
    expect(dueQuestion(nps, facts({ visits: 3 }))).toEqual({ kind: "NPS", cli: false });
  });

  it("follows the program's own trigger (from the 1st visit)", () => {
    expect(dueQuestion({ ...nps, surveyNpsAfterVisits: 1 }, facts({ visits: 1 }))).toEqual({ kind: "NPS", cli: false });
    expect(dueQuestion({ ...nps, surveyNpsAfterVisits: 1 }, facts({ visits: 0, lastVisitDay: null }))).toBeNull();
  });

  it("needs no visit today (the question is about the café, not the visit)", () => {
    expect(dueQuestion(nps, facts({ lastVisitDay: "2026-05-01" }))).toEqual({ kind: "NPS", cli: false });
  });

  it("asks again only after surveyNpsEveryDays: 89 days → not yet, 90 days → again", () => {
    expect(dueQuestion(nps, facts({ lastNpsAt: days(89) }))).toBeNull();
    expect(refusal("NPS", nps, facts({ lastNpsAt: days(89) }))).toBe("alreadyAnswered");
    expect(dueQuestion(nps, facts({ lastNpsAt: days(90) }))).toEqual({ kind: "NPS", cli: false });
    expect(dueQuestion({ ...nps, surveyNpsEveryDays: 30 }, facts({ lastNpsAt: days(30) }))).toEqual({ kind: "NPS", cli: false });
  });

  it("adds the two CLI questions only when surveyCli is on", () => {
    expect(dueQuestion({ ...nps, surveyCli: true }, facts())).toEqual({ kind: "NPS", cli: true });
    expect(dueQuestion({ ...nps, surveyCli: false }, facts())).toEqual({ kind: "NPS", cli: false });
  });
});

describe("dueQuestion: one question at a time", () => {
  it("NPS beats satisfaction when both are due", () => {
    expect(dueQuestion(both, facts())).toEqual({ kind: "NPS", cli: false });
    expect(refusal("SATISFACTION", both, facts())).toBe("notDue");
  });

  it("satisfaction when NPS is not due (answered last month)", () => {
    expect(dueQuestion(both, facts({ lastNpsAt: days(30) }))).toEqual({ kind: "SATISFACTION" });
  });

  it("nothing more that local day after an answer: NPS an hour ago → no satisfaction question today", () => {
    expect(dueQuestion(both, facts({ lastNpsAt: hours(1) }))).toBeNull();
    expect(refusal("SATISFACTION", both, facts({ lastNpsAt: hours(1) }))).toBe("alreadyAnswered");
    // Yesterday evening's answer (23:30 local) does not count for today.
    const lateYesterday = new Date("2026-06-09T21:30:00Z");
    expect(dueQuestion({ ...both, surveyNpsEveryDays: 7 }, facts({ lastNpsAt: lateYesterday }))).toEqual({ kind: "SATISFACTION" });
  });
});

describe("SurveyAnswerRequest", () => {
  const issues = (v: unknown) => SurveyAnswerRequest.safeParse(v).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);

  it("takes a satisfaction 1–5 and an NPS 0–10, as numbers or as form text", () => {
    expect(SurveyAnswerRequest.parse({ kind: "SATISFACTION", score: 5 })).toEqual({ kind: "SATISFACTION", score: 5 });
    expect(SurveyAnswerRequest.parse({ kind: "NPS", score: "0", comeBack: "10", tryOther: " 7 " })).toEqual({
      kind: "NPS",
      score: 0,
      comeBack: 10,
      tryOther: 7,
    });
  });

  it("refuses scores out of range or not whole numbers", () => {
    expect(issues({ kind: "SATISFACTION", score: 0 })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "SATISFACTION", score: 6 })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: 11 })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: -1 })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: "-1" })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: "x" })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: 7.5 })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: true })).toEqual(["score:scoreRange"]);
    expect(issues({ kind: "NPS", score: 8, comeBack: 12 })).toEqual(["comeBack:scoreRange"]);
  });

  it("asks for a score when none was picked, and knows only its two questions", () => {
    expect(issues({ kind: "NPS" })).toEqual(["score:scoreRequired"]);
    expect(issues({ kind: "NPS", score: "" })).toEqual(["score:scoreRequired"]);
    expect(issues({ kind: "QUIZ", score: 3 })).toEqual(["kind:kindInvalid"]);
    expect(issues({ score: 3 })).toEqual(["kind:kindInvalid"]);
  });

  it("trims the comment, drops an empty one and refuses more than 1000 characters; blank CLI answers are skipped", () => {
    expect(SurveyAnswerRequest.parse({ kind: "NPS", score: 9, comment: "  Lekkere koffie!  ", comeBack: "", tryOther: "" })).toEqual({
      kind: "NPS",
      score: 9,
      comment: "Lekkere koffie!",
    });
    expect(SurveyAnswerRequest.parse({ kind: "NPS", score: 9, comment: "   " })).toEqual({ kind: "NPS", score: 9 });
    expect(SurveyAnswerRequest.parse({ kind: "NPS", score: 9, comment: ` ${"a".repeat(1000)} ` }).comment).toHaveLength(1000);
    expect(issues({ kind: "NPS", score: 9, comment: "a".repeat(1001) })).toEqual(["comment:commentTooLong"]);
  });
});

const render = (locale: "nl" | "en", el: ReactElement) =>
  renderToStaticMarkup(
    // A .ts test has no JSX; the provider's props type wants `children` as a prop.
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale, messages: locale === "nl" ? nl : en, timeZone: TZ, children: el }),
  ).replace(/<!-- -->/g, "");

describe("the question on the web card", () => {
  const token = "tok_0123456789abcdefghij";
  const page = (locale: "nl" | "en", question: SurveyQuestion) => {
    const t = createTranslator({ locale, messages: locale === "nl" ? nl : en }) as unknown as Parameters<typeof webCardPage>[0];
    const view: WebCardView = {
      token,
      serial: "ABCD-1234",
      customerName: "Anna",
      design: {
        merchantName: "De Hoek",
        name: "Koffiekaart",
        rewardText: "Gratis koffie",
        stampsRequired: 10,
        intermediateStamp: null,
        intermediateRewardText: null,
        backgroundColor: "#1c1917",
        foregroundColor: "#ffffff",
        labelColor: "#f59e0b",
        stampIcon: "coffee",
        logoUrl: null,
        stripUrl: null,
      },
      counters: { stampCount: 3, rewardsAvailable: 0, intermediateAvailable: 0 },
      qr: "<svg></svg>",
      welcome: false,
      surveyOnTop: false,
      survey: { show: "question", question },
      message: null,
      merged: null,
      apple: { shown: false, devNote: false },
      google: false,
      share: null,
      cardUrl: `https://stempel.example.nl/c/${token}`,
      events: [],
      terms: null,
      business: { name: "De Hoek", address: null, phone: null, email: null, website: null },
      privacyContactEmail: null,
    };
    return webCardPage(t, locale, view);
  };

  it("satisfaction: a plain form whose five buttons each send the answer (one tap, no JavaScript needed)", () => {
    const html = page("nl", { kind: "SATISFACTION" });
    const form = /<form [^>]*>/.exec(html)![0];
    expect(form).toContain(`action="/c/${token}/survey"`);
    expect(form).toContain('method="post"');
    expect(html).toContain("Hoe was je bezoek vandaag?");
    expect(html).toContain('<input type="hidden" name="kind" value="SATISFACTION">');
    expect(html.match(/<button type="submit" name="score" value="[1-5]"/g)).toHaveLength(5);
    // Our messages, not the browser's (tests/unit/forms.test.ts).
    expect(form).toMatch(/novalidate/);
    expect(html).toMatch(/<button type="submit" name="later" value="1"/);
    expect(html).toContain("Niet nu");
  });

  it("NPS: a 0–10 row of radio buttons (the script asks for a score) and a comment; the CLI rows, optional, only with CLI on", () => {
    const plain = page("nl", { kind: "NPS", cli: false });
    expect(plain).toContain("Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?");
    expect(plain.match(/<input type="radio" name="score" value="\d+">/g)).toHaveLength(11);
    expect(/<form [^>]*>/.exec(plain)![0]).toContain('data-needs="score"');
    expect(plain).toMatch(/<p id="score-error" class="small bad" role="alert" hidden>Kies een cijfer.<\/p>/);
    expect(plain).toContain('name="comment"');
    expect(plain).not.toContain('name="comeBack"');
    const cli = page("en", { kind: "NPS", cli: true });
    expect(cli.match(/<input type="radio" name="comeBack" value="\d+">/g)).toHaveLength(11);
    expect(cli.match(/<input type="radio" name="tryOther" value="\d+">/g)).toHaveLength(11);
    expect(cli).toContain("Will you come back here?");
    expect(cli).toContain("Would you try our other products too?");
  });
});

describe("the designer's questions for customers", () => {
  const defaults = designerValues(null, { name: "Koffiekaart", rewardText: "Gratis koffie" });

  it("starts with every question off, the NPS trigger at the 3rd visit and every 90 days", () => {
    expect(defaults).toMatchObject({
      surveySatisfaction: "false",
      surveyNps: "false",
      surveyNpsAfterVisits: "3",
      surveyNpsEveryDays: "90",
      surveyCli: "false",
    });
    const html = render("nl", createElement(SurveyFields, { values: defaults, errors: {}, onChange: () => {} }));
    expect(html).toContain("Vragen aan klanten");
    expect(html).not.toContain('name="surveyNpsAfterVisits"');
  });

  it("with NPS on: says when it is asked from the values typed, and each number's own message", () => {
    const html = render(
      "nl",
      createElement(SurveyFields, {
        values: { ...defaults, surveyNps: "true", surveyNpsAfterVisits: "5", surveyNpsEveryDays: "3" },
        errors: { surveyNpsEveryDays: ["ruleRange"] },
        onChange: () => {},
      }),
    );
    expect(html).toContain("Vanaf het 5e bezoek, daarna hoogstens elke 3 dagen.");
    expect(html).toContain("Kies 7 tot 730 dagen.");
    expect(html).toMatch(/id="surveyNpsEveryDays"[^>]*aria-invalid="true"/);
    expect(html).toContain('name="surveyCli"');
  });

  it("the server checks the same ranges, and CLI goes with NPS only", () => {
    const valid = {
      name: "Koffiekaart",
      stampsRequired: 10,
      rewardText: "Gratis koffie",
      backgroundColor: "#000000",
      foregroundColor: "#ffffff",
      labelColor: "#ffffff",
      stampIcon: "coffee",
    };
    const parsed = ProgramDesignRequest.parse({ ...valid, surveyNps: "true", surveyCli: "true", surveyNpsAfterVisits: "2", surveyNpsEveryDays: "30" });
    expect(parsed).toMatchObject({ surveySatisfaction: false, surveyNps: true, surveyCli: true, surveyNpsAfterVisits: 2, surveyNpsEveryDays: 30 });
    const issues = (v: object) => ProgramDesignRequest.safeParse({ ...valid, ...v }).error?.issues.map((i) => String(i.path[0]));
    expect(issues({ surveyNpsEveryDays: "6" })).toEqual(["surveyNpsEveryDays"]);
    expect(issues({ surveyNpsAfterVisits: "0" })).toEqual(["surveyNpsAfterVisits"]);
    expect(issues({ surveyNpsAfterVisits: "" })).toEqual(["surveyNpsAfterVisits"]);
  });
});
