// A customer joins a merchant's published card from the QR page. Every sign-up
// that passes the form checks gets a new card, whatever details it carries, so
// the answer never tells who is already a customer (issue 11 §12):
// - Details nobody has: customer + card + ENROLL event in one transaction.
// - An email or phone another customer of this merchant already has: a new
//   customer all the same, without the colliding email/phone (they are unique
//   per organization), marked `possibleDuplicateOfId` → that customer. If the
//   email matched, the address on file — and only it — is told, after the answer,
//   where its existing card is. A phone match sends nothing (no SMS provider).
// - The form token's nonce is the ENROLL event's idempotency key: a double tap
//   (even two requests racing) yields one card, and a replay gets that card back
//   only with the same details; other details are refused (issue 11 §13).
// - A sign-up that typed an email queues a welcome-email job in its own
//   transaction, whether the email is known or not (the same work either way);
//   the workers send the welcome email once, only if the address went on the
//   record (lib/enrollment/customer-emails.ts). A replay creates nothing.
// - Through a customer's share link (hidden `ref` field, programs with referrals
//   on): source REFERRAL, referredByCustomerId, and a Referral row in the same
//   transaction, PENDING or BLOCKED — never shown to the friend (lib/referrals).
import { issueCard } from "@/lib/cards/issue-card";
import { sendEmail } from "@/lib/email/send-email";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/config";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { readFormFields } from "@/lib/programs/program-data";
import { enforce, hit, type Limit } from "@/lib/rate-limit/rate-limit";
import { openProgram } from "@/lib/tenancy/lookups";
import { tenantDb, type TenantDb } from "@/lib/tenancy/tenant-db";
import { enrollmentSchema } from "@/lib/validation/enrollment";
import { deviceHash } from "@/lib/referrals/device";
import { contactVerdict, findReferrer, recordReferral } from "@/lib/referrals/enroll";
import { readReferralCode } from "@/lib/referrals/links";
import { existingCardEmail, type ProgramForEmail } from "./customer-emails";
import { checkFormToken } from "./form-token";

export const ENROLL_LIMITS = {
  perIp: { name: "enroll:ip", max: 30, windowSeconds: 3600 },
  // "You already have a card" mails to one customer: sign-ups with someone's email cannot flood their inbox.
  noticesPerCustomer: { name: "enroll-notice:customer", max: 3, windowSeconds: 24 * 3600 },
} satisfies Record<string, Limit>;

/** Racing sign-ups that take the same email, phone or nonce: each retry sees the winner. */
const MAX_ATTEMPTS = 4;

export type EnrollOutcome = { webToken: string };
/**
 * `locale`: the language of the sign-up page, which the customer's emails and messages are written in.
 * `deviceId`: the browser's `stempel_device` cookie (lib/referrals/device.ts), for the referral rules.
 */
export type EnrollMeta = { ip: string; locale: Locale; deviceId?: string | null };
type Details = { name: string; email: string | null; phone: string | null };
type Holder = { id: string; email: string | null; phone: string | null };

/** The public, published program a QR points to (null if unknown, draft or archived). */
export async function findOpenProgram(programId: string) {
  if (!/^[a-z0-9]{20,40}$/i.test(programId)) return null;
  const found = await openProgram(programId);
  if (!found) return null;
  return tenantDb(found).cardProgram.findFirst({
    where: { id: programId, status: "PUBLISHED" },
    include: {
      organization: {
        select: {
          id: true,
          name: true,
          privacyContactEmail: true,
          addressLine: true,
          postalCode: true,
          city: true,
          contactPhone: true,
          contactEmail: true,
          website: true,
        },
      },
    },
  });
}

const formUsed = () => new AppError("CONFLICT", "formUsed", { _form: ["join.formUsed"] });
const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

export async function enrollCustomer(programId: string, input: unknown, meta: EnrollMeta): Promise<EnrollOutcome> {
  const program = await findOpenProgram(programId);
  if (!program) throw new AppError("NOT_FOUND");
  const orgId = program.organizationId;
  const data = enrollmentSchema(readFormFields(program.formFields)).parse(input);
  const token = checkFormToken(data.token, program.id);
  if (!token.ok)
    throw new AppError("VALIDATION", token.reason === "tooFast" ? "tooFast" : "formExpired", {
      _form: [token.reason === "tooFast" ? "tooFast" : "formExpired"],
    });
  await enforce([ENROLL_LIMITS.perIp, meta.ip]);

  const t = tenantDb({ orgId });
  const idempotencyKey = `enroll:${token.nonce}`;
  const details: Details = { name: data.name, email: data.email ?? null, phone: data.phone ?? null };
  // Through a customer's share link (hidden `ref` field): the friend is linked to them (lib/referrals).
  const referrer = await findReferrer(t, program, readReferralCode((input as { ref?: unknown } | null)?.ref));
  const device = meta.deviceId ? deviceHash(meta.deviceId) : null;

  for (let attempt = 1; ; attempt++) {
    const earlier = await replay(t, orgId, idempotencyKey, details);
    if (earlier) return earlier;

    // Who already has this email or phone — the same query whether anyone does or not.
    const contacts = [details.email ? { email: details.email } : null, details.phone ? { phone: details.phone } : null].filter((c) => c !== null);
    const holders: Holder[] = contacts.length ? await t.customer.findMany({ where: { OR: contacts }, select: { id: true, email: true, phone: true } }) : [];
    const emailHolder = details.email ? holders.find((h) => h.email === details.email) : undefined;
    const phoneHolder = details.phone ? holders.find((h) => h.phone === details.phone) : undefined;

    const now = new Date();
    const possibleDuplicateOfId = (emailHolder ?? phoneHolder)?.id ?? null;
    const verdict = referrer && (await contactVerdict(t, referrer, { ...details, deviceHash: device, possibleDuplicateOfId }));
    try {
      const card = await t.$transaction(async (tx, sql) => {
        const customer = await tx.customer.create({
          data: {
            organizationId: orgId,
            name: details.name,
            email: emailHolder ? null : details.email,
            phone: phoneHolder ? null : details.phone,
            possibleDuplicateOfId,
            birthday: data.birthday ?? null,
            marketingConsent: data.marketingConsent,
            marketingConsentAt: data.marketingConsent ? now : null,
            termsAcceptedAt: now,
            source: referrer ? "REFERRAL" : data.source,
            referredByCustomerId: referrer?.customerId ?? null,
            locale: meta.locale,
            enrollDeviceHash: device,
          },
        });
        const card = await issueCard(tx, { orgId, programId: program.id, programVersion: program.version, customerId: customer.id, idempotencyKey });
        if (referrer)
          await recordReferral(tx, sql, {
            orgId,
            programId: program.id,
            referrer,
            friendCustomerId: customer.id,
            friendCardId: card.id,
            verdict: verdict || null,
            now,
          });
        if (details.email) await enqueue(QUEUES.welcomeEmail, { orgId, cardId: card.id, locale: meta.locale }, card.id, sql);
        return card;
      });
      // After the answer, never awaited: known and unknown emails cost the same before it.
      if (emailHolder) void tellCustomerOnFile(orgId, program, emailHolder, meta.locale);
      return { webToken: card.webToken };
    } catch (e) {
      // A racing sign-up took this nonce (→ replay) or this email/phone (→ now a duplicate): look again.
      if (isUniqueViolation(e) && attempt < MAX_ATTEMPTS) continue;
      throw e;
    }
  }
}

/**
 * The card an earlier submit of the same form created — only for the same details
 * (a token seen on a shared phone or in a proxy log must not open someone else's
 * card). Compared as stored, normalized as the form does: a contact the enrollment
 * left off because another customer held it matches while that customer still
 * holds it, and a sign-up marked as a duplicate matches only a replay that brings
 * the contact it collided with.
 */
async function replay(t: TenantDb, orgId: string, idempotencyKey: string, details: Details): Promise<EnrollOutcome | null> {
  const event = await t.cardEvent.findUnique({
    where: { organizationId_idempotencyKey: { organizationId: orgId, idempotencyKey } },
    select: {
      card: {
        select: {
          webToken: true,
          erasedAt: true,
          customer: { select: { id: true, name: true, email: true, phone: true, possibleDuplicateOf: { select: { email: true, phone: true } } } },
        },
      },
    },
  });
  if (!event) return null;
  const { card } = event;
  const original = card.customer;
  const dup = original.possibleDuplicateOf;
  if (card.erasedAt || original.name !== details.name) throw formUsed();
  // The customer it points to is the email's holder if the email collided, else the phone's.
  const emailLeftOff = original.email === null && details.email !== null && dup?.email === details.email;
  const phoneLeftOffForDup = original.phone === null && details.phone !== null && dup?.phone === details.phone;
  // A sign-up marked as a duplicate had a contact left off: the replay must bring it, or the
  // name alone would match a record whose email and phone were both left off.
  if (dup && !emailLeftOff && !phoneLeftOffForDup) throw formUsed();
  if (details.email !== original.email && !emailLeftOff) throw formUsed();
  if (details.phone !== original.phone) {
    const phoneLeftOff =
      original.phone === null &&
      details.phone !== null &&
      dup !== null &&
      (phoneLeftOffForDup ||
        // Email and phone collided with two different customers.
        (emailLeftOff && (await t.customer.findFirst({ where: { phone: details.phone, id: { not: original.id } }, select: { id: true } })) !== null));
    if (!phoneLeftOff) throw formUsed();
  }
  return { webToken: card.webToken };
}

/** Tells the address on file where its card is. Runs after the answer; failures are only logged. */
async function tellCustomerOnFile(orgId: string, program: ProgramForEmail & { id: string }, holder: Holder, locale: Locale) {
  try {
    if (!holder.email) return;
    const cards = await tenantDb({ orgId }).card.findMany({
      where: { customerId: holder.id, erasedAt: null },
      select: { webToken: true, programId: true },
      orderBy: { createdAt: "asc" },
    });
    const card = cards.find((c) => c.programId === program.id) ?? cards[0];
    if (!card) return;
    if (!(await hit(ENROLL_LIMITS.noticesPerCustomer, holder.id)).allowed) return;
    await sendEmail(await existingCardEmail(program, holder.email, card.webToken, locale));
  } catch (e) {
    logger.error({ err: e }, "enrollment notice to the customer on file failed");
  }
}
