// Card program use cases for the dashboard. Every call takes the tenant context;
// changes need at least MANAGER. Editing a published program bumps its version
// and snapshots the design; cards keep their programVersion until the wallet
// update (wallet issues) brings them to the new design.
import { AppError } from "@/lib/errors/app-error";
import type { TenantContext } from "@/lib/tenancy/context";
import { requireRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { ProgramDesignRequest, ProgramIdRequest } from "@/lib/validation/programs";
import { walletProgramChanged } from "@/lib/wallet/card-changes";
import { designSnapshot, programData } from "./program-data";
import type { z } from "zod";

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
  return tenantDb(ctx).cardProgram.create({ data: { ...data, organizationId: ctx.orgId } });
}

export async function updateProgram(ctx: TenantContext, programId: string, input: z.input<typeof ProgramDesignRequest>) {
  requireRole(ctx, "MANAGER");
  const current = await findOwn(ctx, programId);
  if (current.status === "ARCHIVED") throw new AppError("CONFLICT", "programArchived");
  const data = programData(ProgramDesignRequest.parse(input));
  const t = tenantDb(ctx);
  if (current.status === "DRAFT") return t.cardProgram.update({ where: { id: current.id }, data });
  return t.$transaction(async (tx, sql) => {
    const updated = await tx.cardProgram.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } });
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
    const published = await tx.cardProgram.update({ where: { id: current.id }, data: { status: "PUBLISHED", publishedAt: new Date(), archivedAt: null } });
    await tx.cardProgramVersion.upsert({
      where: { programId_version: { programId: current.id, version: published.version } },
      create: { organizationId: ctx.orgId, programId: current.id, version: published.version, design: designSnapshot(published), createdByUserId: ctx.userId },
      update: {},
    });
    return published;
  });
}

/** Archived programs accept no new customers; existing cards keep working. */
export async function archiveProgram(ctx: TenantContext, programId: string) {
  requireRole(ctx, "MANAGER");
  const current = await findOwn(ctx, programId);
  return tenantDb(ctx).cardProgram.update({ where: { id: current.id }, data: { status: "ARCHIVED", archivedAt: new Date() } });
}

export async function duplicateProgram(ctx: TenantContext, programId: string, nameSuffix: string) {
  requireRole(ctx, "MANAGER");
  const source = await findOwn(ctx, programId);
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt: _p, archivedAt: _a, version: _v, status: _s, organizationId: _o, formFields, ...design } = source;
  return tenantDb(ctx).cardProgram.create({
    data: { ...design, formFields: formFields ?? undefined, name: `${source.name} ${nameSuffix}`.slice(0, 40), status: "DRAFT", organizationId: ctx.orgId },
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
