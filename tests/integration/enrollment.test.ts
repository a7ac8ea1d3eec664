import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { ENROLL_LIMITS, enrollCustomer } from "@/lib/enrollment/enroll-customer";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { archiveProgram, updateProgram } from "@/lib/programs/manage-programs";
import { eraseCustomer, exportCustomerData, personalDataLeft, withdrawMarketingConsent } from "@/lib/customers/privacy";
import { getCustomerCard } from "@/lib/cards/customer-card";
import { makeMerchant, appError } from "./helpers";

process.env.NEXTAUTH_SECRET ??= "integration-secret-0123456789abcdef";
let ipCounter = 0;
const meta = () => ({ ip: `10.50.0.${++ipCounter}`, locale: "nl" as const });
const token = (programId: string) => issueFormToken(programId, Date.now() - 5000);

type M = Awaited<ReturnType<typeof makeMerchant>>;
let m: M;
beforeAll(async () => {
  m = await makeMerchant("Lunchroom Lente", { customers: 1 });
});

const form = (programId: string, extra: Record<string, string> = {}) => ({
  token: token(programId),
  name: "Noor",
  email: "noor@example.nl",
  termsAccepted: "on",
  source: "table_tent",
  ...extra,
});

describe("enrollment", () => {
  it("creates customer, card and ENROLL event, remembering the source and consent", async () => {
    const out = await enrollCustomer(m.program.id, form(m.program.id, { marketingConsent: "on" }), meta());
    const card = await getCustomerCard(out.webToken);
    expect(card).toMatchObject({ stampCount: 0, customer: { name: "Noor", email: "noor@example.nl", source: "TABLE_TENT", marketingConsent: true } });
    expect(card!.events.map((e) => e.type)).toEqual(["ENROLL"]);
    expect(card!.serial).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
    expect(card!.serial).not.toContain("Noor");
  });

  it("is idempotent: the same form submitted twice, even at once, makes one card", async () => {
    const input = form(m.program.id, { name: "Bram", email: "bram@example.nl" });
    const [x, y] = await Promise.all([enrollCustomer(m.program.id, input, meta()), enrollCustomer(m.program.id, input, meta())]);
    const z = await enrollCustomer(m.program.id, input, meta());
    expect(x).toEqual(y);
    expect(z).toEqual(x);
    expect(await db().customer.count({ where: { organizationId: m.org.id, email: "bram@example.nl" } })).toBe(1);
    expect(await db().card.count({ where: { organizationId: m.org.id, customer: { email: "bram@example.nl" } } })).toBe(1);
  });

  it("gives a returning customer a new card, marked as a possible duplicate, and leaves the one on file alone", async () => {
    const first = await enrollCustomer(m.program.id, form(m.program.id, { name: "Iris", email: "iris@example.nl" }), meta());
    const iris = await db().customer.findFirstOrThrow({ where: { organizationId: m.org.id, email: "iris@example.nl" } });
    const again = await enrollCustomer(m.program.id, form(m.program.id, { name: "Someone Else", email: "IRIS@example.nl" }), meta());
    expect(again).toEqual({ webToken: expect.any(String) });
    expect(again.webToken).not.toBe(first.webToken);
    const card = await getCustomerCard(again.webToken);
    expect(card!.customer).toMatchObject({ name: "Someone Else", email: null });
    expect(await db().customer.findUniqueOrThrow({ where: { id: card!.customer.id } })).toMatchObject({ possibleDuplicateOfId: iris.id });
    expect(await db().customer.findUniqueOrThrow({ where: { id: iris.id } })).toEqual(iris);
    // The only message goes to the address on file, with her own card's link.
    const mail = await vi.waitFor(() => db().outboxEmail.findFirstOrThrow({ where: { to: "iris@example.nl", subject: { startsWith: "Je hebt al" } } }));
    expect(mail.text).toContain(`/c/${first.webToken}`);
    expect(mail.text).not.toContain(again.webToken);
  });

  it("refuses bots: instant submits, forged tokens, a filled honeypot", async () => {
    const tooFast = await appError(enrollCustomer(m.program.id, { ...form(m.program.id), token: issueFormToken(m.program.id) }, meta()));
    expect(tooFast.fieldErrors).toEqual({ _form: ["tooFast"] });
    const forged = await appError(enrollCustomer(m.program.id, { ...form(m.program.id), token: `${m.program.id}.1.abc.def` }, meta()));
    expect(forged.fieldErrors).toEqual({ _form: ["formExpired"] });
    await expect(enrollCustomer(m.program.id, { ...form(m.program.id), website: "spam.example" }, meta())).rejects.toMatchObject({ name: "ZodError" });
  });

  it("rate-limits enrollments per IP", async () => {
    const ip = "10.70.0.1";
    for (let i = 0; i < ENROLL_LIMITS.perIp.max; i++) {
      await enrollCustomer(m.program.id, form(m.program.id, { name: `Klant ${i}`, email: `rl${i}@example.nl` }), { ip, locale: "nl" });
    }
    const e = await appError(enrollCustomer(m.program.id, form(m.program.id, { email: "one-too-many@example.nl" }), { ip, locale: "nl" }));
    expect(e.code).toBe("RATE_LIMITED");
    expect(await db().customer.count({ where: { email: "one-too-many@example.nl" } })).toBe(0);
  });

  it("asks only what the merchant configured", async () => {
    await updateProgram(m.ctx(), m.program.id, {
      name: "Koffiekaart",
      stampsRequired: "10",
      rewardText: "Koffie",
      backgroundColor: "#000000",
      foregroundColor: "#ffffff",
      labelColor: "#ffffff",
      stampIcon: "coffee",
      emailField: "optional",
      phoneField: "required",
      birthdayField: "hidden",
      marketingConsent: "false",
    });
    await expect(enrollCustomer(m.program.id, form(m.program.id, { email: "" }), meta())).rejects.toMatchObject({ name: "ZodError" });
    const out = await enrollCustomer(
      m.program.id,
      form(m.program.id, { name: "Tess", email: "", phone: "06 1234 5678", marketingConsent: "on", birthday: "1990-01-01" }),
      meta(),
    );
    const card = await getCustomerCard(out.webToken);
    expect(card!.customer).toMatchObject({ phone: "+31612345678", email: null, birthday: null, marketingConsent: false });
    // Same phone again: a new card all the same; the phone stays with the customer on file.
    const again = await enrollCustomer(m.program.id, form(m.program.id, { name: "Tess", email: "", phone: "0612345678" }), meta());
    expect(again.webToken).not.toBe(out.webToken);
    const dup = await db().customer.findFirstOrThrow({ where: { cards: { some: { webToken: again.webToken } } } });
    expect(dup).toMatchObject({ phone: null, possibleDuplicateOfId: card!.customer.id });
  });

  it("closes sign-up for an archived card and for unknown programs", async () => {
    const other = await makeMerchant("Kapsalon Knip", { customers: 0 });
    await archiveProgram(other.ctx(), other.program.id);
    expect((await appError(enrollCustomer(other.program.id, form(other.program.id), meta()))).code).toBe("NOT_FOUND");
    expect((await appError(enrollCustomer("doesnotexist00000000000", form("doesnotexist00000000000"), meta()))).code).toBe("NOT_FOUND");
  });
});

describe("privacy self-service", () => {
  it("exports, withdraws consent, and erases personal data while keeping the ledger anonymous", async () => {
    const m = await makeMerchant("Lunchroom Lente", { customers: 0 });
    const out = await enrollCustomer(
      m.program.id,
      form(m.program.id, { name: "Fleur", email: "fleur@example.nl", phone: "0687654321", marketingConsent: "on" }),
      meta(),
    );
    const webToken = out.webToken;
    const card = (await getCustomerCard(webToken))!;

    // What the merchant wrote about her (a note, a tag) is in her export, and goes with her data.
    await db().customer.update({ where: { id: card.customer.id }, data: { note: "Altijd havermelk" } });
    await db().customerTag.create({ data: { organizationId: card.organizationId, customerId: card.customer.id, tag: "vaste klant" } });
    const data = await exportCustomerData(webToken);
    expect(data).toMatchObject({
      merchant: "Lunchroom Lente",
      customer: { name: "Fleur", email: "fleur@example.nl", note: "Altijd havermelk", tags: ["vaste klant"] },
    });
    expect(data.cards[0].events.map((e) => e.type)).toEqual(["ENROLL"]);
    expect(JSON.stringify(data)).not.toContain(card.id);

    await withdrawMarketingConsent(webToken);
    expect((await getCustomerCard(webToken))!.customer.marketingConsent).toBe(false);

    // A second sign-up with her email: a new customer linked to hers as a possible duplicate.
    const dup = await enrollCustomer(m.program.id, form(m.program.id, { name: "Fleur", email: "fleur@example.nl", phone: "" }), meta());
    const dupCustomer = await db().customer.findFirstOrThrow({ where: { cards: { some: { webToken: dup.webToken } } } });
    expect(dupCustomer.possibleDuplicateOfId).toBe(card.customer.id);

    const eventsBefore = await db().cardEvent.count({ where: { cardId: card.id } });
    await eraseCustomer(webToken);
    // Erasure also drops the link between her and the other record.
    expect((await db().customer.findUniqueOrThrow({ where: { id: dupCustomer.id } })).possibleDuplicateOfId).toBeNull();
    expect(await getCustomerCard(webToken)).toBeNull();
    expect(await personalDataLeft(card.organizationId, card.customer.id)).toBeNull();
    const row = await db().customer.findUniqueOrThrow({ where: { id: card.customer.id } });
    expect(row).toMatchObject({ name: "", email: null, phone: null, birthday: null, marketingConsent: false, termsAcceptedAt: null, note: null });
    expect(await db().customerTag.count({ where: { customerId: card.customer.id } })).toBe(0);
    const events = await db().cardEvent.findMany({ where: { cardId: card.id }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({ type: "ERASE", amount: 0, note: null, actorUserId: null });
    // The same email can join again as a new customer.
    const fresh = await enrollCustomer(m.program.id, form(m.program.id, { name: "Fleur", email: "fleur@example.nl", phone: "" }), meta());
    expect(fresh.webToken).toEqual(expect.any(String));
    expect(await db().customer.findFirstOrThrow({ where: { cards: { some: { webToken: fresh.webToken } } } })).toMatchObject({
      email: "fleur@example.nl",
      possibleDuplicateOfId: null,
    });
  });
});
