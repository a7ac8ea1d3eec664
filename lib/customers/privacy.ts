// GDPR self-service from the customer's own card: export, withdraw consent,
// erase. Erasure removes personal data (name, email, phone, birthday, consent
// records, the merchant's note and tags, possible-duplicate links either way, her survey answers), retires the card's secrets,
// and records an anonymous ERASE event in the ledger so the merchant's
// statistics stay true.
import { newAuthToken, newSerial, newWebToken } from "@/lib/cards/identifiers";
import { AppError } from "@/lib/errors/app-error";
import { dropKeptPanels } from "@/lib/insights/kept";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { getCustomerCard } from "@/lib/cards/customer-card";

async function own(webToken: string) {
  const card = await getCustomerCard(webToken);
  if (!card) throw new AppError("NOT_FOUND");
  return card;
}

/** What is left of an erased customer: no name, contact, birthday, consent, links or notes. */
export const ERASED_CUSTOMER = {
  name: "",
  email: null,
  phone: null,
  birthday: null,
  marketingConsent: false,
  marketingConsentAt: null,
  termsAcceptedAt: null,
  referredByCustomerId: null,
  possibleDuplicateOfId: null,
  note: null,
  externalId: null,
} as const;

export async function exportCustomerData(webToken: string) {
  const card = await own(webToken);
  const cards = await tenantDb({ orgId: card.organizationId }).card.findMany({
    where: { customerId: card.customer.id },
    select: {
      serial: true,
      stampCount: true,
      rewardsAvailable: true,
      createdAt: true,
      program: { select: { name: true } },
      events: { orderBy: { createdAt: "asc" }, select: { type: true, amount: true, createdAt: true } },
    },
  });
  // What the merchant wrote about her is her data too.
  const notes = await tenantDb({ orgId: card.organizationId }).customer.findUniqueOrThrow({
    where: { id: card.customer.id },
    select: { note: true, tags: { select: { tag: true } } },
  });
  const customer = { ...card.customer, note: notes.note, tags: notes.tags.map((t) => t.tag) };
  return { exportedAt: new Date().toISOString(), merchant: card.organization.name, customer, cards, surveyAnswers: await surveyAnswersOf(card) };
}

/** Her answers to the questions on her card (lib/surveys), with where she had last visited. */
async function surveyAnswersOf(card: { organizationId: string; customer: { id: string } }) {
  const t = tenantDb({ orgId: card.organizationId });
  const answers = await t.surveyAnswer.findMany({
    where: { customerId: card.customer.id },
    orderBy: { createdAt: "asc" },
    select: { kind: true, score: true, comeBack: true, tryOther: true, comment: true, locationId: true, createdAt: true },
  });
  const ids = [...new Set(answers.flatMap((a) => (a.locationId ? [a.locationId] : [])))];
  const names = new Map(
    (ids.length ? await t.location.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((l) => [l.id, l.name]),
  );
  return answers.map(({ locationId, ...a }) => ({ ...a, location: locationId ? (names.get(locationId) ?? null) : null }));
}

export async function withdrawMarketingConsent(webToken: string) {
  const card = await own(webToken);
  await tenantDb({ orgId: card.organizationId }).customer.update({
    where: { id: card.customer.id },
    data: { marketingConsent: false, marketingConsentAt: null },
  });
}

export async function eraseCustomer(webToken: string) {
  const card = await own(webToken);
  const t = tenantDb({ orgId: card.organizationId });
  await t.$transaction(async (tx) => {
    const cards = await tx.card.findMany({ where: { customerId: card.customer.id, erasedAt: null }, select: { id: true } });
    const now = new Date();
    for (const c of cards) {
      await tx.card.update({ where: { id: c.id }, data: { erasedAt: now, webToken: newWebToken(), authToken: newAuthToken(), serial: newSerial() } });
      await tx.cardEvent.create({ data: { organizationId: card.organizationId, cardId: c.id, type: "ERASE", amount: 0 } });
    }
    // "Possibly the same person as …" links say something about her: they go both ways.
    await tx.customer.updateMany({ where: { possibleDuplicateOfId: card.customer.id }, data: { possibleDuplicateOfId: null } });
    await tx.customerTag.deleteMany({ where: { customerId: card.customer.id } });
    await tx.surveyAnswer.deleteMany({ where: { customerId: card.customer.id } });
    // A big merchant's kept Inzichten panels name customers: the pages compute live until the next refresh.
    await dropKeptPanels(tx);
    await tx.customer.update({
      where: { id: card.customer.id },
      data: ERASED_CUSTOMER,
    });
  });
}

/** For tests and audits: is anything personal left for this customer? */
export function personalDataLeft(orgId: string, customerId: string) {
  return tenantDb({ orgId }).customer.findFirst({
    where: {
      id: customerId,
      OR: [
        { name: { not: "" } },
        { email: { not: null } },
        { phone: { not: null } },
        { birthday: { not: null } },
        { note: { not: null } },
        { tags: { some: {} } },
        { surveyAnswers: { some: {} } },
      ],
    },
  });
}
