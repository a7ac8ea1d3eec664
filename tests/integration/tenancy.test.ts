// Merchant A must never list, read, update or delete merchant B's rows through
// the tenant layer — for every tenant-owned model, even with B's exact ids.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tenantDb, TenancyViolation } from "@/lib/tenancy/tenant-db";
import { makeMerchant } from "./helpers";

type M = Awaited<ReturnType<typeof makeMerchant>>;
let a: M;
let b: M;

const extras: Record<string, { version: string; verification: string; device: string; session: string; invitation: string; registration: string; message: string }> = {};

beforeAll(async () => {
  a = await makeMerchant("Bakkerij A");
  b = await makeMerchant("Koffiebar B");
  for (const m of [a, b]) {
    const version = await db().cardProgramVersion.create({ data: { organizationId: m.org.id, programId: m.program.id, version: 1, design: {} } });
    const verification = await db().enrollmentVerification.create({
      data: { organizationId: m.org.id, customerId: m.histories[0].customer.id, programId: m.program.id, codeHash: "x", expiresAt: new Date(Date.now() + 60_000) },
    });
    const device = await db().device.create({ data: { organizationId: m.org.id, locationId: m.location.id, name: "Tablet", tokenHash: `dev-${m.org.id}` } });
    const session = await db().deviceSession.create({ data: { organizationId: m.org.id, deviceId: device.id, userId: m.owner.id, tokenHash: `ses-${m.org.id}`, expiresAt: new Date(Date.now() + 60_000) } });
    const invitation = await db().invitation.create({ data: { organizationId: m.org.id, email: `x@${m.org.id}.nl`, role: "STAFF", tokenHash: `inv-${m.org.id}`, expiresAt: new Date(Date.now() + 60_000) } });
    const registration = await db().passRegistration.create({
      data: { organizationId: m.org.id, cardId: m.histories[0].card.id, deviceLibraryIdentifier: `iphone-${m.org.id}`, passTypeIdentifier: "pass.nl.stempel.dev", pushToken: "ab".repeat(32) },
    });
    const message = await db().walletMessage.create({ data: { organizationId: m.org.id, cardId: m.histories[0].card.id, header: "Actie", body: "Dubbele stempels", notify: true } });
    extras[m.org.id] = { version: version.id, verification: verification.id, device: device.id, session: session.id, invitation: invitation.id, registration: registration.id, message: message.id };
  }
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
  enrollmentVerification: { id: () => extras[b.org.id].verification, data: { attempts: 99 } },
  device: { id: () => extras[b.org.id].device, data: { name: "hacked" } },
  deviceSession: { id: () => extras[b.org.id].session, data: { expiresAt: new Date(0) } },
  invitation: { id: () => extras[b.org.id].invitation, data: { role: "MANAGER" } },
  passRegistration: { id: () => extras[b.org.id].registration, data: { pushToken: "hacked" } },
  walletMessage: { id: () => extras[b.org.id].message, data: { body: "hacked" } },
} as const;

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
  const bId = async () => MODELS[model].id();
  const snapshot = async () => JSON.stringify(await raw().findUnique({ where: { id: await bId() } }));

  it("lists only A's rows", async () => {
    const rows = await scoped().findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(model === "organization" ? row.id : row.organizationId).toBe(a.org.id);
    const total = await raw().count();
    expect(await scoped().count()).toBeLessThan(total);
  });

  it("cannot read B's row by id", async () => {
    const id = await bId();
    expect(await raw().findUnique({ where: { id } })).not.toBeNull();
    expect(await scoped().findUnique({ where: { id } })).toBeNull();
    expect(await scoped().findFirst({ where: { id } })).toBeNull();
    const spoofed = model === "organization" ? { id } : { id, organizationId: b.org.id };
    expect(await scoped().findFirst({ where: spoofed })).toBeNull();
  });

  it("cannot update or delete B's row, and the row is unchanged", async () => {
    const id = await bId();
    const before = await snapshot();
    await expect(scoped().update({ where: { id }, data: MODELS[model].data })).rejects.toThrow();
    if (model !== "cardEvent") {
      expect((await scoped().updateMany({ where: { id }, data: MODELS[model].data })).count).toBe(0);
    }
    await expect(scoped().delete({ where: { id } })).rejects.toThrow();
    if (model !== "organization" && model !== "cardEvent") {
      expect((await scoped().deleteMany({ where: { id } })).count).toBe(0);
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

  it("refuses non-tenant models and raw SQL", async () => {
    const t = tenantDb(a.ctx()) as unknown as Record<string, { findMany: () => Promise<unknown> } | undefined>;
    await expect(t.user!.findMany()).rejects.toThrow(TenancyViolation);
    await expect(t.outboxEmail!.findMany()).rejects.toThrow(TenancyViolation);
  });

  it("cannot create or delete organizations", async () => {
    const t = tenantDb(a.ctx());
    await expect(t.organization.deleteMany({})).rejects.toThrow(TenancyViolation);
    expect(await db().organization.count()).toBeGreaterThanOrEqual(2);
  });
});
