// The customer's sign-up form. Which fields exist and which are required is the
// merchant's choice (CardProgram.formFields), so the schema is built from it —
// the same function builds it in the browser and on the server.
import { z } from "zod";
import type { FieldMode, FormFields } from "./programs";
import { ENROLLMENT_SOURCES } from "./programs";

/** Dutch mobile numbers typed as 06…, 0031…, +31 6 …  →  +316…; other countries must start with +. */
export function normalizePhone(raw: string): string | null {
  let p = raw.replace(/[\s().-]/g, "");
  if (p.startsWith("00")) p = `+${p.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(p)) p = `+31${p.slice(1)}`;
  return /^\+[1-9]\d{7,14}$/.test(p) ? p : null;
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function optionalBy<T extends z.ZodType<unknown, string>>(mode: FieldMode, schema: T, requiredKey: string) {
  if (mode === "hidden")
    return z
      .any()
      .optional()
      .transform(() => undefined);
  if (mode === "required") return z.preprocess((v) => blank(v) ?? "", z.string().min(1, requiredKey).pipe(schema));
  return z.preprocess(blank, schema.optional());
}

const email = z.string().trim().toLowerCase().max(200, "tooLong").email("emailInvalid");
const phone = z.string().transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: "phoneInvalid" }), z.NEVER));
const birthday = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "birthdayInvalid")
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900 && d.getTime() < Date.now(), "birthdayInvalid");
// Unchecked boxes are simply absent from form data.
const checkbox = z
  .any()
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export function enrollmentSchema(fields: FormFields) {
  return z.object({
    token: z.string().min(10, "formExpired").max(300, "formExpired"),
    source: z
      .string()
      .optional()
      .transform((s) =>
        (ENROLLMENT_SOURCES as readonly string[]).includes((s ?? "").toUpperCase())
          ? ((s ?? "").toUpperCase() as (typeof ENROLLMENT_SOURCES)[number])
          : "POSTER",
      ),
    // Honeypot: invisible to people, filled in by naive bots.
    website: z.string().max(0, "botDetected").optional(),
    name: z.string().trim().min(1, "customerNameRequired").max(80, "tooLong"),
    email: optionalBy(fields.email, email, "emailRequired"),
    phone: optionalBy(fields.phone, phone, "phoneRequired"),
    birthday: optionalBy(fields.birthday, birthday, "birthdayRequired"),
    marketingConsent: fields.marketingConsent
      ? checkbox
      : z
          .any()
          .optional()
          .transform(() => false),
    termsAccepted: checkbox.refine((v) => v, "termsRequired"),
  });
}
export type EnrollmentRequest = z.infer<ReturnType<typeof enrollmentSchema>>;
