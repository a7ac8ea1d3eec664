// A customer joins a merchant's published card from the QR page.
// - New customer: customer + card + ENROLL event in one transaction.
// - Same email/phone already known to this merchant: no duplicate; they get
//   their existing card back after proving they own the email (6-digit code).
// - The form token's nonce is the idempotency key: a double tap (even two
//   requests racing) yields one card.
import { createHash, randomInt } from "node:crypto";
import { issueCard } from "@/lib/cards/issue-card";
import { sendEmail } from "@/lib/email/send-email";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { readFormFields } from "@/lib/programs/program-data";
import { enforce, type Limit } from "@/lib/rate-limit/rate-limit";
import { openProgram } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { enrollmentSchema, VerifyRequest } from "@/lib/validation/enrollment";
import { checkFormToken } from "./form-token";

export const ENROLL_LIMITS = {
  perIp: { name: "enroll:ip", max: 30, windowSeconds: 3600 },
  verifyPerIp: { name: "verify:ip", max: 30, windowSeconds: 3600 },
} satisfies Record<string, Limit>;
const CODE_TTL_MS = 15 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export type EnrollOutcome = { kind: "card"; webToken: string } | { kind: "verify"; verificationId: string; emailHint: string };
type Texts = { subject: string; body: (code: string) => string };

/** The public, published program a QR points to (null if unknown, draft or archived). */
export async function findOpenProgram(programId: string) {
  if (!/^[a-z0-9]{20,40}$/i.test(programId)) return null;
  const found = await openProgram(programId);
  if (!found) return null;
  return tenantDb(found).cardProgram.findFirst({
    where: { id: programId, status: "PUBLISHED" },
    include: { organization: { select: { id: true, name: true } } },
  });
}

const maskEmail = (email: string) => email.replace(/^(.)(.*)(@.*)$/, (_, a: string, b: string, c: string) => `${a}${"•".repeat(Math.min(6, b.length))}${c}`);

export async function enrollCustomer(programId: string, input: unknown, meta: { ip: string; texts: Texts }): Promise<EnrollOutcome> {
  const program = await findOpenProgram(programId);
  if (!program) throw new AppError("NOT_FOUND");
  const orgId = program.organizationId;
  const data = enrollmentSchema(readFormFields(program.formFields)).parse(input);
  const token = checkFormToken(data.token, program.id);
  if (!token.ok) throw new AppError("VALIDATION", token.reason === "tooFast" ? "tooFast" : "formExpired", { _form: [token.reason === "tooFast" ? "tooFast" : "formExpired"] });
  await enforce([ENROLL_LIMITS.perIp, meta.ip]);

  const t = tenantDb({ orgId });
  const idempotencyKey = `enroll:${token.nonce}`;
  const replay = async () => {
    const event = await t.cardEvent.findUnique({ where: { organizationId_idempotencyKey: { organizationId: orgId, idempotencyKey } }, select: { card: { select: { webToken: true } } } });
    return event ? ({ kind: "card", webToken: event.card.webToken } as const) : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const matches = [data.email ? { email: data.email } : null, data.phone ? { phone: data.phone } : null].filter((m) => m !== null);
  const existing = matches.length ? await t.customer.findFirst({ where: { OR: matches } }) : null;
  if (existing) return startVerification(orgId, program.id, existing, meta.texts);

  const now = new Date();
  try {
    const card = await t.$transaction(async (tx) => {
      const customer = await tx.customer.create({
        data: {
          organizationId: orgId,
          name: data.name,
          email: data.email ?? null,
          phone: data.phone ?? null,
          birthday: data.birthday ?? null,
          marketingConsent: data.marketingConsent,
          marketingConsentAt: data.marketingConsent ? now : null,
          termsAcceptedAt: now,
          source: data.source,
        },
      });
      return issueCard(tx, { orgId, programId: program.id, programVersion: program.version, customerId: customer.id, idempotencyKey });
    });
    return { kind: "card", webToken: card.webToken };
  } catch (e) {
    // A concurrent identical submit won the race: answer with its card.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const won = await replay();
      if (won) return won;
      const now2 = matches.length ? await t.customer.findFirst({ where: { OR: matches } }) : null;
      if (now2) return startVerification(orgId, program.id, now2, meta.texts);
    }
    throw e;
  }
}

async function startVerification(orgId: string, programId: string, customer: { id: string; email: string | null }, texts: Texts): Promise<EnrollOutcome> {
  // Without an email we cannot prove ownership (no SMS provider): staff can find the card at the counter.
  if (!customer.email) throw new AppError("CONFLICT", "phoneKnown", { phone: ["phoneKnown"] });
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const verification = await tenantDb({ orgId }).enrollmentVerification.create({
    data: { organizationId: orgId, customerId: customer.id, programId, codeHash: sha256(`${customer.id}:${code}`), expiresAt: new Date(Date.now() + CODE_TTL_MS) },
  });
  await sendEmail({ to: customer.email, subject: texts.subject, text: texts.body(code) });
  return { kind: "verify", verificationId: verification.id, emailHint: maskEmail(customer.email) };
}

/** The code from the email unlocks the customer's card (issued now if they had none for this program). */
export async function verifyEnrollment(programId: string, input: unknown, meta: { ip: string }): Promise<{ webToken: string }> {
  const { verificationId, code } = VerifyRequest.parse(input);
  await enforce([ENROLL_LIMITS.verifyPerIp, meta.ip]);
  const program = await findOpenProgram(programId);
  if (!program) throw new AppError("NOT_FOUND");
  const t = tenantDb({ orgId: program.organizationId });
  const v = await t.enrollmentVerification.findFirst({ where: { id: verificationId, programId: program.id } });
  if (!v || v.usedAt || v.expiresAt < new Date() || v.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("VALIDATION", "codeExpired", { code: ["codeExpired"] });
  if (v.codeHash !== sha256(`${v.customerId}:${code}`)) {
    await t.enrollmentVerification.update({ where: { id: v.id }, data: { attempts: { increment: 1 } } });
    throw new AppError("VALIDATION", "codeWrong", { code: ["codeWrong"] });
  }
  return t.$transaction(async (tx) => {
    const claimed = await tx.enrollmentVerification.updateMany({ where: { id: v.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("VALIDATION", "codeExpired", { code: ["codeExpired"] });
    const card = await tx.card.findFirst({ where: { programId: program.id, customerId: v.customerId, erasedAt: null }, select: { webToken: true } });
    if (card) return card;
    return issueCard(tx, { orgId: program.organizationId, programId: program.id, programVersion: program.version, customerId: v.customerId, idempotencyKey: `verify:${v.id}` });
  });
}
