// Who stays on the team. Owners remove anyone and change roles; managers
// remove staff. A removal or a role change ends the person's dashboard sessions
// and tablet sessions at once (their PIN goes with the membership). An
// organization always keeps an owner: the owners' rows are locked before the
// count, so two owners removing each other at the same moment leave one.
import { z } from "zod";
import { endSessions } from "@/lib/auth/session-version";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { hasRole, requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { EntityId } from "@/lib/validation/ids";

export const ChangeRoleRequest = z.object({ role: z.enum(["OWNER", "MANAGER", "STAFF"], { message: "invalid" }) });

type Member = { id: string; userId: string; role: Role };

async function target(tx: TenantTx, membershipId: string): Promise<Member> {
  const m = await tx.membership.findUnique({ where: { id: EntityId.parse(membershipId) }, select: { id: true, userId: true, role: true } });
  if (!m) throw new AppError("NOT_FOUND");
  return m;
}

/** Locks the owners' rows and refuses when `leaving` is the last of them. */
async function keepAnOwner(sql: TenantSql, orgId: string, leaving: Member) {
  if (leaving.role !== "OWNER") return;
  const owners = await sql<{ id: string }>(`SELECT id FROM "Membership" WHERE "organizationId" = $1 AND role = 'OWNER' ORDER BY id FOR UPDATE`, [orgId]);
  if (owners.filter((o) => o.id !== leaving.id).length === 0) throw new AppError("CONFLICT", "lastOwner");
}

async function endTabletSessions(tx: TenantTx, userId: string) {
  await tx.deviceSession.deleteMany({ where: { userId } });
}

export async function removeMember(ctx: TenantContext, membershipId: string) {
  requireRole(ctx, "MANAGER");
  const removed = await tenantDb(ctx).$transaction(async (tx, sql) => {
    const m = await target(tx, membershipId);
    // Managers remove staff only; owners anyone (but the last owner).
    if (!hasRole(ctx, "OWNER") && m.role !== "STAFF") throw new AppError("FORBIDDEN");
    await keepAnOwner(sql, ctx.orgId, m);
    await tx.membership.delete({ where: { id: m.id } });
    await endTabletSessions(tx, m.userId);
    return m;
  });
  await endSessions([removed.userId]);
}

export async function changeRole(ctx: TenantContext, membershipId: string, input: z.input<typeof ChangeRoleRequest>) {
  requireRole(ctx, "OWNER");
  const { role } = ChangeRoleRequest.parse(input);
  const changed = await tenantDb(ctx).$transaction(async (tx, sql) => {
    const m = await target(tx, membershipId);
    if (m.role === role) return null;
    if (role !== "OWNER") await keepAnOwner(sql, ctx.orgId, m);
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await endTabletSessions(tx, m.userId);
    return m;
  });
  if (changed) await endSessions([changed.userId]);
}

/** The acting owner hands ownership to another member and becomes a manager. */
export async function transferOwnership(ctx: TenantContext, membershipId: string) {
  requireRole(ctx, "OWNER");
  const heir = await tenantDb(ctx).$transaction(async (tx) => {
    const m = await target(tx, membershipId);
    if (m.userId === ctx.userId) throw new AppError("CONFLICT", "alreadyOwner");
    await tx.membership.update({ where: { id: m.id }, data: { role: "OWNER" } });
    await tx.membership.updateMany({ where: { userId: ctx.userId ?? "" }, data: { role: "MANAGER" } });
    return m;
  });
  // The heir's role changed: their sessions start over. The acting owner's own session goes on.
  await endSessions([heir.userId]);
}
