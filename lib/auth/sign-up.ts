import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { dpaAcceptance } from "@/lib/legal/dpa";
import { createOrganization } from "@/lib/organizations/create-organization";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { withNewOrganization } from "@/lib/tenancy/new-organization";
import { addressLine } from "@/lib/validation/address";
import { SignUpRequest } from "@/lib/validation/auth";
import { hashPassword } from "./password";
import type { z } from "zod";

/**
 * New merchant, in one transaction: user + organization + OWNER membership +
 * 30-day trial + the shop as its first location + the accepted data processing
 * agreement (version and time).
 */
export async function signUp(input: z.input<typeof SignUpRequest>, meta: { ip: string; locale?: string; now?: Date }) {
  const data = SignUpRequest.parse(input);
  await enforce([LIMITS.signUpPerIp, meta.ip]);
  const passwordHash = await hashPassword(data.password);
  const now = meta.now ?? new Date();
  try {
    return await withNewOrganization(async (tx, orgId) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash, locale: meta.locale ?? "nl" },
      });
      const organization = await createOrganization(tx, orgId, {
        name: data.businessName,
        ownerUserId: user.id,
        locale: meta.locale,
        now,
        firstLocation: { address: addressLine(data), city: data.city },
        dpa: dpaAcceptance(user.id, now),
        privacyContactEmail: data.email,
      });
      return { userId: user.id, organizationId: organization.id };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      // The email is taken. Saying so is unavoidable on sign-up; the form offers sign-in and reset.
      throw new AppError("CONFLICT", "emailTaken", { email: ["emailTaken"] });
    }
    throw e;
  }
}
