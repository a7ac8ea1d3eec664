"use server";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { clientIp } from "@/lib/auth/client-ip";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/sign-up";
import { runAction } from "@/lib/actions/result";
import type { z } from "zod";
import type { PasswordResetConfirm, PasswordResetRequest, SignUpRequest } from "@/lib/validation/auth";

async function ip() {
  const h = await headers();
  return clientIp((n) => h.get(n));
}

export async function signUpAction(input: z.input<typeof SignUpRequest>) {
  return runAction(async () => {
    await signUp(input, { ip: await ip(), locale: await getLocale() });
    return null;
  });
}

export async function requestPasswordResetAction(input: z.input<typeof PasswordResetRequest>) {
  return runAction(async () => {
    await requestPasswordReset(input, { ip: await ip() });
    return null;
  });
}

export async function resetPasswordAction(input: z.input<typeof PasswordResetConfirm>) {
  return runAction(async () => {
    await resetPassword(input);
    return null;
  });
}
