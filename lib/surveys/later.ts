// "Niet nu" on the web card's question: a cookie on that card's path hides the
// question for a while, without a database write (the customer owes us nothing).
// The pass's link "Geef je mening" (?vraag=1) shows it all the same.
import type { SurveyKind } from "@/lib/validation/surveys";

export const LATER_COOKIE = "stempel_vraag_later";

/** Satisfaction is about today's visit: hidden until tomorrow. NPS is not urgent: a week. */
const LATER_SECONDS: Record<SurveyKind, number> = { SATISFACTION: 20 * 3600, NPS: 7 * 24 * 3600 };

/** The Set-Cookie header that hides `kind` on the card at /c/<webToken>. */
export function laterCookie(webToken: string, kind: SurveyKind): string {
  return `${LATER_COOKIE}=${kind}; Path=/c/${webToken}; Max-Age=${LATER_SECONDS[kind]}; HttpOnly; SameSite=Lax`;
}

/** Whether the customer put this question off ("Niet nu") and did not ask for it since. */
export const isPostponed = (cookieValue: string | undefined, kind: SurveyKind) => cookieValue === kind;
