// Gevarenzone → delete the organization: typed confirmation, a 14-day undo
// window (cards keep working), restore, and after the window the worker's tick
// voids every pass (Apple voided, Google INACTIVE, web card closed) and erases
// all personal data; another merchant is untouched.
import { beforeAll, describe, expect, it } from "vitest";
import { DELETION_UNDO_DAYS } from "@/lib/billing/plans";
import { getCustomerCard } from "@/lib/cards/customer-card";
import { personalDataLeft } from "@/lib/customers/privacy";
import { ownerDb as db } from "@/lib/db/owner";
import { findOpenProgram } from "@/lib/enrollment/enroll-customer";
import { requestDeletion, restoreOrganization, runDueDeletions } from "@/lib/organizations/deletion";
import { passContent } from "@/lib/wallet/apple/build-pass";
import { loyaltyObject } from "@/lib/wallet/google/objects";
import { passBySerial } from "@/lib/wallet/pass-source";
import { appError, errorKey, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
const DAY = 86_400_000;
const config = { passTypeIdentifier: "pass.nl.stempel.test", teamIdentifier: "TEAM123456", webServiceURL: "https://stempel.test/api/apple" };
const base = "https://stempel.test";
const jobs = async (name: string, orgId: string) =>
  (await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'orgId' = $2`, name, orgId))[0].n;

beforeAll(async () => {
  m = await makeMerchant("Bakkerij Weg", { customers: 3 });
  other = await makeMerchant("Bakkerij Blijft", { customers: 2 });
  const c = m.histories[0];
  await db().customer.update({ where: { id: c.customer.id }, data: { phone: "0612345678", note: "Vaste klant", birthday: new Date("1990-05-01") } });
  await db().customerTag.create({ data: { organizationId: m.org.id, customerId: c.customer.id, tag: "vip" } });
  await db().surveyAnswer.create({
    data: { organizationId: m.org.id, customerId: c.customer.id, cardId: c.card.id, kind: "SATISFACTION", score: 5, comment: "Heerlijk brood, groet aan Jan" },
  });
});

const card = () => db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id }, omit: { authToken: false } });

describe("deleting an organization", () => {
  it("needs the owner and the shop's name typed", async () => {
    expect((await appError(requestDeletion(m.ctx("MANAGER"), { confirmName: "Bakkerij Weg" }))).code).toBe("FORBIDDEN");
    expect((await appError(requestDeletion(m.ctx(), { confirmName: "Bakkerij" }))).fieldErrors).toEqual({ confirmName: ["nameMismatch"] });
    expect((await db().organization.findUniqueOrThrow({ where: { id: m.org.id } })).deletionRequestedAt).toBeNull();
  });

  it("opens a 14-day window that can be undone; cards keep working meanwhile", async () => {
    const now = new Date();
    const r = await requestDeletion(m.ctx(), { confirmName: "  bakkerij   weg " }, now);
    expect(r.scheduledFor.getTime()).toBe(now.getTime() + DELETION_UNDO_DAYS * DAY);
    expect(await errorKey(requestDeletion(m.ctx(), { confirmName: "Bakkerij Weg" }))).toBe("alreadyDeleting");
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "organization.delete" } })).toBe(1);
    // Nothing happens before the window is over.
    expect(await runDueDeletions(new Date(now.getTime() + 13 * DAY))).toEqual([]);
    const c = await card();
    const pass = (await passBySerial(c.serial, c.authToken))!;
    expect(passContent(pass.card, config, base).props).not.toHaveProperty("voided");
    expect(await findOpenProgram(m.program.id)).not.toBeNull();

    await restoreOrganization(m.ctx());
    const org = await db().organization.findUniqueOrThrow({ where: { id: m.org.id } });
    expect([org.deletionRequestedAt, org.deletionScheduledFor, org.deletedAt]).toEqual([null, null, null]);
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "organization.restore" } })).toBe(1);
    expect(await errorKey(restoreOrganization(m.ctx()))).toBe("notDeleting");
  });

  it("after the window: passes voided, personal data erased, invoices and ledger kept, other merchant untouched", async () => {
    const now = new Date();
    await requestDeletion(m.ctx(), { confirmName: "Bakkerij Weg" }, now);
    const later = new Date(now.getTime() + (DELETION_UNDO_DAYS + 1) * DAY);
    const before = (await card()).passUpdatedAt;
    const events = await db().cardEvent.count({ where: { organizationId: m.org.id } });

    const edit = (organizationId: string) => ({
      organizationId,
      action: "customer.update",
      subjectType: "customer",
      subjectId: m.histories[0].customer.id,
      ip: "192.0.2.7",
      userAgent: "Mozilla/5.0",
      before: { email: "anna@example.nl" },
      after: { email: "anna.devries@example.nl" },
      details: { name: "Anna" },
    });
    const kept = await db().auditEvent.create({ data: edit(m.org.id) });
    const untouched = await db().auditEvent.create({ data: edit(other.org.id) });
    expect(await runDueDeletions(later)).toEqual([m.org.id]);
    expect(await runDueDeletions(later)).toEqual([]);
    // The audit trail keeps who did what and when, without addresses, browsers, before/after or details.
    const e = await db().auditEvent.findUniqueOrThrow({ where: { id: kept.id } });
    expect([e.action, e.subjectId, e.createdAt]).toEqual([kept.action, kept.subjectId, kept.createdAt]);
    expect([e.ip, e.userAgent, e.before, e.after, e.details]).toEqual([null, null, null, null, {}]);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: untouched.id } })).toEqual(untouched);
    expect(await errorKey(restoreOrganization(m.ctx(), later))).toBe("tooLate");

    // Voided: the pass moved on, its update is queued, and it says the card has stopped.
    const c = await card();
    expect(c.passUpdatedAt.getTime()).toBeGreaterThan(before.getTime());
    expect(await jobs("apple-program-changed", m.org.id)).toBeGreaterThan(0);
    expect(await jobs("google-program-changed", m.org.id)).toBeGreaterThan(0);
    const pass = (await passBySerial(c.serial, c.authToken))!;
    const apple = passContent(pass.card, config, base);
    expect(apple.props).toMatchObject({ voided: true });
    expect(apple.fields.primaryFields).toEqual([{ key: "closed", label: "Spaarkaart", value: "Deze kaart is gestopt", changeMessage: "%@" }]);
    expect(apple.fields.backFields[0].value).toContain("Bakkerij Weg is gestopt met deze spaarkaart");
    expect(apple.translations.en["Deze kaart is gestopt"]).toBe("This card has stopped");
    const google = loyaltyObject(pass.card, m.program.id, { issuerId: "3388000000000000000" } as never, base);
    expect(google.state).toBe("INACTIVE");
    // The web card says so too.
    expect((await getCustomerCard(c.webToken))?.organization.deletedAt).not.toBeNull();

    // Personal data gone, for every customer.
    for (const h of m.histories) expect(await personalDataLeft(m.org.id, h.customer.id)).toBeNull();
    expect(await db().surveyAnswer.findFirst({ where: { organizationId: m.org.id, comment: { not: null } } })).toBeNull();
    expect(await db().customerTag.count({ where: { organizationId: m.org.id } })).toBe(0);
    // The ledger's numbers stay; no new customers, no tablets, no team.
    expect(await db().cardEvent.count({ where: { organizationId: m.org.id } })).toBe(events);
    expect(await findOpenProgram(m.program.id)).toBeNull();
    expect(await db().membership.count({ where: { organizationId: m.org.id, removedAt: null } })).toBe(0);
    expect((await db().organization.findUniqueOrThrow({ where: { id: m.org.id } })).deletedAt).toEqual(later);

    // The other merchant: untouched.
    for (const h of other.histories) expect(await personalDataLeft(other.org.id, h.customer.id)).not.toBeNull();
    const theirs = await db().card.findUniqueOrThrow({ where: { id: other.histories[0].card.id }, omit: { authToken: false } });
    expect(passContent((await passBySerial(theirs.serial, theirs.authToken))!.card, config, base).props).not.toHaveProperty("voided");
    expect(await findOpenProgram(other.program.id)).not.toBeNull();
    expect((await db().organization.findUniqueOrThrow({ where: { id: other.org.id } })).deletedAt).toBeNull();
  });
});
