// Who stays on the team. Owners remove anyone and change roles; managers
// remove staff. A removal or a role change ends the person's dashboard sessions
// and tablet sessions at once (their PIN goes with the membership). An
// organization always keeps an owner: the owners' rows are locked before the
// count, so two owners removing each other at the same moment leave one.
//
// Tablet staff (docs/accounts.md): a name and a PIN, no account. Owners and
// managers add them; they are always STAFF (so they never approve a manager
// override) and never sign in. Removing one keeps the membership row, without
// its PIN and marked removed, so that the ledger's events still name them.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { endSessions } from "@/lib/auth/session-version";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { pinHash } from "@/lib/stamping/pin";
import { hasRole, requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { EntityId } from "@/lib/validation/ids";
import { AddTabletStaffRequest } from "@/lib/validation/stamping";

export const ChangeRoleRequest = z.object({ role: z.enum(["OWNER", "MANAGER", "STAFF"], { message: "invalid" }) });

type Member = { id: string; userId: string | null; role: Role };

/** A current member (removed tablet staff are gone for every purpose but the ledger's names). */
async function target(tx: TenantTx, membershipId: string): Promise<Member> {
  const m = await tx.membership.findFirst({ where: { id: EntityId.parse(membershipId), removedAt: null }, select: { id: true, userId: true, role: true } });
  if (!m) throw new AppError("NOT_FOUND");
  return m;
}

/** Locks the owners' rows and refuses when `leaving` is the last of them. */
async function keepAnOwner(sql: TenantSql, orgId: string, leaving: Member) {
  if (leaving.role !== "OWNER") return;
  const owners = await sql<{ id: string }>(`SELECT id FROM "Membership" WHERE "organizationId" = $1 AND role = 'OWNER' ORDER BY id FOR UPDATE`, [orgId]);
  if (owners.filter((o) => o.id !== leaving.id).length === 0) throw new AppError("CONFLICT", "lastOwner");
}

/** A member's name for the trail (their account's, or a tablet tile's). */
async function memberName(tx: TenantTx, membershipId: string): Promise<string | null> {
  const m = await tx.membership.findFirst({ where: { id: membershipId }, select: { displayName: true, user: { select: { name: true } } } });
  return m?.user?.name ?? m?.displayName ?? null;
}

async function endTabletSessions(tx: TenantTx, membershipId: string) {
  await tx.deviceSession.deleteMany({ where: { membershipId } });
}

export async function removeMember(ctx: TenantContext, membershipId: string) {
  requireRole(ctx, "MANAGER");
  const removed = await tenantDb(ctx).$transaction(async (tx, sql) => {
    const m = await target(tx, membershipId);
    await recordAudit(tx, ctx, {
      action: "member.remove",
      subjectType: "member",
      subjectId: m.id,
      details: { name: await memberName(tx, m.id), role: m.role },
    });
    // Managers remove staff only; owners anyone (but the last owner).
    if (!hasRole(ctx, "OWNER") && m.role !== "STAFF") throw new AppError("FORBIDDEN");
    await keepAnOwner(sql, ctx.orgId, m);
    await endTabletSessions(tx, m.id);
    if (m.userId) await tx.membership.delete({ where: { id: m.id } });
    // Tablet staff: the row stays for the ledger's names; without a PIN nobody can use it.
    else await tx.membership.update({ where: { id: m.id }, data: { removedAt: new Date(), pinHash: null, pinFailures: 0, pinLockedUntil: null } });
    return m;
  });
  if (removed.userId) await endSessions([removed.userId]);
}

export async function changeRole(ctx: TenantContext, membershipId: string, input: z.input<typeof ChangeRoleRequest>) {
  requireRole(ctx, "OWNER");
  const { role } = ChangeRoleRequest.parse(input);
  const changed = await tenantDb(ctx).$transaction(async (tx, sql) => {
    const m = await target(tx, membershipId);
    if (m.role === role) return null;
    // Tablet staff stay staff: a manager's PIN approves overrides, and they have no account.
    if (!m.userId) throw new AppError("FORBIDDEN");
    if (role !== "OWNER") await keepAnOwner(sql, ctx.orgId, m);
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await recordAudit(tx, ctx, {
      action: "member.role",
      subjectType: "member",
      subjectId: m.id,
      details: { name: await memberName(tx, m.id) },
      before: { role: m.role },
      after: { role },
    });
    await endTabletSessions(tx, m.id);
    return m;
  });
  if (changed?.userId) await endSessions([changed.userId]);
}

/** The acting owner hands ownership to another member and becomes a manager. */
export async function transferOwnership(ctx: TenantContext, membershipId: string) {
  requireRole(ctx, "OWNER");
  const heir = await tenantDb(ctx).$transaction(async (tx) => {
    const m = await target(tx, membershipId);
    if (!m.userId) throw new AppError("FORBIDDEN");
    if (m.userId === ctx.userId) throw new AppError("CONFLICT", "alreadyOwner");
    await tx.membership.update({ where: { id: m.id }, data: { role: "OWNER" } });
    await tx.membership.updateMany({ where: { userId: ctx.userId ?? "" }, data: { role: "MANAGER" } });
    await recordAudit(tx, ctx, {
      action: "member.role",
      subjectType: "member",
      subjectId: m.id,
      details: { name: await memberName(tx, m.id), transfer: true },
      before: { role: m.role },
      after: { role: "OWNER" },
    });
    return m;
  });
  // The heir's role changed: their sessions start over. The acting owner's own session goes on.
  await endSessions([heir.userId!]);
}

/**
 * Adds tablet staff: a name for the tablet's tile and a PIN (typed twice).
 * Owners and managers only. The name must differ from every current member's
 * (ignoring case), so the tiles tell people apart. Counted against the same
 * rate limit as setting PINs.
 */
export async function addTabletStaff(ctx: TenantContext, input: z.input<typeof AddTabletStaffRequest>): Promise<{ id: string; name: string }> {
  requireRole(ctx, "MANAGER");
  const { name, pin } = AddTabletStaffRequest.parse(input);
  if (!ctx.userId) throw new AppError("FORBIDDEN");
  await enforce([LIMITS.setPinPerUser, ctx.userId]);
  return tenantDb(ctx).$transaction(async (tx) => {
    const same = { equals: name, mode: "insensitive" as const };
    const taken = await tx.membership.findFirst({ where: { removedAt: null, OR: [{ displayName: same }, { user: { name: same } }] }, select: { id: true } });
    if (taken) throw new AppError("VALIDATION", "VALIDATION", { name: ["nameTaken"] });
    await assertWithinLimit(tx, "staff");
    const member = await tx.membership.create({
      data: { organizationId: ctx.orgId, userId: null, displayName: name, role: "STAFF", pinHash: pinHash(ctx.orgId, pin) },
      select: { id: true },
    });
    await tx.pinChange.create({ data: { organizationId: ctx.orgId, membershipId: member.id, changedByUserId: ctx.userId } });
    await recordAudit(tx, ctx, { action: "member.add", subjectType: "member", subjectId: member.id, details: { name, role: "STAFF" } });
    return { id: member.id, name };
  });
}
