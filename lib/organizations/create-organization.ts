import { randomBytes } from "node:crypto";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { LocationRequest } from "./locations";
import { slugTaken } from "@/lib/tenancy/lookups";
import { slugify } from "./slug";

type NewOrganization = {
  name: string;
  ownerUserId: string;
  role?: Role;
  locale?: string;
  now?: Date;
  slug?: string;
  /** The shop's address: becomes its first location (named after the business), so a tablet can pair on day one. */
  firstLocation?: { address: string; city: string };
  /** Set when the owner accepted the data processing agreement while creating it (lib/legal/dpa.ts). */
  dpa?: { dpaVersion: string; dpaAcceptedAt: Date; dpaAcceptedByUserId: string };
  /** Where customers send privacy questions; the owner's email when not given. */
  privacyContactEmail?: string;
};

/**
 * Creates a merchant with its first member (and, from sign-up, its first
 * location); the trial ends TRIAL_DAYS after sign-up. Runs inside
 * lib/tenancy's withNewOrganization, which pinned `orgId`.
 */
export async function createOrganization(tx: Tx, orgId: string, input: NewOrganization) {
  const now = input.now ?? new Date();
  const base = input.slug ?? slugify(input.name);
  let slug = base;
  for (let i = 0; await slugTaken(slug); i++) {
    slug = `${base}-${randomBytes(2).toString("hex")}`;
    if (i > 20) throw new Error("could not find a free slug");
  }
  const privacyContactEmail =
    input.privacyContactEmail ?? (await tx.user.findUnique({ where: { id: input.ownerUserId }, select: { email: true } }))?.email ?? null;
  // The same rules as a location added later in Team & locations.
  const location = input.firstLocation && LocationRequest.parse({ name: input.name.slice(0, 60), ...input.firstLocation });
  return tx.organization.create({
    data: {
      id: orgId,
      name: input.name,
      slug,
      locale: input.locale ?? "nl",
      trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 24 * 3600 * 1000),
      createdAt: now,
      privacyContactEmail,
      ...input.dpa,
      memberships: { create: { userId: input.ownerUserId, role: input.role ?? "OWNER" } },
      ...(location && { locations: { create: { ...location, createdAt: now } } }),
    },
  });
}
