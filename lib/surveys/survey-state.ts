// The facts ./eligibility.ts decides on, read for one card inside the caller's
// pinned transaction (tenantDb(…).$transaction): the card's program settings,
// the merchant's timezone, the customer's visits and their latest answers.
import { AppError } from "@/lib/errors/app-error";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { dueQuestion, type SurveyFacts, type SurveyQuestion, type SurveySettings } from "./eligibility";

export type SurveyState = {
  customerId: string;
  /** Where the customer last got a stamp (Customer.lastVisitLocationId). */
  lastVisitLocationId: string | null;
  settings: SurveySettings;
  facts: SurveyFacts;
  question: SurveyQuestion | null;
};

const SETTINGS = { surveySatisfaction: true, surveyNps: true, surveyNpsAfterVisits: true, surveyNpsEveryDays: true, surveyCli: true } as const;

export async function surveyState(tx: TenantTx, cardId: string, now: Date): Promise<SurveyState> {
  const card = await tx.card.findFirst({
    where: { id: cardId, erasedAt: null },
    select: {
      customerId: true,
      program: { select: SETTINGS },
      organization: { select: { timezone: true } },
      customer: { select: { lastVisitLocationId: true } },
    },
  });
  if (!card) throw new AppError("NOT_FOUND");
  const customerId = card.customerId;
  const latest = (kind: "SATISFACTION" | "NPS") =>
    tx.surveyAnswer.findFirst({ where: { customerId, kind }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  // Visits and answers by the (organizationId, customerId, …) indexes.
  const visits = await tx.visit.count({ where: { customerId } });
  const lastVisit = await tx.visit.findFirst({ where: { customerId }, orderBy: { day: "desc" }, select: { day: true } });
  const lastSatisfaction = await latest("SATISFACTION");
  const lastNps = await latest("NPS");
  const facts: SurveyFacts = {
    now,
    timezone: card.organization.timezone,
    visits,
    // Visit.day is a DATE: Prisma gives its midnight UTC.
    lastVisitDay: lastVisit ? lastVisit.day.toISOString().slice(0, 10) : null,
    lastSatisfactionAt: lastSatisfaction?.createdAt ?? null,
    lastNpsAt: lastNps?.createdAt ?? null,
  };
  return {
    customerId,
    lastVisitLocationId: card.customer.lastVisitLocationId,
    settings: card.program,
    facts,
    question: dueQuestion(card.program, facts),
  };
}

/** The question the web card of `card` shows now (null: none). */
export async function dueSurvey(card: { organizationId: string; id: string }, now = new Date()): Promise<SurveyQuestion | null> {
  return (await tenantDb({ orgId: card.organizationId }).$transaction((tx) => surveyState(tx, card.id, now))).question;
}
