// Inviting managers and staff by email: a single-use link valid for 7 days,
// which can be resent (new link, old one dies) or revoked. Owners invite
// managers and staff; managers invite staff.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { sendEmail } from "@/lib/email/send-email";
import { renderInvitationEmail } from "@/lib/email/templates/invitation";
import { appUrl } from "@/lib/env";
import { recordAuditAlone } from "@/lib/audit/audit";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { globalDb } from "@/lib/tenancy/global-db";
import { invitationByTokenHash } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { PASSWORD_MIN } from "@/lib/validation/auth";
import { EntityId } from "@/lib/validation/ids";

const TTL_MS = 7 * 24 * 3600 * 1000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const InviteRequest = z.object({
  email: z.string().trim().toLowerCase().max(200, "tooLong").email("emailInvalid"),
  role: z.enum(["MANAGER", "STAFF"], { message: "invalid" }),
});
export const AcceptInvitationRequest = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "tokenInvalid"),
  name: z.string().trim().min(1, "nameRequired").max(100, "tooLong").optional(),
  password: z.string().min(PASSWORD_MIN, "passwordTooShort").max(200, "tooLong").optional(),
});

/** No longer read (callers can drop it): the email is a template (lib/email/templates), in the organization's language. */
async function issue(ctx: TenantContext, invitationId: string, email: string, role: Role) {
  await enforce([LIMITS.inviteSendsPerInvitation, invitationId], [LIMITS.inviteSendsPerOrg, ctx.orgId]);
  const token = randomBytes(24).toString("base64url");
  const t = tenantDb(ctx);
  await t.invitation.update({ where: { id: invitationId }, data: { tokenHash: sha256(token), expiresAt: new Date(Date.now() + TTL_MS), revokedAt: null } });
  const org = await t.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true, locale: true } });
  const mail = await renderInvitationEmail({
    locale: isLocale(org.locale) ? org.locale : DEFAULT_LOCALE,
    organizationName: org.name,
    role,
    link: `${appUrl()}/invite/${token}`,
    platformUrl: appUrl(),
  });
  await sendEmail({ to: email, ...mail });
}

export async function inviteMember(ctx: TenantContext, input: z.input<typeof InviteRequest>) {
  const { email, role } = InviteRequest.parse(input);
  requireRole(ctx, role === "MANAGER" ? "OWNER" : "MANAGER");
  const t = tenantDb(ctx);
  if (await t.membership.findFirst({ where: { user: { email } } })) throw new AppError("CONFLICT", "alreadyMember", { email: ["alreadyMember"] });
  // The team and the invitations still open count against the plan's staff (a new link for the same email replaces its open one).
  const open = await t.invitation.count({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } });
  await assertWithinLimit(t, "staff", open ? 0 : 1);
  await t.invitation.updateMany({ where: { email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  const invitation = await t.invitation.create({
    data: { organizationId: ctx.orgId, email, role, invitedByUserId: ctx.userId, tokenHash: sha256(randomBytes(24).toString("hex")), expiresAt: new Date() },
  });
  await recordAuditAlone(ctx, { action: "member.invite", subjectType: "member", subjectId: invitation.id, details: { email, role } });
  await issue(ctx, invitation.id, email, role);
  return { id: invitation.id };
}

async function pendingInvitation(ctx: TenantContext, invitationId: string) {
  const inv = await tenantDb(ctx).invitation.findFirst({ where: { id: EntityId.parse(invitationId), acceptedAt: null } });
  if (!inv) throw new AppError("NOT_FOUND");
  requireRole(ctx, inv.role === "MANAGER" ? "OWNER" : "MANAGER");
  return inv;
}

export async function resendInvitation(ctx: TenantContext, invitationId: string) {
  const inv = await pendingInvitation(ctx, invitationId);
  await issue(ctx, inv.id, inv.email, inv.role);
}

export async function revokeInvitation(ctx: TenantContext, invitationId: string) {
  const inv = await pendingInvitation(ctx, invitationId);
  await tenantDb(ctx).invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
}

export function listPendingInvitations(ctx: TenantContext) {
  return tenantDb(ctx).invitation.findMany({
    where: { acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

/** What the invitation page shows; null for an unknown, used, revoked or expired link. */
export async function getInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await invitationByTokenHash(sha256(token));
  if (!found) return null;
  const t = tenantDb(found);
  const inv = await t.invitation.findUnique({ where: { id: found.invitationId } });
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt < new Date()) return null;
  const [org, user] = await Promise.all([
    t.organization.findUniqueOrThrow({ where: { id: inv.organizationId }, select: { id: true, name: true } }),
    globalDb().user.findUnique({ where: { email: inv.email }, select: { id: true } }),
  ]);
  return { id: inv.id, email: inv.email, role: inv.role, organization: org, existingUserId: user?.id ?? null };
}

/**
 * Accepts an invitation. An existing account must be the signed-in user with the
 * invited email; a new person sets their name and password here.
 */
export async function acceptInvitation(input: z.input<typeof AcceptInvitationRequest>, signedInUserId: string | null) {
  const data = AcceptInvitationRequest.parse(input);
  const inv = await getInvitation(data.token);
  if (!inv) throw new AppError("VALIDATION", "tokenInvalid", { token: ["tokenInvalid"] });
  let userId = inv.existingUserId;
  if (userId && userId !== signedInUserId) throw new AppError("FORBIDDEN", "signInToAccept");
  if (!userId) {
    if (!data.name || !data.password)
      throw new AppError("VALIDATION", "VALIDATION", {
        ...(data.name ? {} : { name: ["nameRequired"] }),
        ...(data.password ? {} : { password: ["passwordTooShort"] }),
      });
    const passwordHash = await hashPassword(data.password);
    userId = (await globalDb().user.create({ data: { email: inv.email, name: data.name, passwordHash } })).id;
  }
  const orgId = inv.organization.id;
  await tenantDb({ orgId }).$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("VALIDATION", "tokenInvalid", { token: ["tokenInvalid"] });
    // Counted with this invitation now accepted (so no longer open): the team plus the new member must fit.
    await assertWithinLimit(tx, "staff", (await tx.membership.count({ where: { userId: userId!, removedAt: null } })) ? 0 : 1);
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId: orgId, userId: userId! } },
      create: { organizationId: orgId, userId: userId!, role: inv.role },
      update: {},
    });
  });
  return { organizationId: orgId, email: inv.email };
}
