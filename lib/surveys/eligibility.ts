// Which question (if any) a customer's web card asks now. Pure: the facts are
// read by ./survey-state.ts, the answer endpoint checks the same rules again
// (./answer-survey.ts), and tests/unit/survey-eligibility.test.ts walks the matrix.
//
// - Satisfaction ("Hoe was je bezoek vandaag?" 1–5): the program has it on, the
//   customer has a visit today (the merchant's local day) and gave no
//   satisfaction answer in the last 7 × 24 hours.
// - NPS (0–10, with the two CLI questions when surveyCli is on): the program has
//   it on, the customer has at least surveyNpsAfterVisits visits, and their last
//   NPS answer is at least surveyNpsEveryDays × 24 hours ago (or there is none).
// - One question at a time: NPS beats satisfaction, and after any answer
//   nothing more is asked that local day (no second question right after the first).
import type { SurveyKind } from "@/lib/validation/surveys";

/** At most one satisfaction answer a week: often enough to follow a café's service, rare enough not to annoy. */
export const SATISFACTION_EVERY_DAYS = 7;
const DAY_MS = 86_400_000;

export type SurveySettings = {
  surveySatisfaction: boolean;
  surveyNps: boolean;
  surveyNpsAfterVisits: number;
  surveyNpsEveryDays: number;
  surveyCli: boolean;
};

export type SurveyFacts = {
  now: Date;
  /** The merchant's timezone: "today" is their local day. */
  timezone: string;
  /** The customer's visits so far (Visit rows: local days with stamps that stand). */
  visits: number;
  /** The local day ('YYYY-MM-DD') of their latest visit. */
  lastVisitDay: string | null;
  lastSatisfactionAt: Date | null;
  lastNpsAt: Date | null;
};

export type SurveyQuestion = { kind: "SATISFACTION" } | { kind: "NPS"; cli: boolean };

/** `at` as the local day 'YYYY-MM-DD' in `timezone`. */
export function localDay(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

const olderThan = (at: Date | null, days: number, now: Date) => at === null || now.getTime() - at.getTime() >= days * DAY_MS;

function answeredToday(f: SurveyFacts): boolean {
  const today = localDay(f.now, f.timezone);
  return [f.lastSatisfactionAt, f.lastNpsAt].some((at) => at !== null && localDay(at, f.timezone) === today);
}

const npsDue = (s: SurveySettings, f: SurveyFacts) => s.surveyNps && f.visits >= s.surveyNpsAfterVisits && olderThan(f.lastNpsAt, s.surveyNpsEveryDays, f.now);

const satisfactionDue = (s: SurveySettings, f: SurveyFacts) =>
  s.surveySatisfaction && f.lastVisitDay === localDay(f.now, f.timezone) && olderThan(f.lastSatisfactionAt, SATISFACTION_EVERY_DAYS, f.now);

/** The question to ask now, or null. */
export function dueQuestion(s: SurveySettings, f: SurveyFacts): SurveyQuestion | null {
  if (answeredToday(f)) return null;
  if (npsDue(s, f)) return { kind: "NPS", cli: s.surveyCli };
  if (satisfactionDue(s, f)) return { kind: "SATISFACTION" };
  return null;
}

/**
 * Why an answer of `kind` is refused when it is not the due question: the
 * customer already answered (it, or another question today), or it is not asked now.
 */
export function refusal(kind: SurveyKind, s: SurveySettings, f: SurveyFacts): "alreadyAnswered" | "notDue" {
  const answered =
    answeredToday(f) ||
    (kind === "SATISFACTION" ? !olderThan(f.lastSatisfactionAt, SATISFACTION_EVERY_DAYS, f.now) : !olderThan(f.lastNpsAt, s.surveyNpsEveryDays, f.now));
  return answered ? "alreadyAnswered" : "notDue";
}
