// Inputs of the customer detail page (dashboard → Klanten → a customer): the
// profile form, a balance correction, a merge and the export options. Used by
// the browser forms (instant feedback) and again by lib/customers/*. Messages
// are keys under "customers.errors" (lib/i18n/messages/{nl,en}/customers.json).
import { z } from "zod";
import { normalizePhone } from "./enrollment";
import { EntityId } from "./ids";

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

export const ProfileInput = z.object({
  name: z.string({ message: "nameRequired" }).trim().min(1, "nameRequired").max(80, "tooLong"),
  email: z.preprocess(blank, z.string().trim().toLowerCase().max(200, "tooLong").email("emailInvalid").optional()),
  phone: z.preprocess(
    blank,
    z
      .string()
      .transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: "phoneInvalid" }), z.NEVER))
      .optional(),
  ),
  birthday: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "birthdayInvalid")
      .refine((v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getUTCFullYear() >= 1900 && d.getTime() < Date.now();
      }, "birthdayInvalid")
      .optional(),
  ),
});
export type ProfileInput = z.output<typeof ProfileInput>;

/** How far one correction may move a counter, either way. */
export const MAX_CORRECTION = 100;

const delta = z.preprocess(
  (v) => (blank(v) === undefined ? 0 : typeof v === "string" ? Number(v.trim()) : v),
  z.number({ message: "amountInvalid" }).int("amountInvalid").min(-MAX_CORRECTION, "amountRange").max(MAX_CORRECTION, "amountRange"),
);

/**
 * A manual correction of one card: stamps, main rewards and intermediate rewards
 * to add (positive) or take off (negative), with the reason, which is required.
 * `requestId` (made by the form) makes a double submit one correction.
 */
export const CorrectionInput = z
  .object({
    cardId: EntityId,
    stamps: delta,
    rewards: delta,
    intermediate: delta,
    reason: z.string({ message: "reasonRequired" }).trim().min(3, "reasonRequired").max(200, "tooLong"),
    requestId: z.preprocess(blank, z.string().uuid("invalid").optional()),
  })
  .refine((c) => c.stamps !== 0 || c.rewards !== 0 || c.intermediate !== 0, { message: "nothingToCorrect", path: ["stamps"] });
export type CorrectionInput = z.output<typeof CorrectionInput>;

/** Merging two cards of one program: `mergedCardId`'s balance moves to `survivorCardId`. */
export const MergeInput = z
  .object({ survivorCardId: EntityId, mergedCardId: EntityId })
  .refine((m) => m.survivorCardId !== m.mergedCardId, { message: "mergeSameCard", path: ["mergedCardId"] });
export type MergeInput = z.output<typeof MergeInput>;

/** Export options, beside the list's filter in the same query string. */
export const ExportOptions = z.object({
  /** ";" for Dutch Excel (the default), "," for everything else. */
  sep: z.enum(["semicolon", "comma"]).catch("semicolon"),
  /** A marketing export: the consent columns are included. */
  marketing: z
    .enum(["1", "0"])
    .catch("0")
    .transform((v) => v === "1"),
});
export type ExportOptions = z.output<typeof ExportOptions>;
