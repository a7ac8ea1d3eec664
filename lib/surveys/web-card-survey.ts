import "server-only";
// What the web card (/c/<token>) shows of the surveys, decided before the page
// renders: the due question, the thank-you after a plain form post
// (?vraag=bedankt), or — opened from the pass's "Geef je mening" (?vraag=1) with
// nothing due — a short note. A question put off with "Niet nu" stays hidden
// unless asked for with ?vraag=1.
import type { SurveyQuestion } from "./eligibility";
import { isPostponed } from "./later";
import { dueSurvey } from "./survey-state";

export type WebCardSurveyState = { show: "question"; question: SurveyQuestion } | { show: "thanks" } | { show: "nothingDue" } | null;

/**
 * `vraag`: the page's ?vraag= ("1": asked for from the pass, "bedankt": just answered);
 * `later`: the request's LATER_COOKIE ("Niet nu").
 */
export async function webCardSurvey(
  card: { organizationId: string; id: string },
  vraag: string | null | undefined,
  later: string | undefined,
): Promise<WebCardSurveyState> {
  if (vraag === "bedankt") return { show: "thanks" };
  const question = await dueSurvey(card);
  const askedFor = vraag === "1";
  if (!question) return askedFor ? { show: "nothingDue" } : null;
  if (!askedFor && isPostponed(later, question.kind)) return null;
  return { show: "question", question };
}
