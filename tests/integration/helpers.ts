import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { pairDevice, resolveTablet, setPin, unlockDevice } from "@/lib/stamping/devices";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { ProgramDesignRequest } from "@/lib/validation/programs";
import type { z } from "zod";
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
      customer: {
        name: `Klant ${k}`,
        email: `klant${k}-${i}@example.nl`,
        phone: null,
        birthday: null,
        marketingConsent: true,
        source: "POSTER",
        joinedAt: new Date(Date.now() - 61 * 86_400_000),
      },
    }),
  );
  await insertHistories(db(), histories);
  const ctx = (role: Role = "OWNER"): TenantContext => ({ orgId: org.id, userId: owner.id, role });
  return { org, owner, location, program, ctx, histories };
}

export type Merchant = Awaited<ReturnType<typeof makeMerchant>>;

/** A new customer with a card in `m`'s program, as enrollment issues it. */
export async function newCard(m: Merchant, name = "Klant") {
  const customer = await db().customer.create({ data: { organizationId: m.org.id, name } });
  const { issueCard } = await import("@/lib/cards/issue-card");
  const { tenantDb } = await import("@/lib/tenancy/tenant-db");
  const card = await tenantDb({ orgId: m.org.id }).$transaction((tx) =>
    issueCard(tx, { orgId: m.org.id, programId: m.program.id, programVersion: 1, customerId: customer.id, idempotencyKey: null }),
  );
  return db().card.findUniqueOrThrow({ where: { id: card.id }, omit: { authToken: false } });
}

/** A paired, unlocked tablet of `m` with a new member whose PIN is `pin`. */
export async function tablet(m: Merchant, pin: string, role: "STAFF" | "MANAGER" = "STAFF") {
  const user = await addMember(m.org.id, role);
  const membership = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
  await setPin(m.ctx("OWNER"), { membershipId: membership.id, pin });
  const paired = await pairDevice(m.ctx("MANAGER"), { locationId: m.location.id, name: "Tablet kassa" });
  // The unlock rotates the device token to the one the tablet proposes.
  const deviceToken = randomBytes(32).toString("base64url");
  const { sessionToken } = await unlockDevice({ deviceToken: paired.deviceToken, nextDeviceToken: deviceToken, memberId: membership.id, pin });
  return { principal: await resolveTablet(sessionToken), deviceToken, sessionToken, user, memberId: membership.id };
}

export async function addMember(orgId: string, role: Role, email = `m${++n}-${Date.now()}@test.nl`) {
  const user = await seedUser(db(), { email, name: `Member ${n}`, password: "correct horse battery" });
  await seedMembership(db(), orgId, user.id, role);
  return user;
}

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** The message key of that AppError. */
export const errorKey = async (p: Promise<unknown>) => (await appError(p)).messageKey;

/** One row in each tenant table that makeMerchant leaves empty (wallet, devices, invitations…). */
export async function seedEveryTenantTable(m: Merchant) {
  const version = await db().cardProgramVersion.create({ data: { organizationId: m.org.id, programId: m.program.id, version: 1, design: {} } });
  const device = await db().device.create({ data: { organizationId: m.org.id, locationId: m.location.id, name: "Tablet", tokenHash: `dev-${m.org.id}` } });
  const session = await db().deviceSession.create({
    data: { organizationId: m.org.id, deviceId: device.id, userId: m.owner.id, tokenHash: `ses-${m.org.id}`, expiresAt: new Date(Date.now() + 60_000) },
  });
  const invitation = await db().invitation.create({
    data: { organizationId: m.org.id, email: `x@${m.org.id}.nl`, role: "STAFF", tokenHash: `inv-${m.org.id}`, expiresAt: new Date(Date.now() + 60_000) },
  });
  const registration = await db().passRegistration.create({
    data: {
      organizationId: m.org.id,
      cardId: m.histories[0].card.id,
      deviceLibraryIdentifier: `iphone-${m.org.id}`,
      passTypeIdentifier: "pass.nl.stempel.dev",
      pushToken: "ab".repeat(32),
    },
  });
  const message = await db().walletMessage.create({
    data: { organizationId: m.org.id, cardId: m.histories[0].card.id, header: "Actie", body: "Dubbele stempels", notify: true },
  });
  const ownerMembership = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: m.owner.id } });
  const pinChange = await db().pinChange.create({ data: { organizationId: m.org.id, membershipId: ownerMembership.id, changedByUserId: m.owner.id } });
  const pairing = await db().tabletPairing.create({
    data: { organizationId: m.org.id, locationId: m.location.id, codeHash: `pair-${m.org.id}`, expiresAt: new Date(Date.now() + 60_000) },
  });
  const tag = await db().customerTag.create({ data: { organizationId: m.org.id, customerId: m.histories[0].customer.id, tag: "VIP" } });
  const customerImport = await db().customerImport.create({ data: { organizationId: m.org.id, fileName: "klanten.csv", fileType: "csv" } });
  const auditEvent = await db().auditEvent.create({
    data: { organizationId: m.org.id, actorUserId: m.owner.id, action: "customer.export", subjectType: "customers", details: { rows: 1 } },
  });
  const customerId = m.histories[0].customer.id;
  // Visits come from the ledger's stamps (the CardEvent trigger), one is enough here.
  const visit = await db().visit.findFirstOrThrow({ where: { organizationId: m.org.id } });
  const score = await db().customerScore.create({
    data: {
      organizationId: m.org.id,
      customerId,
      visits: 1,
      visits90: 1,
      stamps: 1,
      spendCents: 0,
      recency: 5,
      frequency: 1,
      monetary: 1,
      engagement: 0,
      rung: "NEW",
      computedAt: new Date(),
    },
  });
  const loyaltyChange = await db().loyaltyChange.create({ data: { organizationId: m.org.id, customerId, fromRung: "NEW", toRung: "RETURNING" } });
  const cohort = await db().insightCohort.create({ data: { organizationId: m.org.id, month: new Date("2026-01-01"), offset: 0, customers: 1 } });
  const period = await db().insightPeriod.create({
    data: {
      organizationId: m.org.id,
      from: new Date("2026-01-01"),
      to: new Date("2026-01-31"),
      threshold: 2,
      active: 1,
      visits: 1,
      stamps: 1,
      returning: 0,
      regularVisits: 0,
    },
  });
  const result = await db().insightResult.create({
    data: {
      organizationId: m.org.id,
      panel: "staff.staffSummary",
      period: "month",
      from: new Date("2026-01-01"),
      to: new Date("2026-01-31"),
      computedAt: new Date(),
      data: [],
    },
  });
  const surveyAnswer = await db().surveyAnswer.create({
    data: { organizationId: m.org.id, customerId, cardId: m.histories[0].card.id, kind: "NPS", score: 9, comment: "Top koffie" },
  });
  const campaign = await db().campaign.create({
    data: { organizationId: m.org.id, name: "Herfst", titleNl: "Actie", bodyNl: "Dubbele stempels", audience: { kind: "all" } },
  });
  const delivery = await db().delivery.create({ data: { organizationId: m.org.id, customerId, campaignId: campaign.id, status: "DELIVERED" } });
  await db().automation.create({ data: { organizationId: m.org.id, kind: "BIRTHDAY", enabled: false } });
  const friend = m.histories[1] ?? m.histories[0];
  const referral = await db().referral.create({
    data: {
      organizationId: m.org.id,
      programId: m.program.id,
      referrerCustomerId: customerId,
      referrerCardId: m.histories[0].card.id,
      friendCustomerId: friend.customer.id,
      friendCardId: friend.card.id,
    },
  });
  const savedFilter = await db().savedCustomerFilter.create({ data: { organizationId: m.org.id, name: "Vaste klanten", filter: { rung: "REGULAR" } } });
  const webhookEndpoint = await db().webhookEndpoint.create({
    data: { organizationId: m.org.id, url: "https://hooks.example.com/stempel", events: ["card.stamped"], secret: "whsec_dGVzdHNlY3JldA==" },
  });
  const webhookEvent = await db().webhookEvent.create({ data: { id: `msg_${m.org.id}`, organizationId: m.org.id, type: "card.stamped", payload: {} } });
  const webhookDelivery = await db().webhookDelivery.create({ data: { organizationId: m.org.id, endpointId: webhookEndpoint.id, eventId: webhookEvent.id } });
  const apiKey = await db().apiKey.create({
    data: { organizationId: m.org.id, name: "Kassa", prefix: "stk_test", hash: `hash_${m.org.id}`, scopes: ["read"] },
  });
  const apiIdempotencyKey = await db().apiIdempotencyKey.create({ data: { organizationId: m.org.id, apiKeyId: apiKey.id, key: "order-1", requestHash: "h" } });
  const payment = await db().payment.create({
    data: {
      organizationId: m.org.id,
      molliePaymentId: `tr_${m.org.id}`,
      kind: "FIRST",
      status: "PAID",
      plan: "GROEI",
      interval: "MONTH",
      netCents: 3900,
      vatCents: 819,
      totalCents: 4719,
      periodStart: new Date("2026-11-01"),
      periodEnd: new Date("2026-12-01"),
      description: "Stempel Groei",
    },
  });
  const invoice = await db().invoice.create({
    data: {
      organizationId: m.org.id,
      paymentId: payment.id,
      number: `T-${m.org.id}`,
      buyer: { name: m.org.name },
      lines: [],
      netCents: 3900,
      vatRateBp: 2100,
      vatCents: 819,
      totalCents: 4719,
    },
  });
  return {
    payment: payment.id,
    invoice: invoice.id,
    campaign: campaign.id,
    delivery: delivery.id,
    automation: { organizationId_kind: { organizationId: m.org.id, kind: "BIRTHDAY" as const } },
    referral: referral.id,
    savedFilter: savedFilter.id,
    webhookEndpoint: webhookEndpoint.id,
    webhookEvent: webhookEvent.id,
    webhookDelivery: webhookDelivery.id,
    apiKey: apiKey.id,
    apiIdempotencyKey: apiIdempotencyKey.id,
    visit: { organizationId_customerId_day: { organizationId: m.org.id, customerId: visit.customerId, day: visit.day } },
    customerScore: { organizationId_customerId: { organizationId: m.org.id, customerId: score.customerId } },
    loyaltyChange: loyaltyChange.id,
    insightCohort: { organizationId_month_offset: { organizationId: m.org.id, month: cohort.month, offset: cohort.offset } },
    insightPeriod: { organizationId_from_to_threshold: { organizationId: m.org.id, from: period.from, to: period.to, threshold: period.threshold } },
    insightResult: { organizationId_panel_period: { organizationId: m.org.id, panel: result.panel, period: result.period } },
    // Kept by the Delivery trigger for the delivery above.
    campaignCount: { organizationId_campaignId_status: { organizationId: m.org.id, campaignId: campaign.id, status: "DELIVERED" as const } },
    surveyAnswer: surveyAnswer.id,
    version: version.id,
    device: device.id,
    session: session.id,
    invitation: invitation.id,
    registration: registration.id,
    message: message.id,
    pinChange: pinChange.id,
    tabletPairing: pairing.id,
    customerTag: tag.id,
    customerImport: customerImport.id,
    auditEvent: auditEvent.id,
  };
}

/** The card designer's form values (strings) as the typed input updateProgram takes. */
export type DesignInput = z.input<typeof ProgramDesignRequest>;
