import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { resolveMembership } from "@/lib/organizations/memberships";
import { sessionStillValid } from "./session-version";
import { authOptions } from "./options";

export const ORG_COOKIE = "stempel_org";

/**
 * The signed-in user's id, or null. A session signed in before the user's
 * session version moved on (password reset, role change, removal from a team,
 * "sign out everywhere") is over: the check costs one indexed read per request.
 */
export async function currentUserId(): Promise<string | null> {
  return (await currentSession())?.userId ?? null;
}

/** The signed-in user's id and the id of this session's UserSession row (null for sessions from before those rows), or null. */
export async function currentSession(): Promise<{ userId: string; sessionId: string | null } | null> {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: string; sv?: number; sid?: string } | undefined;
  if (!claims?.id) return null;
  return (await sessionStillValid(claims.id, claims.sv ?? 0, claims.sid)) ? { userId: claims.id, sessionId: claims.sid ?? null } : null;
}

/** The signed-in user's tenant context (organization from the switcher cookie, membership-checked), or null. */
export async function currentTenant() {
  const userId = await currentUserId();
  if (!userId) return null;
  const requested = (await cookies()).get(ORG_COOKIE)?.value;
  return resolveMembership(userId, requested);
}

/** For pages: the tenant context, or a redirect to sign-in. */
export async function requireTenant() {
  const tenant = await currentTenant();
  if (!tenant) redirect("/signin");
  return tenant;
}
