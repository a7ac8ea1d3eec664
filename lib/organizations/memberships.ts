import { db } from "@/lib/db/client";
import type { TenantContext } from "@/lib/tenancy/context";

/** The user's organizations, for the switcher. */
export function listMyOrganizations(userId: string) {
  return db().membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Resolves the acting context in one query: the requested organization if the
 * user is a member of it, else their first. A client-sent organization id is
 * never trusted without this membership check.
 */
export async function resolveMembership(userId: string, requestedOrgId?: string | null) {
  const pick = (where: object) =>
    db().membership.findFirst({
      where: { userId, ...where },
      orderBy: { createdAt: "asc" },
      select: { role: true, organization: true, user: { select: { name: true, email: true } } },
    });
  const m = (requestedOrgId ? await pick({ organizationId: requestedOrgId }) : null) ?? (await pick({}));
  if (!m) return null;
  const ctx: TenantContext = { orgId: m.organization.id, userId, role: m.role };
  return { ctx, organization: m.organization, user: m.user };
}
