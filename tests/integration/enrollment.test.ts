import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { ENROLL_LIMITS, enrollCustomer, verifyEnrollment } from "@/lib/enrollment/enroll-customer";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { archiveProgram, updateProgram } from "@/lib/programs/manage-programs";
import { eraseCustomer, exportCustomerData, personalDataLeft, withdrawMarketingConsent } from "@/lib/customers/privacy";
import { getCustomerCard } from "@/lib/cards/customer-card";
import { makeMerchant, appError } from "./helpers";

process.env.NEXTAUTH_SECRET ??= "integration-secret-0123456789abcdef";
const texts = { subject: "Code", body: (code: string) => `Je code is ${code}` };
let ipCounter = 0;
const meta = () => ({ ip: `10.50.0.${++ipCounter}`, texts });
const token = (programId: string) => issueFormToken(programId, Date.now() - 5000);

type M = Awaited<ReturnType<typeof makeMerchant>>;
let m: M;
beforeAll(async () => {
  m = await makeMerchant("Lunchroom Lente", { customers: 1 });
});

const form = (programId: string, extra: Record<string, string> = {}) => ({ token: token(programId), name: "Noor", email: "noor@example.nl", termsAccepted: "on", source: "table_tent", ...extra });


describe("enrollment", () => {
  it("creates customer, card and ENROLL event, remembering the source and consent", async () => {
    const out = await enrollCustomer(m.program.id, form(m.program.id, { marketingConsent: "on" }), meta());
    expect(out.kind).toBe("card");
    const card = await getCustomerCard((out as { webToken: string }).webToken);
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

  it("gives a returning customer their own card back only after the emailed code", async () => {
    const first = await enrollCustomer(m.program.id, form(m.program.id, { name: "Iris", email: "iris@example.nl" }), meta());
    const again = await enrollCustomer(m.program.id, form(m.program.id, { name: "Someone Else", email: "IRIS@example.nl" }), meta());
    expect(again).toMatchObject({ kind: "verify", emailHint: "i•••@example.nl" });
    const verificationId = (again as { verificationId: string }).verificationId;
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: "iris@example.nl" }, orderBy: { createdAt: "desc" } });
    const code = mail.text.match(/\d{6}/)![0];
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await appError(verifyEnrollment(m.program.id, { verificationId, code: wrong }, { ip: "10.60.0.1" }))).messageKey).toBe("codeWrong");
    const ok = await verifyEnrollment(m.program.id, { verificationId, code }, { ip: "10.60.0.1" });
    expect(ok.webToken).toBe((first as { webToken: string }).webToken);
    expect((await appError(verifyEnrollment(m.program.id, { verificationId, code }, { ip: "10.60.0.1" }))).messageKey).toBe("codeExpired");
    expect(await db().customer.count({ where: { organizationId: m.org.id, email: "iris@example.nl" } })).toBe(1);
    const customer = await db().customer.findFirstOrThrow({ where: { email: "iris@example.nl" } });
    expect(customer.name).toBe("Iris");
  });

  it("locks a verification after five wrong codes", async () => {
    const out = await enrollCustomer(m.program.id, form(m.program.id, { name: "Iris", email: "iris@example.nl" }), meta());
    const verificationId = (out as { verificationId: string }).verificationId;
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: "iris@example.nl" }, orderBy: { createdAt: "desc" } });
    const code = mail.text.match(/\d{6}/)![0];
    const wrong = code === "999999" ? "888888" : "999999";
    for (let i = 0; i < 5; i++) await appError(verifyEnrollment(m.program.id, { verificationId, code: wrong }, { ip: "10.61.0.1" }));
    expect((await appError(verifyEnrollment(m.program.id, { verificationId, code }, { ip: "10.61.0.1" }))).messageKey).toBe("codeExpired");
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
      await enrollCustomer(m.program.id, form(m.program.id, { name: `Klant ${i}`, email: `rl${i}@example.nl` }), { ip, texts });
    }
    const e = await appError(enrollCustomer(m.program.id, form(m.program.id, { email: "one-too-many@example.nl" }), { ip, texts }));
    expect(e.code).toBe("RATE_LIMITED");
    expect(await db().customer.count({ where: { email: "one-too-many@example.nl" } })).toBe(0);
  });

  it("asks only what the merchant configured", async () => {
    await updateProgram(m.ctx(), m.program.id, {
      name: "Koffiekaart", stampsRequired: "10", rewardText: "Koffie", backgroundColor: "#000000", foregroundColor: "#ffffff", labelColor: "#ffffff",
      stampIcon: "coffee", emailField: "optional", phoneField: "required", birthdayField: "hidden", marketingConsent: "false",
    });
    await expect(enrollCustomer(m.program.id, form(m.program.id, { email: "" }), meta())).rejects.toMatchObject({ name: "ZodError" });
    const out = await enrollCustomer(m.program.id, form(m.program.id, { name: "Tess", email: "", phone: "06 1234 5678", marketingConsent: "on", birthday: "1990-01-01" }), meta());
    const card = await getCustomerCard((out as { webToken: string }).webToken);
    expect(card!.customer).toMatchObject({ phone: "+31612345678", email: null, birthday: null, marketingConsent: false });
    // Same phone again, no email on file: cannot prove ownership, so staff handle it.
    const e = await appError(enrollCustomer(m.program.id, form(m.program.id, { name: "Tess", email: "", phone: "0612345678" }), meta()));
    expect(e.fieldErrors).toEqual({ phone: ["phoneKnown"] });
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
    const out = await enrollCustomer(m.program.id, form(m.program.id, { name: "Fleur", email: "fleur@example.nl", phone: "0687654321", marketingConsent: "on" }), meta());
    const webToken = (out as { webToken: string }).webToken;
    const card = (await getCustomerCard(webToken))!;

    const data = await exportCustomerData(webToken);
    expect(data).toMatchObject({ merchant: "Lunchroom Lente", customer: { name: "Fleur", email: "fleur@example.nl" } });
    expect(data.cards[0].events.map((e) => e.type)).toEqual(["ENROLL"]);
    expect(JSON.stringify(data)).not.toContain(card.id);

    await withdrawMarketingConsent(webToken);
    expect((await getCustomerCard(webToken))!.customer.marketingConsent).toBe(false);

    const eventsBefore = await db().cardEvent.count({ where: { cardId: card.id } });
    await eraseCustomer(webToken);
    expect(await getCustomerCard(webToken)).toBeNull();
    expect(await personalDataLeft(card.organizationId, card.customer.id)).toBeNull();
    const row = await db().customer.findUniqueOrThrow({ where: { id: card.customer.id } });
    expect(row).toMatchObject({ name: "", email: null, phone: null, birthday: null, marketingConsent: false, termsAcceptedAt: null });
    const events = await db().cardEvent.findMany({ where: { cardId: card.id }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({ type: "ERASE", amount: 0, note: null, actorUserId: null });
    // The same email can join again as a new customer.
    const fresh = await enrollCustomer(m.program.id, form(m.program.id, { name: "Fleur", email: "fleur@example.nl", phone: "" }), meta());
    expect(fresh.kind).toBe("card");
  });
});
