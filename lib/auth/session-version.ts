// Ending dashboard sessions. Sessions are signed JWT cookies; each carries the
// user's session version at sign-in, and a request is served only while it is
// still the user's current one. Bumping it ends every session of that user.
import { globalDb } from "@/lib/tenancy/global-db";

export async function sessionStillValid(userId: string, version: number): Promise<boolean> {
  const user = await globalDb().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return !!user && user.sessionVersion === version;
}

/** Ends every dashboard session of these users (password reset, role change, removal). */
export async function endSessions(userIds: string[]): Promise<void> {
  if (userIds.length) await globalDb().user.updateMany({ where: { id: { in: userIds } }, data: { sessionVersion: { increment: 1 } } });
}
