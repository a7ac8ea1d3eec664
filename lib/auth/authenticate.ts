import { AppError } from "@/lib/errors/app-error";
import { enforce, hit, LIMITS, peek, reset } from "@/lib/rate-limit/rate-limit";
import { globalDb } from "@/lib/tenancy/global-db";
import { SignInRequest } from "@/lib/validation/auth";
import { burnPasswordCheck, verifyPassword } from "./password";

/** Extra wait per failed sign-in of an account beyond its limit (any address), capped: slows guessing, never blocks. */
const SLOWDOWN_MS = 1000;
const SLOWDOWN_CAP_MS = 5000;

/**
 * Checks email + password. Returns the user or null, never saying which part
 * was wrong. Limits (lib/rate-limit): every attempt per address; failures per
 * address + account, cleared by a success; failures per account only add a
 * delay, so nobody can lock a merchant out of their own account.
 */
export async function authenticate(input: unknown, meta: { ip: string }) {
  const parsed = SignInRequest.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const pair = `${meta.ip}:${email}`;
  await enforce([LIMITS.signInPerIp, meta.ip]);
  if ((await peek(LIMITS.signInFailuresPerIpEmail, pair)) >= LIMITS.signInFailuresPerIpEmail.max) {
    throw new AppError("RATE_LIMITED", "RATE_LIMITED", undefined, LIMITS.signInFailuresPerIpEmail.windowSeconds);
  }
  const accountFailures = await peek(LIMITS.signInFailuresPerEmail, email);
  const over = accountFailures - LIMITS.signInFailuresPerEmail.max;
  if (over >= 0) await new Promise((r) => setTimeout(r, Math.min(SLOWDOWN_CAP_MS, SLOWDOWN_MS * (over + 1))));

  const user = await globalDb().user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await Promise.all([hit(LIMITS.signInFailuresPerIpEmail, pair), hit(LIMITS.signInFailuresPerEmail, email)]);
    return null;
  }
  await Promise.all([reset(LIMITS.signInFailuresPerIpEmail, pair), globalDb().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } })]);
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, sessionVersion: user.sessionVersion };
}
