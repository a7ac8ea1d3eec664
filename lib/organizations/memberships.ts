import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import { userMemberships } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";

/** The user's organizations, for the switcher (each read pinned to its own organization). */
export async function listMyOrganizations(userId: string) {
  const memberships = await userMemberships(userId);
  const orgs = await Promise.all(
    memberships.map(({ orgId }) => tenantDb({ orgId }).organization.findUnique({ where: { id: orgId }, select: { id: true, name: true, slug: true } })),
  );
  return memberships.flatMap((m, i) => (orgs[i] ? [{ role: m.role as Role, organization: orgs[i] }] : []));
}

/**
 * Resolves the acting context: the requested organization if the user is a
 * member of it, else their first. A client-sent organization id is never
 * trusted without this membership check.
 */
export async function resolveMembership(userId: string, requestedOrgId?: string | null) {
  const memberships = await userMemberships(userId);
  const m = memberships.find((x) => x.orgId === requestedOrgId) ?? memberships[0];
  if (!m) return null;
  const found = await tenantDb(m).membership.findFirst({
    where: { userId },
    select: { role: true, organization: true, user: { select: { name: true, email: true } } },
  });
  if (!found) return null;
  const ctx: TenantContext = { orgId: found.organization.id, userId, role: found.role };
  return { ctx, organization: found.organization, user: found.user };
}
