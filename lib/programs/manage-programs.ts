// Card program use cases for the dashboard. Every call takes the tenant context;
// changes need at least MANAGER. Editing a published program bumps its version
// and snapshots the design; cards keep their programVersion until the wallet
// update (wallet issues) brings them to the new design.
import { recordAudit } from "@/lib/audit/audit";
import { diff } from "@/lib/audit/diff";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import type { TenantContext } from "@/lib/tenancy/context";
import { requireRole } from "@/lib/tenancy/context";
import type { CardProgram } from "@/lib/generated/prisma/client";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { ProgramDesignRequest, ProgramIdRequest } from "@/lib/validation/programs";
import { walletProgramChanged } from "@/lib/wallet/card-changes";
import { designSnapshot, programData } from "./program-data";
import type { z } from "zod";

/** The fields that are rules rather than design: a change to them is its own "program.rules" entry. */
const RULE_FIELDS = [
  "stampsRequired",
  "intermediateStamp",
  "stampExpiryMonths",
  "visitMinutes",
  "maxStampsPerVisit",
  "maxStampsPerDay",
  "undoWindowSeconds",
  "requirePinToRedeem",
] as const;

/** The audit entries of an edit: "program.update" for the design, "program.rules" for the rules, each with what changed. */
async function auditEdit(tx: TenantTx, ctx: TenantContext, before: CardProgram, after: Record<string, unknown>) {
  const rules: readonly string[] = RULE_FIELDS;
  const design = diff(
    before,
    after,
    Object.keys(after).filter((k) => !rules.includes(k)),
  );
  const changedRules = diff(before, after, rules);
  const subject = { subjectType: "program", subjectId: before.id, details: { name: before.name } } as const;
  if (design) await recordAudit(tx, ctx, { action: "program.update", ...subject, ...design });
  if (changedRules) await recordAudit(tx, ctx, { action: "program.rules", ...subject, ...changedRules });
}

async function findOwn(ctx: TenantContext, programId: string) {
  const program = await tenantDb(ctx).cardProgram.findUnique({ where: { id: ProgramIdRequest.parse({ programId }).programId } });
  if (!program) throw new AppError("NOT_FOUND");
  return program;
}

export function getProgram(ctx: TenantContext, programId: string) {
  return findOwn(ctx, programId);
}

export async function createProgram(ctx: TenantContext, input: z.input<typeof ProgramDesignRequest>) {
  requireRole(ctx, "MANAGER");
  const data = programData(ProgramDesignRequest.parse(input));
  return tenantDb(ctx).$transaction(async (tx) => {
    await assertWithinLimit(tx, "cardPrograms");
    const created = await tx.cardProgram.create({ data: { ...data, organizationId: ctx.orgId } });
    await recordAudit(tx, ctx, { action: "program.create", subjectType: "program", subjectId: created.id, details: { name: created.name } });
    return created;
  });
}

export async function updateProgram(ctx: TenantContext, programId: string, input: z.input<typeof ProgramDesignRequest>) {
  requireRole(ctx, "MANAGER");
  const current = await findOwn(ctx, programId);
  if (current.status === "ARCHIVED") throw new AppError("CONFLICT", "programArchived");
  const data = programData(ProgramDesignRequest.parse(input));
  const t = tenantDb(ctx);
  if (current.status === "DRAFT")
    return t.$transaction(async (tx) => {
      const updated = await tx.cardProgram.update({ where: { id: current.id }, data });
      await auditEdit(tx, ctx, current, data);
      return updated;
    });
  return t.$transaction(async (tx, sql) => {
    const updated = await tx.cardProgram.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } });
    await auditEdit(tx, ctx, current, data);
    await tx.cardProgramVersion.create({
      data: { organizationId: ctx.orgId, programId: current.id, version: updated.version, design: designSnapshot(updated), createdByUserId: ctx.userId },
    });
    // Installed passes take the new design (Last-Modified moves, devices are pushed), committed with it.
    await walletProgramChanged(sql, ctx.orgId, current.id);
    return updated;
  });
}

export async function publishProgram(ctx: TenantContext, programId: string) {
  requireRole(ctx, "MANAGER");
  const current = await findOwn(ctx, programId);
  if (current.status === "PUBLISHED") return current;
  return tenantDb(ctx).$transaction(async (tx) => {
    // An archived program back in use counts against the plan again.
    if (current.status === "ARCHIVED") await assertWithinLimit(tx, "cardPrograms");
    const published = await tx.cardProgram.update({ where: { id: current.id }, data: { status: "PUBLISHED", publishedAt: new Date(), archivedAt: null } });
    await tx.cardProgramVersion.upsert({
      where: { programId_version: { programId: current.id, version: published.version } },
      create: { organizationId: ctx.orgId, programId: current.id, version: published.version, design: designSnapshot(published), createdByUserId: ctx.userId },
      update: {},
    });
    await recordAudit(tx, ctx, { action: "program.publish", subjectType: "program", subjectId: current.id, details: { name: current.name } });
    return published;
  });
}

/** Archived programs accept no new customers; existing cards keep working. */
export async function archiveProgram(ctx: TenantContext, programId: string) {
  requireRole(ctx, "MANAGER");
  const current = await findOwn(ctx, programId);
  return tenantDb(ctx).$transaction(async (tx) => {
    const archived = await tx.cardProgram.update({ where: { id: current.id }, data: { status: "ARCHIVED", archivedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "program.archive", subjectType: "program", subjectId: current.id, details: { name: current.name } });
    return archived;
  });
}

export async function duplicateProgram(ctx: TenantContext, programId: string, nameSuffix: string) {
  requireRole(ctx, "MANAGER");
  const source = await findOwn(ctx, programId);
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt: _p, archivedAt: _a, version: _v, status: _s, organizationId: _o, formFields, ...design } = source;
  return tenantDb(ctx).$transaction(async (tx) => {
    await assertWithinLimit(tx, "cardPrograms");
    const copy = await tx.cardProgram.create({
      data: { ...design, formFields: formFields ?? undefined, name: `${source.name} ${nameSuffix}`.slice(0, 40), status: "DRAFT", organizationId: ctx.orgId },
    });
    await recordAudit(tx, ctx, { action: "program.create", subjectType: "program", subjectId: copy.id, details: { name: copy.name, copyOf: source.id } });
    return copy;
  });
}

/**
 * Cards with an Apple pass that has not fetched the newest design yet. Web cards
 * are always current; Google passes are patched by the design-change job itself.
 */
export async function cardsNeedingDesignUpdate(ctx: TenantContext, programId: string) {
  const program = await findOwn(ctx, programId);
  return tenantDb(ctx).card.count({ where: { programId: program.id, erasedAt: null, appleInstalls: { gt: 0 }, programVersion: { lt: program.version } } });
}

/** Wallet passes of a program: Apple installed now and removed (by customers, or reported gone by Apple); Google passes added. */
export async function walletInstalls(ctx: TenantContext, programId: string) {
  const program = await findOwn(ctx, programId);
  const t = tenantDb(ctx);
  const [installed, removed, google] = await Promise.all([
    t.passRegistration.count({ where: { card: { programId: program.id }, unregisteredAt: null } }),
    t.passRegistration.count({ where: { card: { programId: program.id }, unregisteredAt: { not: null } } }),
    t.card.count({ where: { programId: program.id, googleInstalled: true, erasedAt: null } }),
  ]);
  return { installed, removed, google };
}
