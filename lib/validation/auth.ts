// One schema per input, shared by the form (client) and the server action.
// Messages are keys under "validation" in lib/i18n/messages/*.json.
import { z } from "zod";
import { AddressFields } from "./address";

export const PASSWORD_MIN = 10;

const email = z.string().trim().toLowerCase().max(200, "tooLong").email("emailInvalid");
const password = z.string().min(PASSWORD_MIN, "passwordTooShort").max(200, "tooLong");

// Unchecked boxes are simply absent from form data; the browser check sends `true` on.
const checked = (message: string) =>
  z
    .any()
    .optional()
    .transform((v) => v === true || v === "on" || v === "true")
    .refine((v) => v, message);

export const SignUpRequest = z.object({
  name: z.string().trim().min(1, "nameRequired").max(100, "tooLong"),
  email,
  password,
  businessName: z.string().trim().min(2, "businessNameRequired").max(100, "tooLong"),
  // The shop: its first location, so the tablet has something to pair to on day one.
  ...AddressFields,
  // The data processing agreement (lib/legal/dpa.ts): no account without it.
  dpaAccepted: checked("dpaRequired"),
});
export type SignUpRequest = z.infer<typeof SignUpRequest>;

export const SignInRequest = z.object({
  email,
  password: z.string().min(1, "passwordRequired").max(200, "tooLong"),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const PasswordResetRequest = z.object({ email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetConfirm = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "tokenInvalid"),
  password,
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

export const LocaleRequest = z.object({ locale: z.enum(["nl", "en"]) });

export const SwitchOrganizationRequest = z.object({ organizationId: z.string().min(1).max(40) });
