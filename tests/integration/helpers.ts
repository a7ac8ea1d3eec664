import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import { buildCustomerHistory, insertHistories, seedMembership, seedOrganization, seedProgram, seedUser } from "@/prisma/seed/factories";
import { rng } from "@/prisma/seed/random";

let n = 0;

/** A complete merchant: owner, location, published program, customers with cards and events. */
export async function makeMerchant(name: string, options: { customers?: number } = {}) {
  const i = ++n;
  const owner = await seedUser(db(), { email: `owner${i}-${Date.now()}@test.nl`, name: `Owner ${name}`, password: "correct horse battery" });
  const org = await seedOrganization(db(), { name, owner });
  const location = await db().location.create({ data: { organizationId: org.id, name: `${name} centrum` } });
  const program = await seedProgram(db(), org.id);
  const rand = rng(i);
  const histories = Array.from({ length: options.customers ?? 3 }, (_, k) =>
    buildCustomerHistory({
      organizationId: org.id,
      program,
      rand,
      staff: [{ userId: owner.id, locationId: location.id }],
      visits: Array.from({ length: 3 + k * 4 }, (_, v) => ({ at: new Date(Date.now() - (60 - v) * 86_400_000), stamps: 1 })),
      customer: { name: `Klant ${k}`, email: `klant${k}-${i}@example.nl`, phone: null, birthday: null, marketingConsent: true, source: "POSTER", joinedAt: new Date(Date.now() - 61 * 86_400_000) },
    }),
  );
  await insertHistories(db(), histories);
  const ctx = (role: Role = "OWNER"): TenantContext => ({ orgId: org.id, userId: owner.id, role });
  return { org, owner, location, program, ctx, histories };
}

export async function addMember(orgId: string, role: Role, email = `m${++n}-${Date.now()}@test.nl`) {
  const user = await seedUser(db(), { email, name: `Member ${n}`, password: "correct horse battery" });
  await seedMembership(db(), orgId, user.id, role);
  return user;
}

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** The message key of that AppError. */
export const errorKey = async (p: Promise<unknown>) => (await appError(p)).messageKey;
