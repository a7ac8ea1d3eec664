import { createHash, randomBytes } from "node:crypto";
import { globalDb } from "@/lib/tenancy/global-db";
import { sendEmail } from "@/lib/email/send-email";
import { renderPasswordResetEmail } from "@/lib/email/templates/password-reset";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { logger } from "@/lib/log/logger";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { PasswordResetConfirm, PasswordResetRequest } from "@/lib/validation/auth";
import { hashPassword } from "./password";
import type { z } from "zod";

const TOKEN_TTL_MS = 60 * 60 * 1000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The email is a template (lib/email/templates), in the user's own language. */
type Meta = { ip: string };

/**
 * Emails a reset link if the account exists. The answer is the same either
 * way and comes before any of that work: the lookup, the token and the mail
 * (awaited SMTP would take longer only for real accounts) happen after the
 * request has been answered. The mail is in the outbox first, so a slow or
 * failing server loses nothing.
 */
export async function requestPasswordReset(input: z.input<typeof PasswordResetRequest>, meta: Meta) {
  const { email } = PasswordResetRequest.parse(input);
  await enforce([LIMITS.resetPerIp, meta.ip], [LIMITS.resetPerEmail, email]);
  void sendResetLink(email).catch((e: unknown) => logger.error({ err: e }, "password reset mail failed"));
}

async function sendResetLink(email: string) {
  const user = await globalDb().user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  await globalDb().passwordResetToken.create({
    data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TOKEN_TTL_MS) },
  });
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  const mail = await renderPasswordResetEmail({ locale, name: user.name, link: `${appUrl()}/reset-password/${token}`, platformUrl: appUrl() });
  await sendEmail({ to: email, ...mail });
}

export async function resetPassword(input: z.input<typeof PasswordResetConfirm>): Promise<{ email: string }> {
  const { token, password } = PasswordResetConfirm.parse(input);
  const passwordHash = await hashPassword(password);
  return globalDb().$transaction(async (tx) => {
    // Claim the token atomically: a second use of the same link finds nothing.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError("VALIDATION", "tokenInvalid", { token: ["tokenInvalid"] });
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });
    // A new password ends every session opened with the old one.
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { email: true } });
    await tx.passwordResetToken.deleteMany({ where: { userId: row.userId, usedAt: null } });
    // …and they leave Instellingen → Account's list of signed-in devices.
    await tx.userSession.updateMany({ where: { userId: row.userId, endedAt: null }, data: { endedAt: new Date() } });
    return user;
  });
}
