// Pairing a tablet by a one-time code (issue 12 §2): the dashboard makes a code
// for a location, the tablet sends it to POST /api/tablet/pair without signing
// in. A code pairs one tablet, once, within 15 minutes, into its own business
// only; guesses are rate limited per client address.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { ownerDb as db } from "@/lib/db/owner";
import { listTabletStaff } from "@/lib/stamping/devices";
import { createPairing, PAIR_PER_IP, pairingStatus } from "@/lib/stamping/pairing";
import type { TenantContext } from "@/lib/tenancy/context";
import { appError, makeMerchant, type Merchant } from "./helpers";

// The signed-in member of the older path (a manager signed in on the tablet's browser).
const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext } }));
vi.mock("@/lib/auth/session", () => ({ currentTenant: async () => session.current }));

const { POST } = await import("@/app/api/tablet/pair/route");

let a: Merchant;
let b: Merchant;
let ip = 0;
/** Each test its own client address, so the rate limit is only met where a test means to. */
const newIp = () => `198.51.100.${++ip}`;

type Body = { error?: string; message?: string; deviceId?: string; deviceToken?: string; deviceName?: string; locationName?: string };
async function pair(body: unknown, from: string) {
  const res = await POST(
    new Request("http://localhost/api/tablet/pair", {
      method: "POST",
      headers: { "Content-Type": "application/json", [PEER_HEADER]: from },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as Body };
}

const MIN = 60_000;
const devicesOf = (m: Merchant) => db().device.count({ where: { organizationId: m.org.id } });

beforeAll(async () => {
  a = await makeMerchant("Koppelbar", { customers: 0 });
  b = await makeMerchant("Andere zaak", { customers: 0 });
});

describe("pairing a tablet by code", () => {
  it("pairs a tablet to the code's location without signing in; the dashboard sees it; only the code's hash is stored", async () => {
    const p = await createPairing(a.ctx("MANAGER"), { locationId: a.location.id });
    expect(p.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(p.url).toMatch(new RegExp(`/stamp\\?pair=${p.code}$`));
    expect(p.expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * MIN);
    expect(p.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * MIN);
    expect(await pairingStatus(a.ctx("MANAGER"), p.pairingId)).toEqual({ state: "waiting" });
    const row = await db().tabletPairing.findUniqueOrThrow({ where: { id: p.pairingId } });
    expect(JSON.stringify(row)).not.toContain(p.code.replace("-", ""));
    expect(row.codeHash).toBe(createHash("sha256").update(p.code.replace("-", "")).digest("hex"));

    // As typed on the tablet: lower case, no dash.
    const r = await pair({ code: p.code.replace("-", "").toLowerCase() }, newIp());
    expect(r).toMatchObject({ status: 200, body: { deviceName: "Tablet 1", locationName: a.location.name } });
    const device = await db().device.findUniqueOrThrow({ where: { id: r.body.deviceId } });
    expect(device).toMatchObject({ organizationId: a.org.id, locationId: a.location.id, name: "Tablet 1", pairedByUserId: a.owner.id, revokedAt: null });
    // The token is the tablet's own from now on: the lock screen's names answer it.
    expect(await listTabletStaff({ deviceToken: r.body.deviceToken! })).toEqual({ members: expect.any(Array) });
    expect(await pairingStatus(a.ctx("MANAGER"), p.pairingId)).toEqual({ state: "paired", deviceName: "Tablet 1", locationName: a.location.name });

    // A second tablet, named on the tablet, code with its dash.
    const q = await createPairing(a.ctx("OWNER"), { locationId: a.location.id });
    expect(await pair({ code: q.code, name: "  Tablet bar " }, newIp())).toMatchObject({ status: 200, body: { deviceName: "Tablet bar" } });
    const r3 = await pair({ code: (await createPairing(a.ctx(), { locationId: a.location.id })).code }, newIp());
    expect(r3.body.deviceName).toBe("Tablet 2");
  });

  it("refuses a wrong or malformed code with a clear message, and staff cannot make codes", async () => {
    const from = newIp();
    expect(await pair({ code: "ZZZZ-ZZZZ" }, from)).toMatchObject({ status: 422, body: { message: "pairingCodeWrong" } });
    expect(await pair({ code: "K7QM-4PX" }, from)).toMatchObject({ status: 422, body: { message: "VALIDATION" } });
    expect(await pair({ code: "" }, from)).toMatchObject({ status: 422 });
    expect(await pair({ code: 12345678 }, from)).toMatchObject({ status: 422 });
    const p = await createPairing(a.ctx(), { locationId: a.location.id });
    expect(await pair({ code: p.code, name: "x".repeat(61) }, from)).toMatchObject({ status: 422 });
    expect((await appError(createPairing(a.ctx("STAFF"), { locationId: a.location.id }))).code).toBe("FORBIDDEN");
    expect((await appError(createPairing(a.ctx(), { locationId: "nonexistent-location" }))).messageKey).toBe("locationRequired");
  });

  it("refuses an expired code", async () => {
    const before = await devicesOf(a);
    const p = await createPairing(a.ctx(), { locationId: a.location.id }, new Date(Date.now() - 16 * MIN));
    expect(await pair({ code: p.code }, newIp())).toMatchObject({ status: 422, body: { message: "pairingCodeExpired" } });
    expect(await pairingStatus(a.ctx(), p.pairingId)).toEqual({ state: "expired" });
    expect(await devicesOf(a)).toBe(before);
  });

  it("refuses a code used before", async () => {
    const p = await createPairing(a.ctx(), { locationId: a.location.id });
    expect(await pair({ code: p.code }, newIp())).toMatchObject({ status: 200 });
    const before = await devicesOf(a);
    expect(await pair({ code: p.code }, newIp())).toMatchObject({ status: 409, body: { message: "pairingCodeUsed" } });
    expect(await devicesOf(a)).toBe(before);
  });

  it("pairs one tablet when the same code arrives many times at once", async () => {
    const p = await createPairing(a.ctx(), { locationId: a.location.id });
    const before = await devicesOf(a);
    const answers = await Promise.all(Array.from({ length: 8 }, () => pair({ code: p.code }, newIp())));
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect(await devicesOf(a)).toBe(before + 1);
    const row = await db().tabletPairing.findUniqueOrThrow({ where: { id: p.pairingId } });
    expect(row.deviceId).toBe(answers.find((x) => x.status === 200)!.body.deviceId);
  });

  it("limits attempts per client address: guessing stops, even for a right code, while other addresses still pair", async () => {
    const guesser = newIp();
    for (let i = 0; i < PAIR_PER_IP.max; i++) expect((await pair({ code: `ZZZZ-ZZZ${"23456789AB"[i]}` }, guesser)).status).toBe(422);
    const p = await createPairing(a.ctx(), { locationId: a.location.id });
    const refused = await pair({ code: p.code }, guesser);
    expect(refused).toMatchObject({ status: 429, body: { error: "RATE_LIMITED" } });
    expect(await pair({ code: p.code }, newIp())).toMatchObject({ status: 200 });
  });

  it("pairs into the code's own business only", async () => {
    const p = await createPairing(b.ctx(), { locationId: b.location.id });
    const [beforeA, beforeB] = [await devicesOf(a), await devicesOf(b)];
    const r = await pair({ code: p.code }, newIp());
    expect(r).toMatchObject({ status: 200, body: { locationName: b.location.name } });
    expect(await db().device.findUniqueOrThrow({ where: { id: r.body.deviceId } })).toMatchObject({ organizationId: b.org.id, locationId: b.location.id });
    expect([await devicesOf(a), await devicesOf(b)]).toEqual([beforeA, beforeB + 1]);
    // A cannot make a code for B's location, nor watch B's code.
    expect((await appError(createPairing(a.ctx(), { locationId: b.location.id }))).messageKey).toBe("locationRequired");
    expect((await appError(pairingStatus(a.ctx(), p.pairingId))).code).toBe("NOT_FOUND");
  });

  it("refuses a code whose location was closed since, and leaves the code unused", async () => {
    const loc = await db().location.create({ data: { organizationId: a.org.id, name: "Pop-up" } });
    const p = await createPairing(a.ctx(), { locationId: loc.id });
    await db().location.update({ where: { id: loc.id }, data: { archivedAt: new Date() } });
    expect(await pair({ code: p.code }, newIp())).toMatchObject({ status: 422, body: { message: "pairingLocationGone" } });
    expect((await db().tabletPairing.findUniqueOrThrow({ where: { id: p.pairingId } })).usedAt).toBeNull();
  });

  it("still pairs the older way: a manager signed in on the tablet's browser", async () => {
    session.current = null;
    expect(await pair({ locationId: a.location.id, name: "Tablet kassa" }, newIp())).toMatchObject({ status: 401 });
    session.current = { ctx: a.ctx("STAFF") };
    expect(await pair({ locationId: a.location.id, name: "Tablet kassa" }, newIp())).toMatchObject({ status: 403 });
    session.current = { ctx: a.ctx("MANAGER") };
    expect(await pair({ locationId: a.location.id, name: "Tablet kassa" }, newIp())).toMatchObject({ status: 200, body: { locationName: a.location.name } });
    session.current = null;
  });
});
