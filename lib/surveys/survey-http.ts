import "server-only";
// POST /c/<token>/survey, for both ways the web card sends an answer:
// - JSON (the card's script): 201 { ok, kind } / 200 { ok, later }, or the 4xx of
//   errorResult (lib/http/result.ts) with `text`, the message in the customer's language.
// - A plain form post (no JavaScript): 303 back to the card (thank-you state,
//   or the question hidden after "Niet nu"); a refusal is a small page with
//   the same 4xx status, the message and a link back to the card.
// Everything comes from the Request itself, so tests call the route handler directly.
import { clientIp } from "@/lib/auth/client-ip";
import { readJoinForm } from "@/lib/enrollment/read-join-form";
import { toAppError, type AppError } from "@/lib/errors/app-error";
import { html } from "@/lib/html/html";
import { readJson } from "@/lib/http/request";
import { errorResult, type Json } from "@/lib/http/result";
import { toResponse } from "@/lib/http/web";
import { requestTranslator, type T } from "@/lib/http/html-request";
import type { Locale } from "@/lib/i18n/config";
import { answerSurvey, postponeSurvey } from "./answer-survey";
import { laterCookie } from "./later";

const MAX_JSON_BYTES = 8 * 1024;

/** What the customer reads for an error: the first field's message, the refusal's, or the general one. */
export function errorText(t: T, e: AppError): string {
  const field = e.fieldErrors && Object.values(e.fieldErrors)[0]?.[0];
  for (const key of [field && `survey.errors.${field}`, `survey.errors.${e.messageKey}`, `errors.${e.code}`]) {
    if (key && t.has(key)) return t(key);
  }
  return t("errors.INTERNAL");
}

/** A refusal of a plain form post: its status, the message and the way back to the card. */
function errorPage(locale: Locale, t: T, status: number, message: string, webToken: string | null) {
  const back = webToken && status !== 404 ? `/c/${webToken}?vraag=1#vraag` : null;
  const body = html`<!doctype html>
<html lang="${locale}">
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width,initial-scale=1" />
  <meta name="robots" content="noindex" />
  <title>${t("survey.errorPage.title")}</title>
  <body style="font-family:system-ui,sans-serif;max-width:28rem;margin:0 auto;padding:3rem 1rem;text-align:center;color:#1c1917">
    <h1 style="font-size:1.5rem">${t("survey.errorPage.title")}</h1>
    <p data-testid="survey-error">${message}</p>
    ${back && html`<p><a href="${back}" style="display:inline-block;padding:0.75rem 1rem;color:#92400e">${t("survey.errorPage.back")}</a></p>`}
  </body>
</html>`;
  return new Response(body.value, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}

const isJson = (req: Request) => (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() === "application/json";
const wantsLater = (body: Record<string, unknown>) => body.later === true || body.later === "1" || body.later === "true";

export async function surveyPost(req: Request, webToken: string): Promise<Response> {
  const json = isJson(req);
  const { locale, t } = requestTranslator(req);
  const meta = { ip: clientIp((n) => req.headers.get(n)) };
  const noStore = { "Cache-Control": "private, no-store" };
  try {
    let body: Record<string, unknown>;
    if (json) {
      const value: unknown = await readJson(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length"), MAX_JSON_BYTES);
      body = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } else {
      const form = await readJoinForm(req);
      if (!form.ok) return errorPage(locale, t, form.status, t("survey.errors.badBody"), webToken);
      body = form.values;
    }

    if (wantsLater(body)) {
      const question = await postponeSurvey(webToken, meta);
      const headers: Record<string, string> = { ...noStore, ...(question ? { "Set-Cookie": laterCookie(webToken, question.kind) } : {}) };
      if (json) return toResponse({ status: 200, headers, body: { ok: true, later: true } });
      return new Response(null, { status: 303, headers: { ...headers, Location: `/c/${webToken}` } });
    }

    const { kind } = await answerSurvey(webToken, body, meta);
    if (json) return toResponse({ status: 201, headers: noStore, body: { ok: true, kind } });
    return new Response(null, { status: 303, headers: { ...noStore, Location: `/c/${webToken}?vraag=bedankt#vraag` } });
  } catch (error) {
    const result = errorResult(error);
    const text = errorText(t, toAppError(error));
    if (json) return toResponse({ ...result, headers: { ...result.headers, ...noStore }, body: { ...(result.body as Record<string, Json>), text } });
    const page = errorPage(locale, t, result.status, text, webToken);
    if (result.headers?.["Retry-After"]) page.headers.set("Retry-After", result.headers["Retry-After"]);
    return page;
  }
}
