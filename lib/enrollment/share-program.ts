import { AppError } from "@/lib/errors/app-error";
import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { ProgramIdRequest } from "@/lib/validation/programs";

/** A published program of this tenant, with what the QR poster needs. */
export async function getShareableProgram(ctx: TenantContext, programId: string) {
  const { programId: id } = ProgramIdRequest.parse({ programId });
  const program = await tenantDb(ctx).cardProgram.findUnique({
    where: { id },
    include: { organization: { select: { name: true, locale: true } } },
  });
  if (!program) throw new AppError("NOT_FOUND");
  if (program.status !== "PUBLISHED") throw new AppError("CONFLICT", "programNotPublished");
  return program;
}
