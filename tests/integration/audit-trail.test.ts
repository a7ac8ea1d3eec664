// Issue 17 audit trail: every change that matters leaves exactly one entry, with
// who, from where (address, browser or API key) and, for edits, before/after —
// never a secret. The trail is append-only (UPDATE and DELETE refused for the
// app, raw SQL included) except the 24-month retention purge, and the owners'
// viewer filters by kind, person and date, a page at a time.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { withAuditOrigin } from "@/lib/audit/audit";
import { purgeAuditEvents } from "@/lib/audit/retention";
import { auditPeople, exportAuditTrail, listAuditTrail, PAGE_SIZE } from "@/lib/audit/trail";
import { correctBalance } from "@/lib/customers/correct";
import { mergeCards } from "@/lib/customers/merge";
import { ownerDb as db } from "@/lib/db/owner";
import { setAutomationEnabled } from "@/lib/messages/automations";
import { cancelCampaign, createCampaign } from "@/lib/messages/campaigns";
import { inviteMember } from "@/lib/organizations/invitations";
import { addLocation, archiveLocation, updateLocation } from "@/lib/organizations/locations";
import { changeRole, removeMember } from "@/lib/organizations/manage-members";
import { archiveProgram, createProgram, publishProgram, updateProgram } from "@/lib/programs/manage-programs";
import { pairDevice, revokeDevice, setPin } from "@/lib/stamping/devices";
import { createPairing, pairByCode } from "@/lib/stamping/pairing";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";
import { addMember, appError, makeMerchant, newCard, type DesignInput, type Merchant } from "./helpers";

const IP = "203.0.113.7";
const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
/** As a server action would run it: the request's address and browser are the origin. */
const fromBrowser = <T>(fn: () => Promise<T>) => withAuditOrigin({ ip: IP, userAgent: UA }, fn);

const design: DesignInput = {
  name: "Koffiekaart",
  stampsRequired: "8",
  rewardText: "Gratis koffie",
  backgroundColor: "#224433",
  foregroundColor: "#ffffff",
  labelColor: "#ffdd99",
  stampIcon: "coffee",
  emailField: "optional",
  phoneField: "hidden",
  birthdayField: "hidden",
  marketingConsent: "true",
};

let m: Merchant;
beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  m = await makeMerchant("Logboek Café", { customers: 2 });
});

/** The one entry of `action` about `subjectId` (fails unless exactly one). */
async function only(action: string, subjectId?: string, orgId = m.org.id) {
  const rows = await db().auditEvent.findMany({ where: { organizationId: orgId, action, ...(subjectId ? { subjectId } : {}) } });
  expect(rows, action).toHaveLength(1);
  return rows[0];
}

/** Who and from where, as a browser request left it. */
function byOwnerFromBrowser(e: { actorUserId: string | null; ip: string | null; userAgent: string | null; actorApiKeyId: string | null }) {
  expect({ actor: e.actorUserId, ip: e.ip, ua: e.userAgent, key: e.actorApiKeyId }).toEqual({ actor: m.owner.id, ip: IP, ua: UA, key: null });
}

describe("card programs", () => {
  it("records create, the design edit and the rules edit with before/after, publish and archive", async () => {
    const p = await fromBrowser(() => createProgram(m.ctx(), design));
    byOwnerFromBrowser(await only("program.create", p.id));
    await fromBrowser(() => publishProgram(m.ctx(), p.id));
    byOwnerFromBrowser(await only("program.publish", p.id));

    await fromBrowser(() => updateProgram(m.ctx(), p.id, { ...design, rewardText: "Gratis cappuccino", maxStampsPerDay: "12" }));
    const edit = await only("program.update", p.id);
    byOwnerFromBrowser(edit);
    expect({ before: edit.before, after: edit.after }).toEqual({ before: { rewardText: "Gratis koffie" }, after: { rewardText: "Gratis cappuccino" } });
    const rules = await only("program.rules", p.id);
    expect(rules.before).toEqual({ maxStampsPerDay: 15 });
    expect(rules.after).toEqual({ maxStampsPerDay: 12 });

    // Saving without a change records nothing.
    await updateProgram(m.ctx(), p.id, { ...design, rewardText: "Gratis cappuccino", maxStampsPerDay: "12" });
    await only("program.update", p.id);

    await fromBrowser(() => archiveProgram(m.ctx(), p.id));
    byOwnerFromBrowser(await only("program.archive", p.id));
  });
});

describe("locations", () => {
  it("records add, edit (before/after) and closing", async () => {
    const loc = await fromBrowser(() => addLocation(m.ctx(), { name: "Oost" }));
    byOwnerFromBrowser(await only("location.create", loc.id));
    await fromBrowser(() => updateLocation(m.ctx(), loc.id, { name: "Oost (Javaplein)", city: "Amsterdam" }));
    const e = await only("location.update", loc.id);
    expect(e.before).toEqual({ name: "Oost", city: null });
    expect(e.after).toEqual({ name: "Oost (Javaplein)", city: "Amsterdam" });
    await fromBrowser(() => archiveLocation(m.ctx(), loc.id));
    byOwnerFromBrowser(await only("location.delete", loc.id));
  });
});

describe("staff and PINs", () => {
  it("records an invitation, a role change with before/after and a removal", async () => {
    const inv = await fromBrowser(() => inviteMember(m.ctx(), { email: `nieuw-${Date.now()}@example.nl`, role: "STAFF" }));
    byOwnerFromBrowser(await only("member.invite", inv.id));

    const user = await addMember(m.org.id, "MANAGER");
    const ms = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
    await fromBrowser(() => changeRole(m.ctx(), ms.id, { role: "STAFF" }));
    const role = await only("member.role", ms.id);
    byOwnerFromBrowser(role);
    expect({ before: role.before, after: role.after }).toEqual({ before: { role: "MANAGER" }, after: { role: "STAFF" } });

    await fromBrowser(() => removeMember(m.ctx(), ms.id));
    byOwnerFromBrowser(await only("member.remove", ms.id));
  });

  it("records a PIN change without the PIN or its hash", async () => {
    const user = await addMember(m.org.id, "STAFF");
    const ms = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
    await fromBrowser(() => setPin(m.ctx(), { membershipId: ms.id, pin: "8642" }));
    const e = await only("member.pin", ms.id);
    byOwnerFromBrowser(e);
    const stored = await db().membership.findUniqueOrThrow({ where: { id: ms.id } });
    const text = JSON.stringify(e);
    expect(text).not.toContain("8642");
    expect(text).not.toContain(stored.pinHash!);
    expect(text.toLowerCase()).not.toContain("pinhash");
  });
});

describe("tablets", () => {
  it("records pairing from the dashboard and unpairing", async () => {
    const d = await fromBrowser(() => pairDevice(m.ctx(), { locationId: m.location.id, name: "Kassa 2" }));
    byOwnerFromBrowser(await only("tablet.pair", d.deviceId));
    expect(JSON.stringify(await only("tablet.pair", d.deviceId))).not.toContain(d.deviceToken);
    await fromBrowser(() => revokeDevice(m.ctx(), d.deviceId));
    byOwnerFromBrowser(await only("tablet.revoke", d.deviceId));
  });

  it("records pairing by code as the code's maker, from the tablet's address", async () => {
    const p = await createPairing(m.ctx("MANAGER"), { locationId: m.location.id });
    const paired = await pairByCode({ code: p.code }, "198.51.100.9");
    const e = await only("tablet.pair", paired.deviceId);
    expect({ actor: e.actorUserId, ip: e.ip }).toEqual({ actor: m.owner.id, ip: "198.51.100.9" });
  });
});

describe("integrations", () => {
  it("records API keys made and revoked, never the key or its hash", async () => {
    const k = await fromBrowser(() => createApiKey(m.ctx(), { name: "Kassa", scopes: ["read"] }));
    const e = await only("apiKey.create", k.id);
    byOwnerFromBrowser(e);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: k.id } });
    expect(JSON.stringify(e)).not.toContain(k.key);
    expect(JSON.stringify(e)).not.toContain(row.hash);
    await fromBrowser(() => revokeApiKey(m.ctx(), k.id));
    byOwnerFromBrowser(await only("apiKey.revoke", k.id));
  });

  it("records webhooks made, changed (before/after) and deleted, never the signing secret", async () => {
    const w = await fromBrowser(() => createEndpoint(m.ctx(), { url: "https://hooks.example.com/a", description: null, events: ["card.stamped"] }));
    const made = await only("webhook.create", w.id);
    byOwnerFromBrowser(made);
    expect(JSON.stringify(made)).not.toContain(w.secret);
    await fromBrowser(() => updateEndpoint(m.ctx(), w.id, { url: "https://hooks.example.com/b", description: null, events: ["card.stamped"] }));
    const upd = await only("webhook.update", w.id);
    expect({ before: upd.before, after: upd.after }).toEqual({ before: { url: "https://hooks.example.com/a" }, after: { url: "https://hooks.example.com/b" } });
    await fromBrowser(() => deleteEndpoint(m.ctx(), w.id));
    byOwnerFromBrowser(await only("webhook.delete", w.id));
  });

  it("names the API key (and the caller's address) for a change made through the API", async () => {
    const k = await createApiKey(m.ctx(), { name: "Kassakoppeling", scopes: ["customers:write", "read"] });
    const customer = m.histories[0].customer;
    const { PATCH } = await import("@/app/api/v1/[...path]/route");
    const res = await PATCH(
      new Request(`http://localhost/api/v1/customers/${customer.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${k.key}`, "content-type": "application/json", "user-agent": "curl/8.5.0", "x-stempel-peer": "192.0.2.44" },
        body: JSON.stringify({ name: "Via de kassa" }),
      }),
    );
    expect(res.status).toBe(200);
    const e = await only("customer.update", customer.id);
    expect({ key: e.actorApiKeyId, user: e.actorUserId, ip: e.ip, ua: e.userAgent }).toEqual({ key: k.id, user: null, ip: "192.0.2.44", ua: "curl/8.5.0" });
  });
});

describe("messages", () => {
  const campaign = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    titleNl: "Hoi {naam}",
    titleEn: "Hi {name}",
    bodyNl: "Nog {nog} stempels tot {beloning}.",
    audience: { kind: "all" as const },
    ...extra,
  });

  it("records a campaign sent, one planned and its cancellation", async () => {
    const sent = await fromBrowser(() => createCampaign(m.ctx(), campaign("Herfst")));
    byOwnerFromBrowser(await only("campaign.send", sent.id));
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    const planned = await fromBrowser(() => createCampaign(m.ctx(), campaign("Winter", { scheduleAt: later })));
    byOwnerFromBrowser(await only("campaign.create", planned.id));
    await fromBrowser(() => cancelCampaign(m.ctx(), planned.id));
    byOwnerFromBrowser(await only("campaign.cancel", planned.id));
  });

  it("records an automation switched on with before/after", async () => {
    await fromBrowser(() => setAutomationEnabled(m.ctx(), "WELCOME", true));
    const e = await only("automation.update", "WELCOME");
    byOwnerFromBrowser(e);
    expect({ before: e.before, after: e.after }).toEqual({ before: { enabled: false }, after: { enabled: true } });
  });
});

describe("customers (issue 13 entries now say from where)", () => {
  it("records corrections and merges with the origin", async () => {
    const card = await newCard(m, "Correctie");
    await fromBrowser(() => correctBalance(m.ctx(), { cardId: card.id, stamps: 2, rewards: 0, intermediate: 0, reason: "Papieren kaart" }));
    byOwnerFromBrowser(await only("card.adjust", card.id));
    const keep = await newCard(m, "Blijft");
    const dup = await newCard(m, "Dubbel");
    await fromBrowser(() => mergeCards(m.ctx(), { survivorCardId: keep.id, mergedCardId: dup.id }));
    byOwnerFromBrowser(await only("card.merge", keep.id));
  });

  it("leaves the origin empty outside a request (a worker, a script)", async () => {
    const loc = await addLocation(m.ctx(), { name: "Zonder verzoek" });
    const e = await only("location.create", loc.id);
    expect({ ip: e.ip, ua: e.userAgent }).toEqual({ ip: null, ua: null });
  });
});

describe("append-only", () => {
  it("refuses UPDATE and DELETE through tenantDb and through raw SQL as the app", async () => {
    const e = await db().auditEvent.findFirstOrThrow({ where: { organizationId: m.org.id } });
    const t = tenantDb(m.ctx());
    await expect(t.auditEvent.update({ where: { id: e.id }, data: { action: "x" } })).rejects.toThrow();
    await expect(t.auditEvent.delete({ where: { id: e.id } })).rejects.toThrow();
    await expect(t.auditEvent.deleteMany({})).rejects.toThrow();
    await expect(withTenantTransaction(m.org.id, (sql) => sql(`DELETE FROM "AuditEvent" WHERE id = $1`, [e.id]))).rejects.toThrow(/append-only/);
    await expect(withTenantTransaction(m.org.id, (sql) => sql(`UPDATE "AuditEvent" SET ip = '1.1.1.1' WHERE id = $1`, [e.id]))).rejects.toThrow(/append-only/);
    // Not even the owner's connection deletes an entry by hand.
    await expect(db().auditEvent.delete({ where: { id: e.id } })).rejects.toThrow();
    expect(await db().auditEvent.findUnique({ where: { id: e.id } })).toMatchObject({ action: e.action, ip: e.ip });
  });

  it("the retention purge removes entries older than 24 months, and only those", async () => {
    const x = await makeMerchant("Oud Café", { customers: 1 });
    const month = 30.5 * 86_400_000;
    const at = (months: number) => new Date(Date.now() - months * month);
    const make = (months: number) =>
      db().auditEvent.create({ data: { organizationId: x.org.id, action: "customer.export", subjectType: "customers", createdAt: at(months) } });
    const old = await make(25);
    const young = await make(23);
    const { removed } = await purgeAuditEvents();
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await db().auditEvent.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().auditEvent.findUnique({ where: { id: young.id } })).not.toBeNull();
    // A cutoff in the future is clamped to 24 months: younger entries stay.
    await purgeAuditEvents(new Date(Date.now() + 10 * 365 * 86_400_000));
    expect(await db().auditEvent.findUnique({ where: { id: young.id } })).not.toBeNull();
  });
});

describe("the owners' viewer", () => {
  let v: Merchant;
  beforeAll(async () => {
    v = await makeMerchant("Kijk Café", { customers: 1 });
  });

  it("is for owners only", async () => {
    expect((await appError(listAuditTrail(v.ctx("MANAGER"), {}))).code).toBe("FORBIDDEN");
    expect((await appError(exportAuditTrail(v.ctx("MANAGER"), {}, null as never))).code).toBe("FORBIDDEN");
  });

  it("filters by kind, person and local date range, newest first, a page at a time", async () => {
    const manager = await addMember(v.org.id, "MANAGER");
    const mctx = { orgId: v.org.id, userId: manager.id, role: "MANAGER" as const };
    await addLocation(v.ctx(), { name: "Noord" });
    await createProgram(mctx, design);
    const team = await listAuditTrail(v.ctx(), { group: "locations" });
    expect(team.rows.map((r) => r.action)).toEqual(["location.create"]);
    expect(team.rows[0].actor).toEqual({ kind: "user", id: v.owner.id, name: v.owner.name });
    const byManager = await listAuditTrail(v.ctx(), { who: manager.id });
    expect(byManager.rows.map((r) => r.action)).toEqual(["program.create"]);
    expect((await auditPeople(v.ctx())).map((p) => p.value).sort()).toEqual([v.owner.id, manager.id].sort());

    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Amsterdam" });
    expect((await listAuditTrail(v.ctx(), { from: today, to: today })).rows).toHaveLength(2);
    expect((await listAuditTrail(v.ctx(), { to: "2020-01-01" })).rows).toHaveLength(0);
    expect((await appError(listAuditTrail(v.ctx(), { from: "2026-02-01", to: "2026-01-01" }))).code).toBe("VALIDATION");
    expect((await appError(listAuditTrail(v.ctx(), { group: "nonsense" }))).code).toBe("VALIDATION");

    // Pagination: more than a page of entries, in order, none twice.
    await db().auditEvent.createMany({
      data: Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({
        organizationId: v.org.id,
        actorUserId: v.owner.id,
        action: "customer.export",
        subjectType: "customers",
        createdAt: new Date(Date.now() - (i + 1) * 60_000),
      })),
    });
    const first = await listAuditTrail(v.ctx(), {});
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listAuditTrail(v.ctx(), { cursor: first.next });
    expect(second.next).toBeNull();
    const all = [...first.rows, ...second.rows];
    expect(all).toHaveLength(PAGE_SIZE + 5 + 2);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const times = all.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("downloads the filtered list as CSV and records the download", async () => {
    const labels = {
      header: ["Wanneer", "Wie", "Wat", "Waarover", "IP", "Browser", "Voor", "Na", "Details"],
      action: (a: string) => a,
      actor: () => "x",
      time: (d: Date) => d.toISOString(),
    };
    const { csv, rows } = await exportAuditTrail(v.ctx(), { group: "locations" }, labels);
    expect(rows).toBe(1);
    expect(csv).toContain("location.create");
    expect(csv).not.toContain("program.create");
    const e = await only("audit.export", v.org.id, v.org.id);
    expect(e.details).toMatchObject({ rows: 1, filter: { group: "locations" } });
  });
});
