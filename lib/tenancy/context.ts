import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors/app-error";

/** Who is acting, for which merchant. Every tenant use case takes one. */
export type TenantContext = {
  orgId: string;
  userId: string | null;
  role: Role;
};

const RANK: Record<Role, number> = { STAFF: 1, MANAGER: 2, OWNER: 3 };

export function hasRole(ctx: TenantContext, atLeast: Role): boolean {
  return RANK[ctx.role] >= RANK[atLeast];
}

export function requireRole(ctx: TenantContext, atLeast: Role): void {
  if (!hasRole(ctx, atLeast)) throw new AppError("FORBIDDEN");
}
