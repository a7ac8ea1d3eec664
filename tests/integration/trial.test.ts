// The trial and the read-only dashboard (lib/billing/entitlements.ts): with
// billing on, an expired trial refuses dashboard and API writes (READ_ONLY)
// while the ways out, the tablet's stamps (through the grace), passes and web
// cards keep working; with billing off nothing turns read-only. The reminder
// emails go once, at 7 days and at 1 day.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { tenantAction } from "@/lib/actions/tenant-action";
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { STAMPING_GRACE_DAYS } from "@/lib/billing/plans";
import { remindTrial, sendTrialReminders } from "@/lib/billing/trial-reminders";
import { getCustomerCard } from "@/lib/cards/customer-card";
import { ownerDb as db } from "@/lib/db/owner";
import { applyCardAction } from "@/lib/stamping/card-action";
import type { TenantContext } from "@/lib/tenancy/context";
import { passBySerial } from "@/lib/wallet/pass-source";
import { appError, makeMerchant, newCard, tablet, type Merchant } from "./helpers";

const session = vi.hoisted(() => ({ ctx: null as TenantContext | null }));
vi.mock("@/lib/auth/session", async () => {
  const { ownerDb } = await import("@/lib/db/owner");
  const current = async () =>
    session.ctx && { ctx: session.ctx, organization: await ownerDb().organization.findUniqueOrThrow({ where: { id: session.ctx.orgId } }), user: {} };
  return { currentTenant: current, requireTenant: current };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const DAY = 86_400_000;
type Handler = (req: Request) => Promise<Response>;
let handler: Handler;
async function api(method: string, path: string, key: string, body?: unknown) {
  const headers = new Headers({ authorization: `Bearer ${key}`, "accept-language": "nl" });
  if (body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
}

const savedKey = process.env.MOLLIE_API_KEY;
const billingOn = () => (process.env.MOLLIE_API_KEY = "test_local");
const billingOff = () => delete process.env.MOLLIE_API_KEY;
afterAll(() => {
  if (savedKey === undefined) delete process.env.MOLLIE_API_KEY;
  else process.env.MOLLIE_API_KEY = savedKey;
});

const trialEnded = (m: Merchant, daysAgo: number) =>
  db().organization.update({ where: { id: m.org.id }, data: { plan: "TRIAL", trialEndsAt: new Date(Date.now() - daysAgo * DAY) } });
const locationCount = (m: Merchant) => db().location.count({ where: { organizationId: m.org.id } });

let m: Merchant;
let key: string;
let staff: Awaited<ReturnType<typeof tablet>>;
let card: Awaited<ReturnType<typeof newCard>>;

beforeAll(async () => {
  handler = (await import("@/app/api/v1/[...path]/route")).GET as Handler;
  m = await makeMerchant("Proef Café");
  key = (await createApiKey(m.ctx(), { name: "Kassa", scopes: [...API_SCOPES] })).key;
  staff = await tablet(m, "4826");
  card = await newCard(m, "Noor");
  session.ctx = m.ctx("OWNER");
});
beforeEach(() => billingOff());

const addLocationAction = async (name: string) => (await import("@/app/actions/team")).addLocationAction({ name });
const stamp = () => applyCardAction(staff.sessionToken, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID() });

describe("an expired trial with billing on", () => {
  it("refuses dashboard writes with READ_ONLY and the message of the way out", async () => {
    billingOn();
    await trialEnded(m, 2);
    const before = await locationCount(m);
    const r = await addLocationAction("Tweede zaak");
    expect(r).toEqual({ ok: false, error: "errors.readOnly.trialEnded", code: "READ_ONLY" });
    expect(await locationCount(m)).toBe(before);
  });

  it("lets the ways out through (billing, export, delete, restore: allowReadOnly)", async () => {
    billingOn();
    await trialEnded(m, 2);
    expect(await tenantAction("OWNER", async (ctx) => ctx.orgId, { allowReadOnly: true })).toEqual({ ok: true, data: m.org.id });
    expect((await tenantAction("OWNER", async () => 1)).ok).toBe(false);
  });

  it("the API reads but does not write (402 read_only)", async () => {
    billingOn();
    await trialEnded(m, 2);
    expect((await api("GET", "/customers", key)).status).toBe(200);
    const w = await api("POST", "/customers", key, { name: "Nieuw", marketingConsent: false });
    expect(w.status).toBe(402);
    expect(w.body.error).toMatchObject({ code: "read_only", details: { reason: "readOnly.trialEnded" } });
    expect(w.body.error.message).toMatch(/proefperiode/i);
  });

  it("a tablet stamp, the pass and the web card keep working during the grace", async () => {
    billingOn();
    await trialEnded(m, 2);
    const before = card.stampCount;
    const r = await stamp();
    expect(r.card.stampCount).toBe(before + 1);
    expect((await passBySerial(card.serial, card.authToken!))?.card.stampCount).toBe(before + 1);
    expect((await getCustomerCard(card.webToken))?.stampCount).toBe(before + 1);
  });

  it("after the stamping grace the tablet is told why; passes and web cards still work", async () => {
    billingOn();
    await trialEnded(m, STAMPING_GRACE_DAYS + 1);
    const count = (await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount;
    const e = await appError(stamp());
    expect([e.code, e.messageKey, e.status]).toEqual(["READ_ONLY", "stampingPaused", 402]);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(count);
    expect((await passBySerial(card.serial, card.authToken!))?.card.stampCount).toBe(count);
    expect((await getCustomerCard(card.webToken))?.stampCount).toBe(count);
  });
});

describe("billing off", () => {
  it("nothing turns read-only: the same write and stamp go through", async () => {
    await trialEnded(m, STAMPING_GRACE_DAYS + 1);
    expect((await addLocationAction("Tweede zaak")).ok).toBe(true);
    expect((await api("POST", "/customers", key, { name: "Nieuw", marketingConsent: false })).status).toBe(201);
    await stamp();
  });
});

describe("trial reminders", () => {
  const outbox = (r: Merchant) => db().outboxEmail.findMany({ where: { id: { startsWith: "trial-reminder-" }, to: r.owner.email } });
  const endsIn = (r: Merchant, days: number) =>
    db().organization.update({
      where: { id: r.org.id },
      data: { trialEndsAt: new Date(Date.now() + days * DAY), trialReminder7SentAt: null, trialReminder1SentAt: null },
    });

  it("go once at 7 days and once at 1 day, in the owner's language", async () => {
    billingOn();
    const r = await makeMerchant("Herinner Café");
    await endsIn(r, 10);
    expect(await remindTrial(r.org.id)).toBeNull();
    await db().organization.update({ where: { id: r.org.id }, data: { trialEndsAt: new Date(Date.now() + 6.5 * DAY) } });
    await sendTrialReminders();
    await sendTrialReminders();
    let mails = await outbox(r);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Je proefperiode bij Stempel eindigt over 7 dagen");
    expect(mails[0].text).toContain("/dashboard/billing");
    expect((await db().organization.findUniqueOrThrow({ where: { id: r.org.id } })).trialReminder7SentAt).not.toBeNull();

    await db().user.update({ where: { id: r.owner.id }, data: { locale: "en" } });
    await db().organization.update({ where: { id: r.org.id }, data: { trialEndsAt: new Date(Date.now() + 0.5 * DAY) } });
    await sendTrialReminders();
    await sendTrialReminders();
    mails = await outbox(r);
    expect(mails.map((x) => x.subject).sort()).toEqual(["Je proefperiode bij Stempel eindigt over 7 dagen", "Your Stempel trial ends tomorrow"]);
    expect(await remindTrial(r.org.id)).toBeNull();
  });

  it("not after the trial ended, and not with billing off", async () => {
    const r = await makeMerchant("Stil Café");
    await endsIn(r, 0.5);
    expect(await sendTrialReminders()).toEqual({ sent: 0 });
    billingOn();
    await db().organization.update({ where: { id: r.org.id }, data: { trialEndsAt: new Date(Date.now() - DAY) } });
    await sendTrialReminders();
    expect(await outbox(r)).toHaveLength(0);
  });
});
