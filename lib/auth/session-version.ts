// Ending dashboard sessions. Sessions are signed JWT cookies; each carries the
// user's session version at sign-in and is served only while it is still the
// current one: bumping it ends every session of that user. Each also carries
// the id of its UserSession row (lib/auth/sessions.ts), which ends one session
// alone ("Uitloggen" in Instellingen → Account); sessions signed in before
// those rows existed have none.
import { globalDb } from "@/lib/tenancy/global-db";
import { sessionLive } from "./sessions";

export async function sessionStillValid(userId: string, version: number, sessionId?: string | null): Promise<boolean> {
  if (sessionId) return sessionLive(userId, version, sessionId);
  const user = await globalDb().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return !!user && user.sessionVersion === version;
}

/** Ends every dashboard session of these users (password reset, role change, removal). */
export async function endSessions(userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  await globalDb().user.updateMany({ where: { id: { in: userIds } }, data: { sessionVersion: { increment: 1 } } });
  for (const id of userIds) {
    await globalDb().user.update({ where: { id }, data: { sessions: { updateMany: { where: { endedAt: null }, data: { endedAt: new Date() } } } } });
  }
}
