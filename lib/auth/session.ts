import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { resolveMembership } from "@/lib/organizations/memberships";
import { authOptions } from "./options";

export const ORG_COOKIE = "stempel_org";

export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return ((session?.user as { id?: string } | undefined)?.id) ?? null;
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
