import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { slugTaken } from "@/lib/tenancy/lookups";
import { slugify } from "./slug";

export const TRIAL_DAYS = 30;

/**
 * Creates a merchant with its first member; the trial ends TRIAL_DAYS after
 * sign-up. Runs inside lib/tenancy's withNewOrganization, which pinned `orgId`.
 */
export async function createOrganization(
  tx: Tx,
  orgId: string,
  input: { name: string; ownerUserId: string; role?: Role; locale?: string; now?: Date; slug?: string },
) {
  const now = input.now ?? new Date();
  const base = input.slug ?? slugify(input.name);
  let slug = base;
  for (let i = 0; await slugTaken(slug); i++) {
    slug = `${base}-${randomBytes(2).toString("hex")}`;
    if (i > 20) throw new Error("could not find a free slug");
  }
  return tx.organization.create({
    data: {
      id: orgId,
      name: input.name,
      slug,
      locale: input.locale ?? "nl",
      trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 24 * 3600 * 1000),
      createdAt: now,
      memberships: { create: { userId: input.ownerUserId, role: input.role ?? "OWNER" } },
    },
  });
}
