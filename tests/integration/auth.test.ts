import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/sign-up";
import { ownerDb as db } from "@/lib/db/owner";
import { AppError } from "@/lib/errors/app-error";
import { LIMITS } from "@/lib/rate-limit/rate-limit";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import { startSmtp, type TestSmtp } from "./smtp";

/** The reset token in a message's (decoded) text. */
const tokenIn = (text: string) => text.match(/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
const password = "koffie-met-melk-42";
/** The rest of a sign-up: the shop's address and the accepted data processing agreement (tests/integration/signup-legal.test.ts). */
const shop = { street: "Oudegracht 120", postcode: "3511 AX", city: "Utrecht", dpaAccepted: true };

async function expectAppError(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe("sign-up", () => {
  it("creates user, organization, OWNER membership and a 30-day trial", async () => {
    const before = Date.now();
    const { userId, organizationId } = await signUp(
      { name: "Anna", email: "Anna@Bakkerij.nl", password, businessName: "Bakkerij Anna", ...shop },
      { ip: "10.0.0.1" },
    );
    const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, include: { memberships: true } });
    expect(org.slug).toBe("bakkerij-anna");
    expect(org.memberships).toEqual([expect.objectContaining({ userId, role: "OWNER" })]);
    const days = (org.trialEndsAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(TRIAL_DAYS - 0.01);
    expect(days).toBeLessThan(TRIAL_DAYS + 0.01);
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
    expect(user.email).toBe("anna@bakkerij.nl");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("gives a second business with the same name its own slug", async () => {
    const { organizationId } = await signUp({ name: "Bas", email: "bas@bakkerij.nl", password, businessName: "Bakkerij Anna", ...shop }, { ip: "10.0.0.2" });
    const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(org.slug).toMatch(/^bakkerij-anna-[0-9a-f]{4}$/);
  });

  it("rejects a taken email with a field error and creates nothing", async () => {
    const orgs = await db().organization.count();
    const e = await expectAppError(signUp({ name: "X", email: "anna@bakkerij.nl", password, businessName: "Iets", ...shop }, { ip: "10.0.0.3" }), "CONFLICT");
    expect(e.fieldErrors).toEqual({ email: ["emailTaken"] });
    expect(await db().organization.count()).toBe(orgs);
  });

  it("rejects bad input as validation, never as a crash", async () => {
    await expect(signUp({ name: "", email: "x", password: "1", businessName: "", ...shop }, { ip: "10.0.0.4" })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("sign-in", () => {
  beforeAll(async () => {
    await signUp({ name: "Cem", email: "cem@kapsalon.nl", password, businessName: "Kapsalon Cem", ...shop }, { ip: "10.0.1.1" });
  });

  it("accepts the right password and refuses a wrong one or unknown email alike", async () => {
    expect(await authenticate({ email: "CEM@kapsalon.nl", password }, { ip: "10.0.1.2" })).toMatchObject({ email: "cem@kapsalon.nl" });
    expect(await authenticate({ email: "cem@kapsalon.nl", password: "wrong-password" }, { ip: "10.0.1.2" })).toBeNull();
    expect(await authenticate({ email: "nobody@kapsalon.nl", password }, { ip: "10.0.1.2" })).toBeNull();
  });

  it("a stranger's wrong guesses from many addresses never lock the owner out (issue 11 §8)", async () => {
    const email = "cem@kapsalon.nl";
    await db().rateLimitBucket.deleteMany({});
    for (let i = 0; i < LIMITS.signInFailuresPerEmail.max + 2; i++) {
      expect(await authenticate({ email, password: "wrong-password" }, { ip: `10.1.0.${i}` })).toBeNull();
    }
    // The owner, from their own address, still signs in (slowed down, not blocked).
    const t0 = Date.now();
    expect(await authenticate({ email, password }, { ip: "10.1.1.1" })).toMatchObject({ email });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const bucket = await db().rateLimitBucket.findUniqueOrThrow({ where: { key: `signin:email:${email}` } });
    expect(bucket.count).toBe(LIMITS.signInFailuresPerEmail.max + 2);
  });

  it("failures per address + account block that pair only, and a success clears them", async () => {
    const email = "cem@kapsalon.nl";
    await db().rateLimitBucket.deleteMany({});
    for (let i = 0; i < LIMITS.signInFailuresPerIpEmail.max; i++) await authenticate({ email, password: "wrong-password" }, { ip: "10.2.0.1" });
    await expectAppError(authenticate({ email, password }, { ip: "10.2.0.1" }), "RATE_LIMITED");
    expect(await authenticate({ email, password }, { ip: "10.2.0.2" })).not.toBeNull();
    // Successes do not count against anyone.
    await db().rateLimitBucket.deleteMany({});
    for (let i = 0; i < 10; i++) expect(await authenticate({ email, password }, { ip: "10.2.0.3" })).not.toBeNull();
    for (let i = 0; i < LIMITS.signInFailuresPerIpEmail.max - 1; i++) await authenticate({ email, password: "wrong-password" }, { ip: "10.2.0.3" });
    expect(await authenticate({ email, password }, { ip: "10.2.0.3" })).not.toBeNull();
    expect(await db().rateLimitBucket.findUnique({ where: { key: `signin:ip+email:10.2.0.3:${email}` } })).toBeNull();
  });

  it("rate-limits per IP across emails", async () => {
    await db().rateLimitBucket.deleteMany({});
    for (let i = 0; i < LIMITS.signInPerIp.max; i++) {
      await authenticate({ email: `probe${i}@x.nl`, password: "whatever-123" }, { ip: "10.9.9.9" });
    }
    await expectAppError(authenticate({ email: "cem@kapsalon.nl", password }, { ip: "10.9.9.9" }), "RATE_LIMITED");
    expect(await authenticate({ email: "cem@kapsalon.nl", password }, { ip: "10.9.9.10" })).not.toBeNull();
  });

  it("starts a new window once the old one has passed", async () => {
    await db().rateLimitBucket.updateMany({ data: { windowStart: new Date(Date.now() - 2 * 3600 * 1000) } });
    expect(await authenticate({ email: "cem@kapsalon.nl", password }, { ip: "10.9.9.9" })).not.toBeNull();
  });
});

describe("password reset by email over real SMTP", () => {
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    await signUp({ name: "Dewi", email: "dewi@salon.nl", password, businessName: "Salon Dewi", ...shop }, { ip: "10.2.0.1" });
    await db().rateLimitBucket.deleteMany({});
  });

  afterAll(() => smtp.close());

  it("sends a single-use link that sets a new password", async () => {
    await requestPasswordReset({ email: "dewi@salon.nl" }, { ip: "10.2.0.2" });
    await expect.poll(() => smtp.received.length).toBe(1);
    const mail = smtp.received[0];
    expect(mail.to).toEqual(["dewi@salon.nl"]);
    // The template, in the user's language (nl at sign-up), as HTML and plain text with the same link.
    expect(mail.subject).toBe("Je nieuwe wachtwoord voor Stempel");
    expect(mail.contentType).toBe("multipart/alternative");
    const token = tokenIn(mail.text)!;
    expect(token).toBeTruthy();
    expect(mail.text).toContain("Hallo Dewi,");
    expect(mail.html).toContain(`/reset-password/${token}"`);
    await expect.poll(async () => (await db().outboxEmail.findFirstOrThrow({ where: { to: "dewi@salon.nl" } })).sentAt).not.toBeNull();

    await resetPassword({ token, password: "nieuw-wachtwoord-1" });
    expect(await authenticate({ email: "dewi@salon.nl", password: "nieuw-wachtwoord-1" }, { ip: "10.2.0.3" })).not.toBeNull();
    expect(await authenticate({ email: "dewi@salon.nl", password }, { ip: "10.2.0.3" })).toBeNull();
    await expectAppError(resetPassword({ token, password: "nog-een-keer-1" }), "VALIDATION");
  });

  it("writes to each user in their own language", async () => {
    await signUp({ name: "Eli", email: "eli@salon.nl", password, businessName: "Salon Eli", ...shop }, { ip: "10.2.0.7", locale: "en" });
    await requestPasswordReset({ email: "eli@salon.nl" }, { ip: "10.2.0.8" });
    await expect.poll(() => smtp.to("eli@salon.nl").length).toBe(1);
    const [mail] = smtp.to("eli@salon.nl");
    expect(mail.subject).toBe("Your new Stempel password");
    expect(mail.text).toContain("Hello Eli,");
    expect(mail.html).toContain('lang="en"');
  });

  it("answers the same for an unknown email, and sends nothing", async () => {
    const before = smtp.received.length;
    await expect(requestPasswordReset({ email: "onbekend@salon.nl" }, { ip: "10.2.0.4" })).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before);
  });

  it("answers before sending: a slow mail server does not tell known from unknown accounts (issue 11 §14)", async () => {
    smtp.delayMs = 1500;
    try {
      const timed = async (email: string) => {
        const t0 = performance.now();
        await requestPasswordReset({ email }, { ip: "10.2.0.9" });
        return performance.now() - t0;
      };
      const before = smtp.received.length;
      const [known, unknown] = [await timed("dewi@salon.nl"), await timed("niemand@salon.nl")];
      expect(known).toBeLessThan(400);
      expect(unknown).toBeLessThan(400);
      await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(before + 1);
    } finally {
      smtp.delayMs = 0;
    }
  });

  it("refuses an expired link", async () => {
    const before = smtp.received.length;
    await requestPasswordReset({ email: "dewi@salon.nl" }, { ip: "10.2.0.5" });
    await expect.poll(() => smtp.received.length).toBe(before + 1);
    const token = tokenIn(smtp.received.at(-1)!.text)!;
    await db().passwordResetToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectAppError(resetPassword({ token, password: "nieuw-wachtwoord-2" }), "VALIDATION");
  });

  it("keeps mail in the outbox when SMTP is not configured", async () => {
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    await db().rateLimitBucket.deleteMany({});
    try {
      const before = smtp.received.length;
      await requestPasswordReset({ email: "dewi@salon.nl" }, { ip: "10.2.0.6" });
      await expect.poll(() => db().outboxEmail.count({ where: { to: "dewi@salon.nl", transport: "outbox" } })).toBe(1);
      expect(smtp.received.length).toBe(before);
      const row = await db().outboxEmail.findFirstOrThrow({ where: { to: "dewi@salon.nl", transport: "outbox" } });
      expect(row.text).toContain("/reset-password/");
      expect(row.html).toContain("/reset-password/");
    } finally {
      process.env.SMTP_URL = url;
    }
  });
});
