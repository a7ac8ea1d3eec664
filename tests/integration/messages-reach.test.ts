// Issue 15: deliverability before sending (lib/messages/reach.ts). Every
// audience kind is the customer list's filter (same customers as Klanten shows);
// every customer lands in exactly one bucket: left out (no consent, over the
// frequency cap) or by best channel (Apple, Google with or over its 3-a-day
// notification budget, email, web card, nothing).
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { sqlb } from "@/lib/db/sql";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { seedProgram } from "@/prisma/seed/factories";
import { listCustomers } from "@/lib/customers/list-customers";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { saveCustomerFilter } from "@/lib/messages/campaigns";
import { audienceCount, classify, messageReach } from "@/lib/messages/reach";
import { parseCustomerListParams } from "@/lib/validation/customers";
import type { Audience } from "@/lib/validation/messages";
import { errorKey, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
const DAY = 86_400_000;

beforeAll(async () => {
  m = await makeMerchant("Bereik Koffie", { customers: 10 });
  other = await makeMerchant("Andere Koffie", { customers: 4 });
  await refreshInsights(m.org.id);
  await refreshInsights(other.org.id);
});

const total = async (query: string) => (await listCustomers(m.ctx("MANAGER"), parseCustomerListParams(new URLSearchParams(query)))).total;

describe("audience", () => {
  it("every kind selects exactly the customers the customer list shows for the same filter", async () => {
    const c = m.histories.map((h) => h.customer);
    await db().customerTag.createMany({ data: [c[0], c[3], c[5]].map((x) => ({ organizationId: m.org.id, customerId: x.id, tag: "Stamgast" })) });
    await db().card.update({ where: { id: m.histories[2].card.id }, data: { rewardsAvailable: 1 } });
    const scores = await db().customerScore.findMany({ where: { organizationId: m.org.id } });
    const saved = await saveCustomerFilter(m.ctx("MANAGER"), { name: "Stamgasten", query: "tag=stamgast&sort=name&page=2" });
    const cases: [Audience, string][] = [
      [{ kind: "all" }, ""],
      [{ kind: "tag", value: "stamgast" }, "tag=stamgast"],
      [{ kind: "reward" }, "reward=yes"],
      [{ kind: "location", value: m.location.id }, `location=${m.location.id}`],
      [{ kind: "saved", value: saved.id }, "tag=Stamgast"],
      [{ kind: "filter", value: "consent=yes&tag=stamgast&page=3" }, "consent=yes&tag=stamgast"],
      ...[...new Set(scores.map((s) => s.segment).filter((s) => s !== null))].map((v): [Audience, string] => [{ kind: "segment", value: v }, `segment=${v}`]),
      ...[...new Set(scores.map((s) => s.rung))].map((v): [Audience, string] => [{ kind: "rung", value: v }, `rung=${v}`]),
      ...[...new Set(scores.map((s) => s.cell).filter((s) => s !== null))].map((v): [Audience, string] => [{ kind: "cell", value: v }, `cell=${v}`]),
    ];
    expect(cases.length).toBeGreaterThan(7);
    for (const [audience, query] of cases) {
      const n = await audienceCount(m.ctx("MANAGER"), audience);
      expect({ audience, n }).toEqual({ audience, n: await total(query) });
      expect((await messageReach(m.ctx("MANAGER"), audience, { marketing: true })).total).toBe(n);
    }
    expect(await audienceCount(m.ctx("MANAGER"), { kind: "tag", value: "stamgast" })).toBe(3);
    expect(await audienceCount(m.ctx("MANAGER"), { kind: "all" })).toBe(10);
  });

  it("another merchant's saved filter is not found; staff may not look", async () => {
    const theirs = await saveCustomerFilter(other.ctx("MANAGER"), { name: "Hun lijst", query: "consent=yes" });
    expect(await errorKey(audienceCount(m.ctx("MANAGER"), { kind: "saved", value: theirs.id }))).toBe("savedFilterNotFound");
    expect(await errorKey(messageReach(m.ctx("STAFF"), { kind: "all" }, { marketing: true }))).toBe("FORBIDDEN");
  });
});

describe("reach", () => {
  let r: Merchant;
  beforeAll(async () => {
    r = await makeMerchant("Bereik Buckets", { customers: 11 });
    const [apple, google, googleFull, email, web, importedNone, noConsent, unsubscribed, capped, phoneOnly, both] = r.histories;
    await db().card.update({ where: { id: apple.card.id }, data: { appleInstalls: 1 } });
    await db().card.update({ where: { id: both.card.id }, data: { appleInstalls: 2, googleInstalled: true } });
    await db().card.updateMany({ where: { id: { in: [google.card.id, googleFull.card.id] } }, data: { googleInstalled: true } });
    // Three notifying Google messages in the last 24 hours: the 4th goes silently.
    await db().walletMessage.createMany({
      data: [1, 2, 3].map((i) => ({
        organizationId: r.org.id,
        cardId: googleFull.card.id,
        header: `Actie ${i}`,
        body: "x",
        notify: true,
        createdAt: new Date(Date.now() - i * 3600_000),
      })),
    });
    // Older than 24 h, or not notifying: they do not count.
    await db().walletMessage.createMany({
      data: [
        { organizationId: r.org.id, cardId: google.card.id, header: "Oud", body: "x", notify: true, createdAt: new Date(Date.now() - 25 * 3600_000) },
        { organizationId: r.org.id, cardId: google.card.id, header: "Stil", body: "x", notify: false },
        { organizationId: r.org.id, cardId: google.card.id, header: "Stil", body: "x", notify: false },
        { organizationId: r.org.id, cardId: google.card.id, header: "Stil", body: "x", notify: false },
      ],
    });
    void email; // an email address (every customer of makeMerchant has one)
    await db().customer.updateMany({ where: { id: { in: [web.customer.id, importedNone.customer.id, phoneOnly.customer.id] } }, data: { email: null } });
    await db().card.update({ where: { id: web.card.id }, data: { webOpenedAt: new Date() } });
    await db().customer.update({ where: { id: importedNone.customer.id }, data: { source: "IMPORT" } });
    await db().customer.update({ where: { id: phoneOnly.customer.id }, data: { phone: "+31612345678", source: "STAFF" } });
    await db().customer.update({ where: { id: noConsent.customer.id }, data: { marketingConsent: false } });
    await db().customer.update({ where: { id: unsubscribed.customer.id }, data: { unsubscribedAt: new Date() } });
    // Two messages this week (the default cap is 2): left out of marketing. One 8 days ago and a failed one do not count.
    const campaign = await db().campaign.create({
      data: { organizationId: r.org.id, name: "Eerder", titleNl: "x", bodyNl: "x", audience: { kind: "all" }, status: "SENT" },
    });
    const automation = (occurrence: string, status: "DELIVERED" | "SILENT" | "FAILED", daysAgo: number) => ({
      organizationId: r.org.id,
      customerId: capped.customer.id,
      automation: "WIN_BACK" as const,
      occurrence,
      status,
      createdAt: new Date(Date.now() - daysAgo * DAY),
    });
    await db().delivery.createMany({
      data: [
        { organizationId: r.org.id, customerId: capped.customer.id, campaignId: campaign.id, status: "DELIVERED", createdAt: new Date(Date.now() - 2 * DAY) },
        automation("a", "SILENT", 5),
        automation("b", "FAILED", 1),
        automation("c", "DELIVERED", 8),
      ],
    });
  });

  it("puts every customer in exactly one bucket: consent and cap first, then the best channel", async () => {
    const reach = await messageReach(r.ctx("MANAGER"), { kind: "all" }, { marketing: true });
    expect(reach).toEqual({ total: 11, noConsent: 2, capped: 1, apple: 2, googleNotify: 1, googleSilent: 1, email: 1, sms: 0, web: 1, none: 2 });
  });

  it("service messages need no consent and are not held to the cap", async () => {
    const reach = await messageReach(r.ctx("MANAGER"), { kind: "all" }, { marketing: false });
    expect(reach).toEqual({ total: 11, noConsent: 0, capped: 0, apple: 2, googleNotify: 1, googleSilent: 1, email: 4, sms: 0, web: 1, none: 2 });
  });

  it("a cap of 0 means no limit; a cap of 1 catches more", async () => {
    await db().organization.update({ where: { id: r.org.id }, data: { messageCapPerWeek: 0 } });
    expect((await messageReach(r.ctx("MANAGER"), { kind: "all" }, { marketing: true })).capped).toBe(0);
    await db().organization.update({ where: { id: r.org.id }, data: { messageCapPerWeek: 2 } });
  });

  it("a sender's batch (a card lookup per customer) classifies exactly like the preview (all cards at once)", async () => {
    // A second card, newer and stamped just now, without a pass: the card with the installed pass is still the one.
    const [apple] = r.histories;
    const program = await seedProgram(db(), r.org.id, { name: "Lunchkaart" });
    await db().card.create({
      data: {
        organizationId: r.org.id,
        programId: program.id,
        customerId: apple.customer.id,
        serial: `lunch-${randomUUID()}`,
        authToken: randomUUID(),
        webToken: randomUUID(),
        lastStampAt: new Date(),
      },
    });
    const rows = (perRow: boolean) =>
      withTenantTransaction(r.org.id, (sql_) => {
        const source = sql`SELECT c.id AS customer_id, true AS marketing FROM "Customer" c WHERE c."organizationId" = ${r.org.id}`;
        const q =
          sql`WITH ${classify(r.org.id, source, new Date(), { perRow })} SELECT customer_id, card_id, bucket FROM classified ORDER BY customer_id`.compile(
            sqlb,
          );
        return sql_<{ customer_id: string; card_id: string | null; bucket: string }>(q.sql, [...q.parameters]);
      });
    const batch = await rows(true);
    expect(batch).toHaveLength(11);
    expect(batch).toEqual(await rows(false));
    expect(batch.find((x) => x.customer_id === apple.customer.id)).toEqual({ customer_id: apple.customer.id, card_id: apple.card.id, bucket: "APPLE" });
  });

  it("an erased card reaches nobody", async () => {
    const x = await makeMerchant("Bereik Gewist", { customers: 1 });
    await db().card.update({ where: { id: x.histories[0].card.id }, data: { erasedAt: new Date() } });
    expect(await messageReach(x.ctx("MANAGER"), { kind: "all" }, { marketing: true })).toMatchObject({ total: 1, none: 1 });
  });
});
