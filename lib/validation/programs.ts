// The card designer's input, shared by the form and the server actions.
import { z } from "zod";
import { SURVEY_SETTINGS } from "./surveys";

export const STAMP_ICONS = ["coffee", "star", "heart", "croissant", "scissors", "check"] as const;
export const FIELD_MODES = ["hidden", "optional", "required"] as const;
export type FieldMode = (typeof FIELD_MODES)[number];

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalInt = (min: number, max: number, message: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ message }).int(message).min(min, message).max(max, message).optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, "tooLong").optional());
const hex = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "colorInvalid")
  .transform((c) => c.toLowerCase());
// Unchecked boxes are simply absent from form data.
const checkbox = z
  .any()
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** The stamp rules' ranges and defaults: the form, the server and the designer's hints read these. */
export const STAMP_RULES = {
  visitMinutes: { min: 1, max: 1440, default: 30 },
  maxStampsPerVisit: { min: 1, max: 100, default: 10 },
  maxStampsPerDay: { min: 1, max: 100, default: 15 },
  undoWindowSeconds: { min: 0, max: 3600, default: 120 },
} as const;

/** A rule's number: absent takes the default, an emptied field is an error (not a silent 0). */
const rule = (r: { min: number; max: number; default: number }) =>
  z.preprocess(
    (v) => (v === "" ? Number.NaN : v),
    z.coerce.number({ message: "ruleRange" }).int("ruleRange").min(r.min, "ruleRange").max(r.max, "ruleRange").default(r.default),
  );

export const ProgramDesignRequest = z
  .object({
    name: z.string().trim().min(2, "programNameRequired").max(40, "tooLong"),
    description: optionalText(200),
    stampsRequired: z.coerce.number({ message: "stampsRange" }).int("stampsRange").min(2, "stampsRange").max(30, "stampsRange"),
    rewardText: z.string().trim().min(2, "rewardRequired").max(60, "tooLong"),
    intermediateStamp: optionalInt(1, 29, "intermediateRange"),
    intermediateRewardText: optionalText(60),
    stampExpiryMonths: optionalInt(1, 36, "expiryRange"),
    backgroundColor: hex,
    foregroundColor: hex,
    labelColor: hex,
    stampIcon: z.enum(STAMP_ICONS, { message: "invalid" }),
    terms: optionalText(2000),
    emailField: z.enum(FIELD_MODES).default("optional"),
    phoneField: z.enum(FIELD_MODES).default("hidden"),
    birthdayField: z.enum(FIELD_MODES).default("hidden"),
    marketingConsent: checkbox,
    consentText: optionalText(500),
    // Stamp rules (server-enforced on every tablet stamp, lib/stamping/rules.ts). The
    // designer shows each field's own message (components/cards/stamp-rules-fields.tsx).
    visitMinutes: rule(STAMP_RULES.visitMinutes),
    maxStampsPerVisit: rule(STAMP_RULES.maxStampsPerVisit),
    maxStampsPerDay: rule(STAMP_RULES.maxStampsPerDay),
    undoWindowSeconds: rule(STAMP_RULES.undoWindowSeconds),
    requirePinToRedeem: checkbox,
    // Questions to customers (lib/surveys, components/cards/survey-fields.tsx).
    surveySatisfaction: checkbox,
    surveyNps: checkbox,
    surveyNpsAfterVisits: rule(SURVEY_SETTINGS.surveyNpsAfterVisits),
    surveyNpsEveryDays: rule(SURVEY_SETTINGS.surveyNpsEveryDays),
    surveyCli: checkbox,
    logoKey: optionalText(200),
    iconKey: optionalText(200),
    stripKey: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.intermediateStamp !== undefined && v.intermediateStamp >= v.stampsRequired) {
      ctx.addIssue({ code: "custom", path: ["intermediateStamp"], message: "intermediateRange" });
    }
    if (v.intermediateStamp !== undefined && !v.intermediateRewardText) {
      ctx.addIssue({ code: "custom", path: ["intermediateRewardText"], message: "intermediateRewardRequired" });
    }
    // A visit allowing more than the whole day would never apply: say so rather than store it.
    if (v.maxStampsPerVisit > v.maxStampsPerDay) ctx.addIssue({ code: "custom", path: ["maxStampsPerVisit"], message: "visitOverDay" });
  });
export type ProgramDesignRequest = z.infer<typeof ProgramDesignRequest>;

export const ProgramIdRequest = z.object({ programId: z.string().regex(/^[a-z0-9]{20,40}$/i, "invalid") });

export const ENROLLMENT_SOURCES = ["POSTER", "TABLE_TENT", "COUNTER", "WEBSITE", "SOCIAL", "REFERRAL"] as const;
export const SourceParam = z.enum(ENROLLMENT_SOURCES).catch("POSTER");

export const ImageKind = z.enum(["logo", "icon", "strip"]);
export type ImageKind = z.infer<typeof ImageKind>;

/** The form's fields config as stored on CardProgram.formFields. */
export type FormFields = { email: FieldMode; phone: FieldMode; birthday: FieldMode; marketingConsent: boolean };
