// Each plan limit (lib/billing/plans.ts) enforced in the domain layer
// (lib/billing/entitlements.ts): over the limit a create is refused with
// PLAN_LIMIT (the API: 403 plan_limit), under it the same create succeeds.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { planUsage } from "@/lib/billing/entitlements";
import { plan, type PlanEnum } from "@/lib/billing/plans";
import { startImport } from "@/lib/customers/import/imports";
import { ownerDb as db } from "@/lib/db/owner";
import { createCampaign } from "@/lib/messages/campaigns";
import { setAutomationEnabled } from "@/lib/messages/automations";
import { inviteMember } from "@/lib/organizations/invitations";
import { addLocation } from "@/lib/organizations/locations";
import { addTabletStaff } from "@/lib/organizations/manage-members";
import { archiveProgram, createProgram, duplicateProgram, publishProgram } from "@/lib/programs/manage-programs";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { appError, makeMerchant, type DesignInput, type Merchant } from "./helpers";

type Handler = (req: Request) => Promise<Response>;
let handler: Handler;

async function api(method: string, path: string, key: string, body?: unknown) {
  const headers = new Headers({ authorization: `Bearer ${key}` });
  if (body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  return { status: res.status, body: await res.json() };
}

const onPlan = (m: Merchant, p: PlanEnum) => db().organization.update({ where: { id: m.org.id }, data: { plan: p } });
const refused = async (p: Promise<unknown>, limit: string) => {
  const e = await appError(p);
  expect([e.code, e.messageKey]).toEqual(["PLAN_LIMIT", `planLimit.${limit}`]);
};
const design = (name: string): DesignInput => ({
  name,
  stampsRequired: "8",
  rewardText: "Gratis thee",
  backgroundColor: "#224433",
  foregroundColor: "#ffffff",
  labelColor: "#ffdd99",
  stampIcon: "coffee",
  emailField: "optional",
  phoneField: "hidden",
  birthdayField: "hidden",
  marketingConsent: "true",
});
const campaign = (name: string) => ({ name, titleNl: "Hoi", titleEn: "Hi", bodyNl: "Tot snel.", audience: { kind: "all" as const } });

beforeAll(async () => {
  handler = (await import("@/app/api/v1/[...path]/route")).GET as Handler;
});

describe("plan limits (Start)", () => {
  let m: Merchant;
  beforeAll(async () => {
    m = await makeMerchant("Klein Café");
    await onPlan(m, "START");
    expect(plan("start").limits).toMatchObject({ cardPrograms: 1, locations: 1, staff: 3, campaignsPerMonth: 2, automations: 0 });
  });

  it("card programs: a second is refused, also as a copy; archiving one makes room", async () => {
    await refused(createProgram(m.ctx(), design("Thee")), "cardPrograms");
    await refused(duplicateProgram(m.ctx(), m.program.id, "(kopie)"), "cardPrograms");
    await archiveProgram(m.ctx(), m.program.id);
    const thee = await createProgram(m.ctx(), design("Thee"));
    // Bringing the archived one back would make two.
    await refused(publishProgram(m.ctx(), m.program.id), "cardPrograms");
    await archiveProgram(m.ctx(), thee.id);
    await publishProgram(m.ctx(), m.program.id);
  });

  it("locations: a second is refused on Start, allowed on Groei", async () => {
    await refused(addLocation(m.ctx(), { name: "Tweede zaak" }), "locations");
    await onPlan(m, "GROEI");
    await addLocation(m.ctx(), { name: "Tweede zaak" });
    await onPlan(m, "START");
  });

  it("staff: owner + two is the team; a fourth (tablet staff or invitation) is refused", async () => {
    await addTabletStaff(m.ctx(), { name: "Sanne", pin: "1357", pinRepeat: "1357" });
    await inviteMember(m.ctx(), { email: "joost@klein.nl", role: "STAFF" });
    await refused(addTabletStaff(m.ctx(), { name: "Pim", pin: "2468", pinRepeat: "2468" }), "staff");
    await refused(inviteMember(m.ctx(), { email: "lotte@klein.nl", role: "STAFF" }), "staff");
    // A new link for the invitation already open is no extra person.
    await inviteMember(m.ctx(), { email: "joost@klein.nl", role: "STAFF" });
  });

  it("campaigns: two this month, the third is refused", async () => {
    await createCampaign(m.ctx(), campaign("Een"));
    await createCampaign(m.ctx(), campaign("Twee"));
    await refused(createCampaign(m.ctx(), campaign("Drie")), "campaignsPerMonth");
    // Last month's campaigns do not count.
    await db().campaign.updateMany({ where: { organizationId: m.org.id }, data: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });
    await createCampaign(m.ctx(), campaign("Drie"));
  });

  it("automations: none on Start; on Groei one switches on", async () => {
    await refused(setAutomationEnabled(m.ctx(), "WELCOME", true), "automations");
    await onPlan(m, "GROEI");
    await setAutomationEnabled(m.ctx(), "WELCOME", true);
    await onPlan(m, "START");
    // Switching off is always possible.
    await setAutomationEnabled(m.ctx(), "WELCOME", false);
  });

  it("API: no keys on Start, and a key made before answers 403 plan_limit to every request", async () => {
    await onPlan(m, "PRO");
    const { key } = await createApiKey(m.ctx(), { name: "Kassa", scopes: [...API_SCOPES] });
    expect((await api("GET", "/customers", key)).status).toBe(200);
    await onPlan(m, "START");
    await refused(createApiKey(m.ctx(), { name: "Nog een", scopes: ["read"] }), "api");
    const r = await api("GET", "/customers", key);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: "plan_limit", details: { reason: "planLimit.api" } });
    expect(r.body.error.message).toMatch(/Pro/);
    const s = await api("POST", `/cards/${m.histories[0].card.serial}/stamp`, key, { amount: 1 });
    expect([s.status, s.body.error.code]).toEqual([403, "plan_limit"]);
  });

  it("webhooks: no endpoint on Start, and no deliveries for one made before", async () => {
    await refused(createEndpoint(m.ctx(), { url: "https://hooks.example.com/stempel", description: null, events: ["card.stamped"] }), "webhooks");
    await db().webhookEndpoint.create({
      data: { organizationId: m.org.id, url: "https://hooks.example.com/stempel", events: ["card.stamped"], secret: "whsec_test" },
    });
    await db().webhookEvent.create({ data: { id: `msg_${m.org.id}`, organizationId: m.org.id, type: "card.stamped", payload: {} } });
    expect(await dispatchWebhookEvents(m.org.id)).toEqual({ events: 1, deliveries: 0 });
  });

  it("shows usage per limit", async () => {
    const { plan: p, usage } = await planUsage(m.ctx());
    expect(p.id).toBe("start");
    expect(usage.find((u) => u.limit === "locations")).toEqual({ limit: "locations", used: 2, max: 1 });
    expect(usage.find((u) => u.limit === "staff")).toEqual({ limit: "staff", used: 3, max: 3 });
  });
});

describe("customers limit (Pro: 10 000)", () => {
  let m: Merchant;
  let key: string;
  beforeAll(async () => {
    m = await makeMerchant("Druk Café");
    await onPlan(m, "PRO");
    key = (await createApiKey(m.ctx(), { name: "Kassa", scopes: [...API_SCOPES] })).key;
    const max = plan("pro").limits.customers!;
    // makeMerchant made 3; fill to one below the limit.
    await db().customer.createMany({ data: Array.from({ length: max - 4 }, (_, i) => ({ organizationId: m.org.id, name: `Vaste klant ${i}` })) });
  });

  it("the API adds the last one that fits, then answers 403 plan_limit", async () => {
    const ok = await api("POST", "/customers", key, { name: "Laatste", marketingConsent: false });
    expect(ok.status).toBe(201);
    const over = await api("POST", "/customers", key, { name: "Eén te veel", marketingConsent: false });
    expect(over.status).toBe(403);
    expect(over.body.error).toMatchObject({ code: "plan_limit", details: { reason: "planLimit.customers" } });
    expect(await db().customer.count({ where: { organizationId: m.org.id, name: "Eén te veel" } })).toBe(0);
  });

  it("an import into a full plan does not start", async () => {
    const imp = await db().customerImport.create({ data: { organizationId: m.org.id, fileName: "klanten.csv", fileType: "csv", status: "CHECKED" } });
    await refused(startImport(m.ctx(), imp.id), "customers");
  });
});
