// Dashboard sessions one by one (Instellingen → Account): a row per sign-in,
// its id carried in the JWT. A session is served while its row is not ended
// (lib/auth/session-version.ts); lastSeenAt moves at most every 5 minutes.
// Also the own-account changes: name, password (ends the other sessions).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseInput } from "@/lib/organizations/profile";
import { recordAudit } from "@/lib/audit/audit";
import { AppError } from "@/lib/errors/app-error";
import { globalDb } from "@/lib/tenancy/global-db";
import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { PASSWORD_MIN } from "@/lib/validation/auth";
import { hashPassword, verifyPassword } from "./password";

export const TOUCH_EVERY_MS = 5 * 60_000;
/** The JWT's lifetime (lib/auth/options.ts): an older session is over whatever its row says. */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/** A new session row at sign-in; its id goes into the JWT. */
export async function createSession(userId: string, meta: { ip?: string | null; userAgent?: string | null }): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await globalDb().user.update({
    where: { id: userId },
    data: { sessions: { create: { id, ip: meta.ip?.slice(0, 64) || null, userAgent: meta.userAgent?.slice(0, 400) || null } } },
  });
  return id;
}

/**
 * Whether `sessionId` of `userId` is live: its row not ended and the user's
 * session version unchanged since sign-in (a password reset, role change or
 * removal moves it). Touches lastSeenAt when older than TOUCH_EVERY_MS.
 */
export async function sessionLive(userId: string, version: number, sessionId: string, now = new Date()): Promise<boolean> {
  const user = await globalDb().user.findUnique({
    where: { id: userId },
    select: { sessionVersion: true, sessions: { where: { id: sessionId }, select: { endedAt: true, lastSeenAt: true, createdAt: true } } },
  });
  const s = user?.sessions[0];
  if (!s || s.endedAt || user.sessionVersion !== version || now.getTime() - s.createdAt.getTime() > SESSION_MAX_AGE_S * 1000) return false;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await globalDb().user.update({
      where: { id: userId },
      data: { sessions: { updateMany: { where: { id: sessionId, lastSeenAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS) } }, data: { lastSeenAt: now } } } },
    });
  }
  return true;
}

export type SessionRow = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** The user's live sessions, most recently seen first, the current one marked. */
export async function listSessions(userId: string, currentId: string | null, now = new Date()): Promise<SessionRow[]> {
  const user = await globalDb().user.findUnique({
    where: { id: userId },
    select: {
      sessions: {
        where: { endedAt: null, createdAt: { gt: new Date(now.getTime() - SESSION_MAX_AGE_S * 1000) } },
        orderBy: { lastSeenAt: "desc" },
        select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
      },
    },
  });
  return (user?.sessions ?? []).map((s) => ({ ...s, current: s.id === currentId }));
}

/** Ends one session of the user (another user's id ends nothing). */
export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  const r = await globalDb().user.update({
    where: { id: userId },
    data: { sessions: { updateMany: { where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } } } },
    select: { id: true },
  });
  return !!r;
}

/**
 * Ends the user's sessions: all but `keepId`, or all of them (then the session
 * version moves too, which also ends sessions from before session rows).
 */
export async function endAllSessions(userId: string, keepId: string | null = null): Promise<void> {
  await globalDb().user.update({
    where: { id: userId },
    data: {
      ...(keepId ? {} : { sessionVersion: { increment: 1 } }),
      sessions: { updateMany: { where: { endedAt: null, ...(keepId ? { id: { not: keepId } } : {}) }, data: { endedAt: new Date() } } },
    },
  });
}

/** "Chrome op macOS" from a User-Agent header, for the sessions list (a hint, not a proof). */
export function describeUserAgent(ua: string | null): { browser: string; os: string } | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const os = /iPhone|iPad/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return browser || os ? { browser: browser ?? "Browser", os: os ?? "?" } : null;
}

// ---- the own account ----

export const AccountProfileRequest = z.object({ name: z.string().trim().min(1, "userName").max(80, "tooLong") });

export async function updateOwnProfile(ctx: TenantContext, input: unknown) {
  const { name } = parseInput(AccountProfileRequest, input);
  const userId = ctx.userId;
  if (!userId) throw new AppError("UNAUTHENTICATED");
  const before = await globalDb().user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  if (before.name === name) return;
  await globalDb().user.update({ where: { id: userId }, data: { name } });
  await tenantDb(ctx).$transaction((tx) =>
    recordAudit(tx, ctx, { action: "user.profile", subjectType: "user", subjectId: userId, before: { name: before.name }, after: { name } }),
  );
}

export const PasswordChangeRequest = z.object({
  current: z.string().min(1, "passwordRequired").max(200, "tooLong"),
  password: z.string().min(PASSWORD_MIN, "passwordTooShort").max(200, "tooLong"),
});

/** Checks the current password, sets the new one and ends every other session of the user (this one stays). */
export async function changePassword(ctx: TenantContext, currentSessionId: string | null, input: unknown) {
  const { current, password } = parseInput(PasswordChangeRequest, input);
  const userId = ctx.userId;
  if (!userId) throw new AppError("UNAUTHENTICATED");
  const user = await globalDb().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(user.passwordHash, current))) throw new AppError("VALIDATION", "passwordWrong", { current: ["passwordWrong"] });
  if (current === password) throw new AppError("VALIDATION", "passwordSame", { password: ["passwordSame"] });
  await globalDb().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
  await endAllSessions(userId, currentSessionId);
  await tenantDb(ctx).$transaction((tx) => recordAudit(tx, ctx, { action: "user.password", subjectType: "user", subjectId: userId }));
}
