// A customer's answer to the question on their web card (lib/surveys), and the
// program's survey settings in the card designer. Messages are keys under
// "survey.errors" (answers) and "survey.settings.errors" (settings).
import { z } from "zod";

export const SURVEY_KINDS = ["SATISFACTION", "NPS"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const COMMENT_MAX = 1000;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
/** A whole number sent as a number or as form text ("7"); blank is no answer; anything else is left for z.number to refuse. */
const wholeNumber = (v: unknown) => (typeof v === "string" && /^\s*-?\d{1,4}\s*$/.test(v) ? Number(v) : blankToUndefined(v));

const number = (min: number, max: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "scoreRequired" : "scoreRange") })
    .int("scoreRange")
    .min(min, "scoreRange")
    .max(max, "scoreRange");
/** A score `min`–`max`: missing → "scoreRequired", anything else out of range or not a whole number → "scoreRange". */
const score = (min: number, max: number) => z.preprocess(wholeNumber, number(min, max));
/** The CLI questions may be skipped: blank is no answer, not a 0. */
const optionalScore = (min: number, max: number) => z.preprocess(wholeNumber, number(min, max).optional());

const comment = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "commentInvalid" })
    .trim()
    .max(COMMENT_MAX, "commentTooLong")
    .optional()
    .transform((c) => c || undefined),
);

export const SurveyAnswerRequest = z.discriminatedUnion(
  "kind",
  [
    // "Hoe was je bezoek vandaag?": one tap, 1–5.
    z.object({ kind: z.literal("SATISFACTION"), score: score(1, 5), comment }),
    // "Hoe waarschijnlijk is het dat je ons aanbeveelt …?" 0–10, and with CLI on the two more questions.
    z.object({ kind: z.literal("NPS"), score: score(0, 10), comeBack: optionalScore(0, 10), tryOther: optionalScore(0, 10), comment }),
  ],
  { error: "kindInvalid" },
);
export type SurveyAnswerRequest = z.infer<typeof SurveyAnswerRequest>;

/** The settings' ranges and defaults (the database checks the same: migration 20261126020000_insights). */
export const SURVEY_SETTINGS = {
  surveyNpsAfterVisits: { min: 1, max: 100, default: 3 },
  surveyNpsEveryDays: { min: 7, max: 730, default: 90 },
} as const;
