// A customer answers the question on their web card (/c/<token>, POST
// /c/<token>/survey). The secret web token is the credential: it pins the card's
// merchant (lib/tenancy/lookups.ts), and everything after runs in that
// merchant's pinned transaction. The server decides again whether the question
// is due (./eligibility.ts) — under a per-customer lock, so two taps racing
// store one answer — and stores it with where the customer last visited
// (Customer.lastVisitLocationId) and who served them (the member of their
// latest stamp that still stands).
import { AppError, fromZod } from "@/lib/errors/app-error";
import { enforce, type Limit } from "@/lib/rate-limit/rate-limit";
import { cardByWebToken } from "@/lib/tenancy/lookups";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { SurveyAnswerRequest, type SurveyKind } from "@/lib/validation/surveys";
import { refusal, type SurveyQuestion } from "./eligibility";
import { surveyState } from "./survey-state";

export const SURVEY_LIMITS = {
  // A customer answers at most a question a day; these only stop a script hammering the endpoint.
  perIp: { name: "survey:ip", max: 60, windowSeconds: 3600 },
  perCard: { name: "survey:card", max: 20, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

export type SurveyMeta = { ip: string };

const TOKEN = /^[A-Za-z0-9_-]{20,80}$/;

/** The card of this web token (rate-limited per address and per card), or 404. */
async function cardOf(webToken: string, meta: SurveyMeta) {
  await enforce([SURVEY_LIMITS.perIp, meta.ip]);
  const pin = TOKEN.test(webToken) ? await cardByWebToken(webToken) : null;
  if (!pin) throw new AppError("NOT_FOUND");
  await enforce([SURVEY_LIMITS.perCard, pin.cardId]);
  return pin;
}

/** The member who gave the customer's latest stamp that was not undone (a tablet member, or a signed-in user's membership). */
async function servedBy(tx: TenantTx, customerId: string): Promise<string | null> {
  const stamp = await tx.cardEvent.findFirst({
    where: { type: "STAMP", card: { customerId }, reversedBy: { is: null } },
    orderBy: { createdAt: "desc" },
    select: { actorMembershipId: true, actorUserId: true },
  });
  if (stamp?.actorMembershipId) return stamp.actorMembershipId;
  if (!stamp?.actorUserId) return null;
  return (await tx.membership.findFirst({ where: { userId: stamp.actorUserId }, select: { id: true } }))?.id ?? null;
}

/** Stores the answer: 404 unknown or erased card, 422 bad input, 409 not due or already answered. */
export async function answerSurvey(webToken: string, input: unknown, meta: SurveyMeta, now = new Date()): Promise<{ kind: SurveyKind }> {
  const pin = await cardOf(webToken, meta);
  const parsed = SurveyAnswerRequest.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const answer = parsed.data;
  return tenantDb(pin).$transaction(async (tx, sql) => {
    // One answer at a time per customer (their cards of other programs included): a double tap waits here, then finds it answered.
    await sql(
      `WITH locked AS (SELECT pg_advisory_xact_lock(hashtextextended('survey:' || "customerId", 0)) FROM "Card" WHERE "organizationId" = $1 AND id = $2)
       SELECT count(*)::int AS n FROM locked`,
      [pin.orgId, pin.cardId],
    );
    const state = await surveyState(tx, pin.cardId, now);
    if (state.question?.kind !== answer.kind) throw new AppError("CONFLICT", refusal(answer.kind, state.settings, state.facts));
    // The CLI questions count only when the program asks them.
    const cli = answer.kind === "NPS" && state.question.kind === "NPS" && state.question.cli;
    await tx.surveyAnswer.create({
      data: {
        organizationId: pin.orgId,
        customerId: state.customerId,
        cardId: pin.cardId,
        kind: answer.kind,
        score: answer.score,
        comeBack: cli ? (answer.comeBack ?? null) : null,
        tryOther: cli ? (answer.tryOther ?? null) : null,
        comment: answer.comment ?? null,
        locationId: state.lastVisitLocationId,
        membershipId: await servedBy(tx, state.customerId),
        createdAt: now,
      },
    });
    return { kind: answer.kind };
  });
}

/** "Niet nu": the question the card shows now, which the caller then hides for a while (./later.ts). */
export async function postponeSurvey(webToken: string, meta: SurveyMeta, now = new Date()): Promise<SurveyQuestion | null> {
  const pin = await cardOf(webToken, meta);
  return (await tenantDb(pin).$transaction((tx) => surveyState(tx, pin.cardId, now))).question;
}
