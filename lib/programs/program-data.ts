import type { Prisma } from "@/lib/generated/prisma/client";
import { STAMP_RULES, type FormFields, type ProgramDesignRequest } from "@/lib/validation/programs";
import { SURVEY_SETTINGS } from "@/lib/validation/surveys";

/** Designer input → CardProgram columns. */
export function programData(input: ProgramDesignRequest) {
  const formFields: FormFields = {
    email: input.emailField,
    phone: input.phoneField,
    birthday: input.birthdayField,
    marketingConsent: input.marketingConsent,
  };
  return {
    name: input.name,
    description: input.description ?? null,
    stampsRequired: input.stampsRequired,
    rewardText: input.rewardText,
    intermediateStamp: input.intermediateStamp ?? null,
    intermediateRewardText: input.intermediateStamp ? (input.intermediateRewardText ?? null) : null,
    stampExpiryMonths: input.stampExpiryMonths ?? null,
    backgroundColor: input.backgroundColor,
    foregroundColor: input.foregroundColor,
    labelColor: input.labelColor,
    stampIcon: input.stampIcon,
    terms: input.terms ?? null,
    consentText: input.consentText ?? null,
    formFields: formFields as Prisma.InputJsonValue,
    logoKey: input.logoKey ?? null,
    iconKey: input.iconKey ?? null,
    stripKey: input.stripKey ?? null,
    visitMinutes: input.visitMinutes,
    maxStampsPerVisit: input.maxStampsPerVisit,
    maxStampsPerDay: input.maxStampsPerDay,
    undoWindowSeconds: input.undoWindowSeconds,
    requirePinToRedeem: input.requirePinToRedeem,
    surveySatisfaction: input.surveySatisfaction,
    surveyNps: input.surveyNps,
    surveyNpsAfterVisits: input.surveyNpsAfterVisits,
    surveyNpsEveryDays: input.surveyNpsEveryDays,
    // The CLI questions come with the NPS question only.
    surveyCli: input.surveyNps && input.surveyCli,
  };
}

export type ProgramDesign = ReturnType<typeof programData>;

const DESIGN_KEYS = [
  "name",
  "description",
  "stampsRequired",
  "rewardText",
  "intermediateStamp",
  "intermediateRewardText",
  "stampExpiryMonths",
  "backgroundColor",
  "foregroundColor",
  "labelColor",
  "stampIcon",
  "terms",
  "consentText",
  "formFields",
  "logoKey",
  "iconKey",
  "stripKey",
] as const;

/** The design part of a program row, as stored in CardProgramVersion.design. */
export function designSnapshot(program: Record<(typeof DESIGN_KEYS)[number], unknown>): Prisma.InputJsonValue {
  return Object.fromEntries(DESIGN_KEYS.map((k) => [k, program[k] ?? null])) as Prisma.InputJsonValue;
}

export function readFormFields(value: unknown): FormFields {
  const v = (value ?? {}) as Partial<FormFields>;
  return { email: v.email ?? "optional", phone: v.phone ?? "hidden", birthday: v.birthday ?? "hidden", marketingConsent: v.marketingConsent ?? true };
}

type ProgramRow = {
  name: string;
  description: string | null;
  stampsRequired: number;
  rewardText: string;
  intermediateStamp: number | null;
  intermediateRewardText: string | null;
  stampExpiryMonths: number | null;
  backgroundColor: string;
  foregroundColor: string;
  labelColor: string;
  stampIcon: string;
  terms: string | null;
  consentText: string | null;
  formFields: unknown;
  logoKey: string | null;
  iconKey: string | null;
  stripKey: string | null;
  visitMinutes: number;
  maxStampsPerVisit: number;
  maxStampsPerDay: number;
  undoWindowSeconds: number;
  requirePinToRedeem: boolean;
  surveySatisfaction: boolean;
  surveyNps: boolean;
  surveyNpsAfterVisits: number;
  surveyNpsEveryDays: number;
  surveyCli: boolean;
};

/** A program as the designer form's string values (new programs get sensible defaults). */
export function designerValues(p: ProgramRow | null, defaults: { name: string; rewardText: string }): Record<string, string> {
  const f = readFormFields(p?.formFields);
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    name: p?.name ?? defaults.name,
    description: s(p?.description),
    stampsRequired: s(p?.stampsRequired ?? 10),
    rewardText: p?.rewardText ?? defaults.rewardText,
    intermediateStamp: s(p?.intermediateStamp),
    intermediateRewardText: s(p?.intermediateRewardText),
    stampExpiryMonths: s(p?.stampExpiryMonths),
    backgroundColor: p?.backgroundColor ?? "#3b2a20",
    foregroundColor: p?.foregroundColor ?? "#ffffff",
    labelColor: p?.labelColor ?? "#f5d7a1",
    stampIcon: p?.stampIcon ?? "coffee",
    terms: s(p?.terms),
    consentText: s(p?.consentText),
    emailField: f.email,
    phoneField: f.phone,
    birthdayField: f.birthday,
    marketingConsent: String(f.marketingConsent),
    logoKey: s(p?.logoKey),
    iconKey: s(p?.iconKey),
    stripKey: s(p?.stripKey),
    visitMinutes: s(p?.visitMinutes ?? STAMP_RULES.visitMinutes.default),
    maxStampsPerVisit: s(p?.maxStampsPerVisit ?? STAMP_RULES.maxStampsPerVisit.default),
    maxStampsPerDay: s(p?.maxStampsPerDay ?? STAMP_RULES.maxStampsPerDay.default),
    undoWindowSeconds: s(p?.undoWindowSeconds ?? STAMP_RULES.undoWindowSeconds.default),
    requirePinToRedeem: String(p?.requirePinToRedeem ?? false),
    surveySatisfaction: String(p?.surveySatisfaction ?? false),
    surveyNps: String(p?.surveyNps ?? false),
    surveyNpsAfterVisits: s(p?.surveyNpsAfterVisits ?? SURVEY_SETTINGS.surveyNpsAfterVisits.default),
    surveyNpsEveryDays: s(p?.surveyNpsEveryDays ?? SURVEY_SETTINGS.surveyNpsEveryDays.default),
    surveyCli: String(p?.surveyCli ?? false),
  };
}
