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
  if (!found?.user) return null;
  const ctx: TenantContext = { orgId: found.organization.id, userId, role: found.role };
  return { ctx, organization: found.organization, user: found.user };
}

/** The staff figure covers this many days (the Team page says so). */
export const STAFF_FIGURE_DAYS = 30;

export type TeamMember = {
  id: string;
  userId: string | null;
  role: Role;
  name: string;
  /** Null for tablet staff: they have no account. */
  email: string | null;
  tabletOnly: boolean;
  hasPin: boolean;
  /** Stamps they gave on a tablet in the last STAFF_FIGURE_DAYS days (undone ones not counted). */
  stamps: number;
};

/**
 * The Team page's list: every current member, oldest first, tablet staff
 * included, each with their stamps of the last 30 days. A tablet event names
 * its member (actorMembershipId); events from before tablet staff existed
 * only their user, and count for that user's membership.
 */
export async function listTeamWithFigures(ctx: TenantContext, now = new Date()): Promise<TeamMember[]> {
  const t = tenantDb(ctx);
  const since = new Date(now.getTime() - STAFF_FIGURE_DAYS * 86_400_000);
  const [members, stamps] = await Promise.all([
    t.membership.findMany({
      where: { removedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, userId: true, displayName: true, pinHash: true, user: { select: { name: true, email: true } } },
    }),
    t.cardEvent.groupBy({
      by: ["actorMembershipId", "actorUserId"],
      where: {
        type: "STAMP",
        createdAt: { gte: since, lte: now },
        reversedBy: { is: null },
        OR: [{ actorMembershipId: { not: null } }, { actorUserId: { not: null } }],
      },
      _sum: { amount: true },
    }),
  ]);
  const byUser = new Map(members.flatMap((m) => (m.userId ? [[m.userId, m.id] as const] : [])));
  const count = new Map<string, number>();
  for (const row of stamps) {
    const member = row.actorMembershipId ?? (row.actorUserId ? byUser.get(row.actorUserId) : undefined);
    if (member) count.set(member, (count.get(member) ?? 0) + (row._sum.amount ?? 0));
  }
  // Never send PIN hashes to the page: only whether a PIN is set.
  return members.map((m) => ({
    id: m.id,
    userId: m.userId,
    role: m.role,
    name: m.displayName ?? m.user?.name ?? "",
    email: m.user?.email ?? null,
    tabletOnly: m.userId === null,
    hasPin: m.pinHash !== null,
    stamps: count.get(m.id) ?? 0,
  }));
}
