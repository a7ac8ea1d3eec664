// Issue 11 §12 and §13: enrollment must not tell who is already a customer, and a
// replayed form token must never hand out someone else's card.
// - Known or unknown details: always a new card, the same answer, the same work
//   before answering (the only message goes, in the background, to the address on file).
// - The form token's nonce is the idempotency key: a replay returns the original card
//   only when the details match it; otherwise it is refused and nothing is created.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { enrollCustomer } from "@/lib/enrollment/enroll-customer";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { appUrl } from "@/lib/env";
import { updateProgram } from "@/lib/programs/manage-programs";
import { appError, makeMerchant, type Merchant } from "./helpers";
import { startSmtp, type TestSmtp } from "./smtp";

type Outcome = { webToken: string };
let ip = 0;
const meta = () => ({ ip: `10.80.${Math.floor(++ip / 250)}.${ip % 250}`, locale: "nl" as const });
const token = (programId: string) => issueFormToken(programId, Date.now() - 5000);
const enroll = (m: Merchant, fields: Record<string, string>, formToken = token(m.program.id)) =>
  enrollCustomer(m.program.id, { token: formToken, termsAccepted: "on", source: "poster", ...fields }, meta()) as Promise<Outcome>;
const customerOf = (webToken: string) =>
  db()
    .card.findUniqueOrThrow({ where: { webToken }, select: { customer: true } })
    .then((c) => c.customer);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A local SMTP server that can answer slowly: awaited delivery would show in the timing.
let smtp: TestSmtp;
let m: Merchant;
/** The note to an address on file that was used again (welcome emails are tested in enrollment-welcome.test.ts). */
const NOTICE = { startsWith: "Je hebt al een spaarkaart" };

beforeAll(async () => {
  smtp = await startSmtp();
  m = await makeMerchant("Bakkerij Privé", { customers: 0 });
  // Ask for both email and phone, optional.
  await updateProgram(m.ctx(), m.program.id, {
    name: "Broodkaart",
    stampsRequired: "10",
    rewardText: "Brood",
    backgroundColor: "#000000",
    foregroundColor: "#ffffff",
    labelColor: "#ffffff",
    stampIcon: "coffee",
    emailField: "optional",
    phoneField: "optional",
    birthdayField: "hidden",
    marketingConsent: "true",
  });
});

afterAll(() => smtp.close());

describe("enrollment does not reveal who is a customer (issue 11 §12)", () => {
  it("a known email gets a new card like anyone else; only the address on file hears about it", async () => {
    const first = await enroll(m, { name: "Iris", email: "iris@cust.test", phone: "0611111111" });
    const iris = await customerOf(first.webToken);
    const irisBefore = await db().customer.findUniqueOrThrow({ where: { id: iris.id } });
    const outboxBefore = await db().outboxEmail.count();

    const again = await enroll(m, { name: "Eve", email: "IRIS@cust.test", phone: "0622222222" });
    const fresh = await enroll(m, { name: "Nieuw", email: "nieuw@cust.test" });
    // Same shape of answer, both a card, and a new one for the known email.
    expect(Object.keys(again).sort()).toEqual(Object.keys(fresh).sort());
    expect(again.webToken).toMatch(/^[A-Za-z0-9_-]{20,80}$/);
    expect(again.webToken).not.toBe(first.webToken);

    // The new customer: without the colliding email, with the free phone, marked as a possible duplicate.
    const dup = await customerOf(again.webToken);
    expect(dup).toMatchObject({ name: "Eve", email: null, phone: "+31622222222", possibleDuplicateOfId: iris.id });
    expect(await db().card.count({ where: { customerId: dup.id } })).toBe(1);
    expect((await customerOf(fresh.webToken)).possibleDuplicateOfId).toBeNull();
    // The existing customer is untouched.
    expect(await db().customer.findUniqueOrThrow({ where: { id: iris.id } })).toEqual(irisBefore);

    // One message, to the address on file, with the link to her existing card.
    await expect.poll(() => smtp.to("iris@cust.test").length, { timeout: 5000 }).toBe(1);
    const mail = smtp.to("iris@cust.test")[0];
    expect(mail.to).toEqual(["iris@cust.test"]);
    expect(mail.subject).toBe("Je hebt al een spaarkaart bij Bakkerij Privé");
    expect(mail.text).toContain(`${appUrl()}/c/${first.webToken}`);
    expect(mail.html).toContain(`${appUrl()}/c/${first.webToken}`);
    expect(mail.raw).not.toContain(again.webToken);
    await sleep(200);
    const outbox = await db().outboxEmail.findMany({ skip: outboxBefore, orderBy: { createdAt: "asc" } });
    expect(outbox.filter((o) => o.subject.startsWith(NOTICE.startsWith)).map((o) => o.to)).toEqual(["iris@cust.test"]);
  });

  it("a known phone gets a new card too, keeps the typed email if free, and nobody is messaged", async () => {
    const first = await enroll(m, { name: "Bo", email: "bo@cust.test", phone: "06 3333 3333" });
    const bo = await customerOf(first.webToken);
    const boBefore = await db().customer.findUniqueOrThrow({ where: { id: bo.id } });
    const outboxBefore = await db().outboxEmail.count();

    // The probe: a known phone with any other details.
    const probe = await enroll(m, { name: "Eve", email: "eve@evil.test", phone: "+31633333333" });
    const dup = await customerOf(probe.webToken);
    expect(dup).toMatchObject({ name: "Eve", email: "eve@evil.test", phone: null, possibleDuplicateOfId: bo.id });
    // Known phone, no email at all.
    const noEmail = await enroll(m, { name: "Bo", phone: "0633333333" });
    expect(await customerOf(noEmail.webToken)).toMatchObject({ email: null, phone: null, possibleDuplicateOfId: bo.id });

    expect(await db().customer.findUniqueOrThrow({ where: { id: bo.id } })).toEqual(boBefore);
    await sleep(300);
    // Nothing to the phone's holder (Eve's own welcome email is the workers' business: enrollment-welcome.test.ts).
    const outbox = await db().outboxEmail.findMany({ skip: outboxBefore, orderBy: { createdAt: "asc" } });
    expect(outbox.filter((o) => o.subject.startsWith(NOTICE.startsWith))).toEqual([]);
  });

  it("answers as fast for a known email as for an unknown one, however slow the mail server", async () => {
    await enroll(m, { name: "Sam", email: "sam@cust.test" });
    await enroll(m, { name: "Warm", email: "warm-up@cust.test" });
    smtp.delayMs = 1500;
    try {
      const timed = async (email: string) => {
        const t0 = performance.now();
        const out = await enroll(m, { name: "X", email });
        return { ms: performance.now() - t0, out };
      };
      const known = await timed("sam@cust.test");
      const unknown = await timed("nobody-yet@cust.test");
      expect(known.ms).toBeLessThan(400);
      expect(unknown.ms).toBeLessThan(400);
      expect(Object.keys(known.out)).toEqual(Object.keys(unknown.out));
      // …and the message still arrives, after the answer.
      await expect.poll(() => smtp.to("sam@cust.test").length > 0, { timeout: 5000 }).toBe(true);
    } finally {
      smtp.delayMs = 0;
    }
  });

  it("one customer hears at most a few times a day, however often their email is typed in", async () => {
    await enroll(m, { name: "Mila", email: "mila@cust.test" });
    for (let i = 0; i < 5; i++) await enroll(m, { name: `Spam ${i}`, email: "mila@cust.test" });
    await expect.poll(() => db().outboxEmail.count({ where: { to: "mila@cust.test", subject: NOTICE } }), { timeout: 5000 }).toBe(3);
    await sleep(300);
    expect(await db().outboxEmail.count({ where: { to: "mila@cust.test", subject: NOTICE } })).toBe(3);
    expect(await db().customer.count({ where: { organizationId: m.org.id, name: { startsWith: "Spam " }, possibleDuplicateOfId: { not: null } } })).toBe(5);
  });

  it("racing sign-ups with the same new email never fail: one owns the email, the rest are marked duplicates", async () => {
    const outs = await Promise.all(Array.from({ length: 6 }, (_, i) => enroll(m, { name: `Race ${i}`, email: "race@cust.test" })));
    expect(new Set(outs.map((o) => o.webToken)).size).toBe(6);
    const customers = await Promise.all(outs.map((o) => customerOf(o.webToken)));
    const owner = customers.filter((c) => c.email === "race@cust.test");
    expect(owner).toHaveLength(1);
    for (const c of customers.filter((c) => c.id !== owner[0].id)) expect(c).toMatchObject({ email: null, possibleDuplicateOfId: owner[0].id });
  });
});

describe("a replayed form token (issue 11 §13)", () => {
  it("returns the original card when the same details come again", async () => {
    const formToken = token(m.program.id);
    const first = await enroll(m, { name: "Noor", email: "noor@cust.test", phone: "0644444444" }, formToken);
    // The same person, the same details typed a little differently.
    const again = await enroll(m, { name: " Noor ", email: "NOOR@cust.test", phone: "+31 6 4444 4444" }, formToken);
    expect(again).toEqual(first);
    expect(await db().customer.count({ where: { organizationId: m.org.id, name: "Noor" } })).toBe(1);
  });

  it("refuses the same token with other details, from anywhere, and creates nothing", async () => {
    const formToken = token(m.program.id);
    const first = await enroll(m, { name: "Lotte", email: "lotte@cust.test" }, formToken);
    const [customers, cards, events] = await Promise.all([db().customer.count(), db().card.count(), db().cardEvent.count()]);
    for (const other of [
      { name: "Eve", email: "eve2@evil.test" },
      { name: "Lotte", email: "eve3@evil.test" },
      { name: "Eve", email: "lotte@cust.test" },
      { name: "Lotte", email: "lotte@cust.test", phone: "0655555555" },
      { name: "Lotte" },
    ] as Record<string, string>[]) {
      const e = await appError(enroll(m, other, formToken));
      expect(["VALIDATION", "CONFLICT"]).toContain(e.code);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(500);
      expect(e.fieldErrors?._form?.[0]).toBe("join.formUsed");
    }
    expect([await db().customer.count(), await db().card.count(), await db().cardEvent.count()]).toEqual([customers, cards, events]);
    // The rightful owner still gets their card from the same token.
    expect(await enroll(m, { name: "Lotte", email: "lotte@cust.test" }, formToken)).toEqual(first);
  });

  it("a replay of a sign-up that collided with a known email returns its own new card, never the one on file", async () => {
    const known = await enroll(m, { name: "Fleur", email: "fleur@cust.test" });
    const formToken = token(m.program.id);
    const dup = await enroll(m, { name: "Fleur", email: "fleur@cust.test" }, formToken);
    expect(dup.webToken).not.toBe(known.webToken);
    expect(await enroll(m, { name: "Fleur", email: "fleur@cust.test" }, formToken)).toEqual(dup);
    expect((await appError(enroll(m, { name: "Fleur", email: "other@cust.test" }, formToken))).fieldErrors?._form).toEqual(["join.formUsed"]);
  });

  it("a replay whose email and phone collided with two different customers: same details → its card, any other → refused", async () => {
    await enroll(m, { name: "Anna", email: "anna@cust.test" });
    await enroll(m, { name: "Bert", phone: "0677777777" });
    const formToken = token(m.program.id);
    const zoe = await enroll(m, { name: "Zoe", email: "anna@cust.test", phone: "0677777777" }, formToken);
    expect(await customerOf(zoe.webToken)).toMatchObject({ email: null, phone: null });
    expect(await enroll(m, { name: "Zoe", email: "Anna@cust.test", phone: "+31677777777" }, formToken)).toEqual(zoe);
    for (const other of [
      { name: "Zoe", email: "anna@cust.test", phone: "0688888888" },
      { name: "Zoe", phone: "0677777777" },
      { name: "Zoe", email: "bert@cust.test", phone: "0677777777" },
      { name: "Zoe" },
    ] as Record<string, string>[]) {
      expect((await appError(enroll(m, other, formToken))).fieldErrors?._form, JSON.stringify(other)).toEqual(["join.formUsed"]);
    }
  });

  it("racing replays with mixed details: one card, matching ones get it, the others are refused", async () => {
    const formToken = token(m.program.id);
    const before = await db().customer.count();
    const attempts = Array.from({ length: 10 }, (_, i) => (i % 2 ? { name: "Eve", email: "eve-race@evil.test" } : { name: "Daan", email: "daan@cust.test" }));
    const results = await Promise.allSettled(attempts.map((a) => enroll(m, a, formToken)));
    expect(await db().customer.count()).toBe(before + 1);
    const created = await db().customer.findFirstOrThrow({
      where: { organizationId: m.org.id, name: { in: ["Daan", "Eve"] } },
      orderBy: { createdAt: "desc" },
    });
    const winner = (await db().card.findFirstOrThrow({ where: { customerId: created.id } })).webToken;
    results.forEach((r, i) => {
      const mine = attempts[i].name === created.name;
      if (mine) expect(r).toEqual({ status: "fulfilled", value: { webToken: winner } });
      else expect(r).toMatchObject({ status: "rejected", reason: { fieldErrors: { _form: ["join.formUsed"] } } });
    });
  });
});

describe("Customer.possibleDuplicateOfId in the database", () => {
  it("stays inside the organization, and clears only itself when that customer is deleted", async () => {
    const other = await makeMerchant("Elders", { customers: 0 });
    const [a, b, foreign] = await Promise.all([
      db().customer.create({ data: { organizationId: m.org.id, name: "A" } }),
      db().customer.create({ data: { organizationId: m.org.id, name: "B" } }),
      db().customer.create({ data: { organizationId: other.org.id, name: "F" } }),
    ]);
    await expect(db().customer.update({ where: { id: b.id }, data: { possibleDuplicateOfId: foreign.id } })).rejects.toThrow();
    await db().customer.update({ where: { id: b.id }, data: { possibleDuplicateOfId: a.id } });
    await db().customer.delete({ where: { id: a.id } });
    expect(await db().customer.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ organizationId: m.org.id, possibleDuplicateOfId: null });
  });
});
