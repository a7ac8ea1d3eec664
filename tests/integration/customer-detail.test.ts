// Issue 13: the customer detail page's data and actions — every member may view;
// editing, the customer's data export and erasure are for managers and owners;
// the timeline names who, where and which tablet; consent shows the form
// version; "mogelijk dubbel" suggestions; the audit trail; and another
// merchant's customer is not found (404) everywhere.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { eraseCustomerForMerchant, exportCustomerDataForMerchant, getCustomerDetail, updateCustomerProfile } from "@/lib/customers/detail";
import { personalDataLeft } from "@/lib/customers/privacy";
import { addTag } from "@/lib/customers/tags";
import { correctBalance } from "@/lib/customers/correct";
import { applyCardAction } from "@/lib/stamping/card-action";
import { appError, makeMerchant, newCard, tablet, type Merchant } from "./helpers";

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  a = await makeMerchant("Detailbar", { customers: 2 });
  b = await makeMerchant("Buren", { customers: 1 });
});

describe("viewing a customer", () => {
  it("shows managers and owners the customer, cards, totals and chart; staff are refused (the Team page's permission table)", async () => {
    const { customer } = a.histories[1];
    for (const role of ["MANAGER", "OWNER"] as const) {
      const d = await getCustomerDetail(a.ctx(role), customer.id);
      expect(d.customer.name).toBe(customer.name);
      expect(d.cards).toHaveLength(1);
      expect(d.can.correct).toBe(true);
      expect(d.can.export).toBe(true);
    }
    expect((await appError(getCustomerDetail(a.ctx("STAFF"), customer.id))).status).toBe(403);
    const d = await getCustomerDetail(a.ctx("OWNER"), customer.id);
    // makeMerchant: 3 + 4k visits of one stamp each, in the last two months.
    expect(d.totals.visits).toBe(7);
    expect(d.chart).toHaveLength(12);
    expect(d.chart.reduce((s, m) => s + m.visits, 0)).toBe(7);
    expect(d.timeline.filter((e) => e.type === "STAMP")).toHaveLength(7);
  });

  it("names who, which tablet and where for each ledger line, and marks an undone stamp", async () => {
    const t = await tablet(a, "2468");
    const card = await newCard(a, "Tijdlijn");
    const stamped = await applyCardAction(t.sessionToken, { kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: randomUUID(), spendCents: 450 });
    await applyCardAction(t.sessionToken, { kind: "undo", serial: card.serial, idempotencyKey: randomUUID() });
    await correctBalance(a.ctx("OWNER"), { cardId: card.id, stamps: 1, rewards: 0, intermediate: 0, reason: "Vergeten stempel" });
    const d = await getCustomerDetail(a.ctx("MANAGER"), card.customerId);
    const stamp = d.timeline.find((e) => e.id === stamped.eventId)!;
    expect(stamp).toMatchObject({
      type: "STAMP",
      amount: 2,
      tablet: "Tablet kassa",
      location: a.location.name,
      spendCents: 450,
      undone: true,
      actor: t.user.name,
    });
    expect(d.timeline.find((e) => e.type === "UNDO")).toMatchObject({ actor: t.user.name });
    expect(d.timeline.find((e) => e.type === "ADJUST")).toMatchObject({ actor: a.owner.name, note: "Vergeten stempel", stampDelta: 1 });
    expect(d.timeline[0].type).toBe("ADJUST");
    // The correction is in the log, for managers.
    expect((await getCustomerDetail(a.ctx("MANAGER"), card.customerId)).audit.map((r) => r.action)).toContain("card.adjust");
  });

  it("shows what was agreed, when, and through which version of the sign-up form", async () => {
    const joined = new Date(Date.now() - 5 * 86_400_000);
    await db().cardProgramVersion.create({
      data: {
        organizationId: a.org.id,
        programId: a.program.id,
        version: 1,
        design: { consentText: "Ja, stuur me aanbiedingen (v1)", terms: "Voorwaarden v1" },
        createdAt: new Date(joined.getTime() - 86_400_000),
      },
    });
    await db().cardProgramVersion.create({
      data: {
        organizationId: a.org.id,
        programId: a.program.id,
        version: 2,
        design: { consentText: "Nieuwe tekst (v2)", terms: "Voorwaarden v2" },
        createdAt: new Date(),
      },
    });
    const card = await newCard(a, "Toestemming");
    await db().customer.update({ where: { id: card.customerId }, data: { marketingConsent: true, marketingConsentAt: joined, termsAcceptedAt: joined } });
    await db().card.update({ where: { id: card.id }, data: { createdAt: joined } });
    const d = await getCustomerDetail(a.ctx("MANAGER"), card.customerId);
    expect(d.consent).toEqual([
      expect.objectContaining({ kind: "terms", formVersion: 1, text: "Voorwaarden v1", programName: a.program.name }),
      expect.objectContaining({ kind: "marketing", formVersion: 1, text: "Ja, stuur me aanbiedingen (v1)" }),
    ]);
  });

  it("suggests merging with a possible duplicate that has a card of the same program", async () => {
    const first = await newCard(a, "Sam de Boer");
    const second = await newCard(a, "Sam de Boer");
    await db().customer.update({ where: { id: second.customerId }, data: { possibleDuplicateOfId: first.customerId } });
    for (const [mine, theirs] of [
      [first, second],
      [second, first],
    ]) {
      const d = await getCustomerDetail(a.ctx("MANAGER"), mine.customerId);
      expect(d.duplicates).toEqual([
        expect.objectContaining({
          customerId: theirs.customerId,
          pairs: [expect.objectContaining({ mine: expect.objectContaining({ id: mine.id }), theirs: expect.objectContaining({ id: theirs.id }) })],
        }),
      ]);
    }
  });

  it("does not find another merchant's customer (404), nor a malformed id", async () => {
    for (const role of ["MANAGER", "OWNER"] as const) {
      expect((await appError(getCustomerDetail(a.ctx(role), b.histories[0].customer.id))).status).toBe(404);
    }
    expect((await appError(getCustomerDetail(a.ctx("OWNER"), "x'; DROP TABLE"))).status).toBe(404);
  });
});

describe("editing the profile", () => {
  it("saves valid input for managers, records which fields changed (not the values)", async () => {
    const card = await newCard(a, "Oude naam");
    await updateCustomerProfile(a.ctx("MANAGER"), card.customerId, {
      name: "Nieuwe naam",
      email: " Nieuw@Example.nl ",
      phone: "06 1111 2222",
      birthday: "1990-05-17",
    });
    const c = await db().customer.findUniqueOrThrow({ where: { id: card.customerId } });
    expect(c).toMatchObject({ name: "Nieuwe naam", email: "nieuw@example.nl", phone: "+31611112222" });
    expect(c.birthday?.toISOString().slice(0, 10)).toBe("1990-05-17");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: card.customerId, action: "customer.update" } });
    expect(audit.details).toEqual({ fields: ["name", "email", "phone", "birthday"] });
    expect(JSON.stringify(audit.details)).not.toContain("nieuw@example.nl");
  });

  it("answers bad input with field errors (422), an email another customer has with emailTaken", async () => {
    const card = await newCard(a, "Foutje");
    const bad = await appError(updateCustomerProfile(a.ctx("OWNER"), card.customerId, { name: "", email: "geen-email", phone: "12", birthday: "2099-01-01" }));
    expect(bad.status).toBe(422);
    expect(bad.fieldErrors).toMatchObject({ name: ["nameRequired"], email: ["emailInvalid"], phone: ["phoneInvalid"], birthday: ["birthdayInvalid"] });
    const taken = await appError(updateCustomerProfile(a.ctx("OWNER"), card.customerId, { name: "Foutje", email: a.histories[0].customer.email }));
    expect(taken.status).toBe(422);
    expect(taken.fieldErrors).toEqual({ email: ["emailTaken"] });
  });

  it("is refused to staff (403) and never reaches another merchant's customer (404)", async () => {
    const card = await newCard(a, "Alleen lezen");
    expect((await appError(updateCustomerProfile(a.ctx("STAFF"), card.customerId, { name: "Gehackt" }))).status).toBe(403);
    const theirs = b.histories[0].customer;
    expect((await appError(updateCustomerProfile(a.ctx("OWNER"), theirs.id, { name: "Gehackt" }))).status).toBe(404);
    expect((await db().customer.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe(theirs.name);
  });
});

describe("GDPR actions", () => {
  it("exports the customer's data for managers, recorded; refused to staff; 404 for another merchant", async () => {
    const { customer } = a.histories[0];
    const data = await exportCustomerDataForMerchant(a.ctx("MANAGER"), customer.id);
    expect(data.customer.email).toBe(customer.email);
    expect(data.cards[0].events.length).toBeGreaterThan(0);
    expect(await db().auditEvent.count({ where: { subjectId: customer.id, action: "customer.dataExport" } })).toBe(1);
    expect((await appError(exportCustomerDataForMerchant(a.ctx("STAFF"), customer.id))).status).toBe(403);
    expect((await appError(exportCustomerDataForMerchant(a.ctx("OWNER"), b.histories[0].customer.id))).status).toBe(404);
  });

  it("erases like the customer's own privacy page (and the merchant's note and tags), recorded; staff 403; other merchant 404", async () => {
    const card = await newCard(a, "Wis mij");
    await db().customer.update({ where: { id: card.customerId }, data: { email: "wis@example.nl", note: "Vaste klant" } });
    await addTag(a.ctx("MANAGER"), card.customerId, "VIP");
    expect((await appError(eraseCustomerForMerchant(a.ctx("STAFF"), card.customerId))).status).toBe(403);
    expect((await appError(eraseCustomerForMerchant(a.ctx("OWNER"), b.histories[0].customer.id))).status).toBe(404);
    expect(await personalDataLeft(b.org.id, b.histories[0].customer.id)).not.toBeNull();

    await eraseCustomerForMerchant(a.ctx("MANAGER"), card.customerId);
    expect(await personalDataLeft(a.org.id, card.customerId)).toBeNull();
    const c = await db().customer.findUniqueOrThrow({ where: { id: card.customerId }, include: { tags: true } });
    expect(c.note).toBeNull();
    expect(c.tags).toEqual([]);
    expect(await db().cardEvent.count({ where: { cardId: card.id, type: "ERASE" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { subjectId: card.customerId, action: "customer.erase" } })).toBe(1);
    expect((await getCustomerDetail(a.ctx("MANAGER"), card.customerId)).customer.erased).toBe(true);
    // Twice is refused, not a second erasure.
    expect((await appError(eraseCustomerForMerchant(a.ctx("MANAGER"), card.customerId))).messageKey).toBe("customerErased");
  });
});
