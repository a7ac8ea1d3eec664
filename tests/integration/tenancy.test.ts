// Merchant A must never list, read, update or delete merchant B's rows through
// the tenant layer — for every tenant-owned model, even with B's exact ids.
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { TENANT_MODELS, tenantDb, TenancyViolation } from "@/lib/tenancy/tenant-db";
import { makeMerchant, seedEveryTenantTable } from "./helpers";

type M = Awaited<ReturnType<typeof makeMerchant>>;
let a: M;
let b: M;

const extras: Record<string, Awaited<ReturnType<typeof seedEveryTenantTable>>> = {};

beforeAll(async () => {
  a = await makeMerchant("Bakkerij A");
  b = await makeMerchant("Koffiebar B");
  for (const m of [a, b]) extras[m.org.id] = await seedEveryTenantTable(m);
});

// For each model: how to find one of B's rows, and a harmless field to try to change.
const MODELS = {
  organization: { id: () => b.org.id, data: { name: "hacked" } },
  membership: { id: async () => (await db().membership.findFirstOrThrow({ where: { organizationId: b.org.id } })).id, data: { role: "STAFF" } },
  location: { id: () => b.location.id, data: { name: "hacked" } },
  cardProgram: { id: () => b.program.id, data: { name: "hacked" } },
  customer: { id: () => b.histories[0].customer.id, data: { name: "hacked" } },
  card: { id: () => b.histories[0].card.id, data: { stampCount: 99 } },
  cardEvent: { id: () => b.histories[0].events[0].id, data: { amount: 99 } },
  cardProgramVersion: { id: () => extras[b.org.id].version, data: { version: 99 } },
  device: { id: () => extras[b.org.id].device, data: { name: "hacked" } },
  deviceSession: { id: () => extras[b.org.id].session, data: { expiresAt: new Date(0) } },
  invitation: { id: () => extras[b.org.id].invitation, data: { role: "MANAGER" } },
  passRegistration: { id: () => extras[b.org.id].registration, data: { pushToken: "hacked" } },
  walletMessage: { id: () => extras[b.org.id].message, data: { body: "hacked" } },
  pinChange: { id: () => extras[b.org.id].pinChange, data: { changedByUserId: null } },
  tabletPairing: { id: () => extras[b.org.id].tabletPairing, data: { usedAt: new Date() } },
  customerTag: { id: () => extras[b.org.id].customerTag, data: { tag: "hacked" } },
  customerImport: { id: () => extras[b.org.id].customerImport, data: { fileName: "hacked.csv" } },
  auditEvent: { id: () => extras[b.org.id].auditEvent, data: { action: "hacked" } },
  loyaltyChange: { id: () => extras[b.org.id].loyaltyChange, data: { toRung: "FAN" } },
  surveyAnswer: { id: () => extras[b.org.id].surveyAnswer, data: { score: 0 } },
  campaign: { id: () => extras[b.org.id].campaign, data: { name: "hacked" } },
  delivery: { id: () => extras[b.org.id].delivery, data: { status: "FAILED" } },
  referral: { id: () => extras[b.org.id].referral, data: { status: "BLOCKED" } },
  savedCustomerFilter: { id: () => extras[b.org.id].savedFilter, data: { name: "hacked" } },
  webhookEndpoint: { id: () => extras[b.org.id].webhookEndpoint, data: { url: "https://hacked.example.com" } },
  webhookEvent: { id: () => extras[b.org.id].webhookEvent, data: { type: "hacked" } },
  webhookDelivery: { id: () => extras[b.org.id].webhookDelivery, data: { status: "FAILED" } },
  apiKey: { id: () => extras[b.org.id].apiKey, data: { name: "hacked" } },
  apiIdempotencyKey: { id: () => extras[b.org.id].apiIdempotencyKey, data: { requestHash: "hacked" } },
  payment: { id: () => extras[b.org.id].payment, data: { status: "FAILED" } },
  invoice: { id: () => extras[b.org.id].invoice, data: { number: "hacked" } },
  // Composite keys: found by their unique key instead of an id.
  automation: { key: () => extras[b.org.id].automation, data: { enabled: true } },
  visit: { key: () => extras[b.org.id].visit, data: { stamps: 99 } },
  customerScore: { key: () => extras[b.org.id].customerScore, data: { visits: 99 } },
  insightCohort: { key: () => extras[b.org.id].insightCohort, data: { customers: 99 } },
  insightPeriod: { key: () => extras[b.org.id].insightPeriod, data: { visits: 99 } },
  insightResult: { key: () => extras[b.org.id].insightResult, data: { data: ["hacked"] } },
  campaignCount: { key: () => extras[b.org.id].campaignCount, data: { n: 99 } },
} as const;

/** How to name B's row of `model` in a where: its id, or its composite unique key. */
async function uniqueWhere(model: keyof typeof MODELS): Promise<Record<string, unknown>> {
  const m = MODELS[model];
  return "key" in m ? m.key() : { id: await m.id() };
}

it("covers every tenant model (a new table must be added here)", () => {
  expect(Object.keys(MODELS).sort()).toEqual([...TENANT_MODELS].sort());
});

type Delegate = {
  findMany: (a?: object) => Promise<{ id: string; organizationId?: string }[]>;
  findUnique: (a: object) => Promise<unknown>;
  findFirst: (a: object) => Promise<unknown>;
  count: (a?: object) => Promise<number>;
  update: (a: object) => Promise<unknown>;
  updateMany: (a: object) => Promise<{ count: number }>;
  delete: (a: object) => Promise<unknown>;
  deleteMany: (a: object) => Promise<{ count: number }>;
};

describe.each(Object.keys(MODELS) as (keyof typeof MODELS)[])("tenant isolation: %s", (model) => {
  const scoped = () => (tenantDb(a.ctx()) as unknown as Record<string, Delegate>)[model];
  const raw = () => (db() as unknown as Record<string, Delegate>)[model];
  const snapshot = async () => JSON.stringify(await raw().findUnique({ where: await uniqueWhere(model) }));

  it("lists only A's rows", async () => {
    const rows = await scoped().findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(model === "organization" ? row.id : row.organizationId).toBe(a.org.id);
    const total = await raw().count();
    expect(await scoped().count()).toBeLessThan(total);
  });

  it("cannot read B's row by id", async () => {
    const where = await uniqueWhere(model);
    expect(await raw().findUnique({ where })).not.toBeNull();
    expect(await scoped().findUnique({ where })).toBeNull();
    const flat = "key" in MODELS[model] ? (Object.values(where)[0] as object) : where;
    expect(await scoped().findFirst({ where: flat })).toBeNull();
    const spoofed = model === "organization" ? flat : { ...flat, organizationId: b.org.id };
    expect(await scoped().findFirst({ where: spoofed })).toBeNull();
  });

  it("cannot update or delete B's row, and the row is unchanged", async () => {
    const where = await uniqueWhere(model);
    const flat = "key" in MODELS[model] ? (Object.values(where)[0] as object) : where;
    const before = await snapshot();
    await expect(scoped().update({ where, data: MODELS[model].data })).rejects.toThrow();
    if (model !== "cardEvent") {
      expect((await scoped().updateMany({ where: flat, data: MODELS[model].data })).count).toBe(0);
    }
    await expect(scoped().delete({ where })).rejects.toThrow();
    if (model !== "organization" && model !== "cardEvent") {
      expect((await scoped().deleteMany({ where: flat })).count).toBe(0);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("tenant layer rules", () => {
  it("stamps A's organization on created rows, whatever the input says", async () => {
    const loc = await tenantDb(a.ctx()).location.create({ data: { name: "Filiaal", organizationId: b.org.id } as never });
    expect(loc.organizationId).toBe(a.org.id);
  });

  it("never moves a row to another tenant on update", async () => {
    const updated = await tenantDb(a.ctx()).location.update({ where: { id: a.location.id }, data: { name: "Nieuw", organizationId: b.org.id } as never });
    expect(updated.organizationId).toBe(a.org.id);
  });

  it("refuses to link A's card to B's customer (composite foreign key)", async () => {
    await expect(
      tenantDb(a.ctx()).card.create({
        data: { programId: a.program.id, customerId: b.histories[0].customer.id, serial: "TEST-TEST-22", authToken: "x".repeat(32) } as never,
      }),
    ).rejects.toThrow();
  });

  it("keeps the ledger append-only", async () => {
    const own = a.histories[0].events[0].id;
    await expect(tenantDb(a.ctx()).cardEvent.update({ where: { id: own }, data: { amount: 5 } })).rejects.toThrow(TenancyViolation);
    await expect(tenantDb(a.ctx()).cardEvent.deleteMany({})).rejects.toThrow(TenancyViolation);
    expect(await db().cardEvent.count({ where: { organizationId: a.org.id } })).toBe(a.histories.flatMap((h) => h.events).length);
  });

  it("cannot create or delete organizations", async () => {
    const t = tenantDb(a.ctx());
    await expect(t.organization.deleteMany({})).rejects.toThrow(TenancyViolation);
    expect(await db().organization.count()).toBeGreaterThanOrEqual(2);
  });
});
