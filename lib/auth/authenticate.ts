import { globalDb } from "@/lib/tenancy/global-db";
import { AppError } from "@/lib/errors/app-error";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { SignInRequest } from "@/lib/validation/auth";
import { burnPasswordCheck, verifyPassword } from "./password";

/**
 * Checks email + password. Returns the user or null, never saying which part
 * was wrong. Attempts are rate-limited per IP and per email (RATE_LIMITED).
 */
export async function authenticate(input: unknown, meta: { ip: string }) {
  const parsed = SignInRequest.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  await enforce([LIMITS.signInPerIp, meta.ip], [LIMITS.signInPerEmail, email]);
  const user = await globalDb().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await globalDb().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

