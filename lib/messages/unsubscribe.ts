// Unsubscribing from a merchant's messages without signing in
// (docs/messages/channels.md). Every marketing email links to /u/<token>,
// where the token is an HMAC-signed, versioned pair of organization and
// customer: no expiry, nothing stored, a forged or altered one is refused.
//  - GET shows a page with one button and changes nothing (mail scanners and
//    link prefetchers open links).
//  - POST from that page's button unsubscribes (or, "Toch weer aanmelden",
//    undoes it) and redirects back to the page, which says what happened.
//  - POST with "List-Unsubscribe=One-Click" (RFC 8058, the mail app's own
//    button) unsubscribes and answers 200 without a page.
// Unsubscribing clears marketingConsent and sets unsubscribedAt (when consent
// was given stays, as history), with an AuditEvent "customer.unsubscribe".
// Service messages (reward ready) still go out: they are not marketing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { clientIp } from "@/lib/auth/client-ip";
import { readJoinForm } from "@/lib/enrollment/read-join-form";
import { formTokenSecret } from "@/lib/env";
import { errorResult } from "@/lib/http/result";
import { html, type Html } from "@/lib/html/html";
import { requestLocale, translatorFor } from "@/lib/http/html-request";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { enforce, type Limit } from "@/lib/rate-limit/rate-limit";
import { tenantDb } from "@/lib/tenancy/tenant-db";

// ---------------------------------------------------------------- the token

const VERSION = "1";
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function key(): Buffer {
  const secret = formTokenSecret();
  if (!secret) throw new Error("NEXTAUTH_SECRET (or FORM_TOKEN_SECRET) must be set to sign unsubscribe links");
  // A key of its own, so an unsubscribe token can never pass as any other signed value.
  return createHmac("sha256", secret).update(`stempel/unsubscribe/v${VERSION}`).digest();
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url").slice(0, 27);

/** `1.<orgId>.<customerId>.<mac>`: the customer's unsubscribe token. */
export function unsubscribeToken(orgId: string, customerId: string): string {
  if (!ID.test(orgId) || !ID.test(customerId)) throw new Error("unsubscribe token: bad id");
  const payload = `${VERSION}.${orgId}.${customerId}`;
  return `${payload}.${mac(payload)}`;
}

/** The organization and customer of a token, or null when it is malformed, of another version, or not ours. */
export function readUnsubscribeToken(token: string): { orgId: string; customerId: string } | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [version, orgId, customerId, given] = parts;
  if (version !== VERSION || !ID.test(orgId) || !ID.test(customerId)) return null;
  const expected = Buffer.from(mac(`${version}.${orgId}.${customerId}`));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
  return { orgId, customerId };
}

// ---------------------------------------------------------------- the change

export type Subscriber = { merchant: string; locale: Locale; unsubscribed: boolean };

export async function subscriberOf(orgId: string, customerId: string): Promise<Subscriber | null> {
  const c = await tenantDb({ orgId }).customer.findFirst({
    where: { id: customerId },
    select: { locale: true, unsubscribedAt: true, organization: { select: { name: true } } },
  });
  if (!c) return null;
  return { merchant: c.organization.name, locale: isLocale(c.locale) ? c.locale : DEFAULT_LOCALE, unsubscribed: c.unsubscribedAt !== null };
}

type Via = "page" | "oneClick";

/** Unsubscribes the customer: "done", "already" (nothing changed) or "gone" (no such customer). */
export async function unsubscribe(orgId: string, customerId: string, via: Via): Promise<"done" | "already" | "gone"> {
  return tenantDb({ orgId }).$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.customer.updateMany({ where: { id: customerId, unsubscribedAt: null }, data: { marketingConsent: false, unsubscribedAt: now } });
    if (!count) return (await tx.customer.count({ where: { id: customerId } })) ? "already" : "gone";
    await tx.auditEvent.create({
      data: { organizationId: orgId, actorUserId: null, action: "customer.unsubscribe", subjectType: "customer", subjectId: customerId, details: { via } },
    });
    return "done";
  });
}

/** "Toch weer aanmelden": consent again, given now. "done", "already" (was not unsubscribed) or "gone". */
export async function resubscribe(orgId: string, customerId: string): Promise<"done" | "already" | "gone"> {
  return tenantDb({ orgId }).$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.customer.updateMany({
      where: { id: customerId, unsubscribedAt: { not: null } },
      data: { marketingConsent: true, marketingConsentAt: now, unsubscribedAt: null },
    });
    if (!count) return (await tx.customer.count({ where: { id: customerId } })) ? "already" : "gone";
    await tx.auditEvent.create({
      data: {
        organizationId: orgId,
        actorUserId: null,
        action: "customer.resubscribe",
        subjectType: "customer",
        subjectId: customerId,
        details: { via: "page" },
      },
    });
    return "done";
  });
}

// ---------------------------------------------------------------- HTTP

// Per address for the page (GET and its button); per customer for everything that
// changes something. Not per address for one-click: those come from the mail
// providers' few servers, for all their users at once.
const PAGE_PER_IP: Limit = { name: "unsubscribe:ip", max: 60, windowSeconds: 15 * 60 };
const CHANGES_PER_CUSTOMER: Limit = { name: "unsubscribe:customer", max: 20, windowSeconds: 60 * 60 };

const translator = (locale: Locale) => translatorFor(locale, "messageEmail.unsubscribe");

const NO_STORE = { "Cache-Control": "private, no-store" };
type State = "ask" | "done" | "already" | "back";

function page(locale: Locale, status: number, content: Html, headers: Record<string, string> = {}): Response {
  const t = translator(locale);
  const body = html`<!doctype html>
<html lang="${locale}">
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width,initial-scale=1" />
  <meta name="robots" content="noindex" />
  <title>${t("title")}</title>
  <body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:28rem;margin:0 auto;padding:3rem 1.25rem;color:#1c1917;background:#fafaf9;line-height:1.5">
    <main id="main" data-testid="unsubscribe-page">${content}</main>
  </body>
</html>`;
  return new Response(body.value, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE, ...headers } });
}

const h1 = (text: string) => html`<h1 style="font-size:1.5rem;line-height:2rem;margin:0 0 1rem">${text}</h1>`;
const p = (text: string, testId?: string) => html`<p style="margin:0 0 1rem"${testId ? html` data-testid="${testId}"` : ""}>${text}</p>`;
const button = (token: string, action: "unsubscribe" | "resubscribe", label: string, primary: boolean) =>
  html`<form method="post" action="/u/${token}" novalidate style="margin:1.5rem 0 0">
    <input type="hidden" name="do" value="${action}" />
    <button type="submit" data-testid="unsubscribe-${action}" style="font:inherit;font-weight:600;padding:0.75rem 1.25rem;border-radius:0.75rem;cursor:pointer;${
      primary ? "border:0;background:#1c1917;color:#fff" : "border:1px solid #a8a29e;background:#fff;color:#1c1917"
    }">${label}</button>
  </form>`;

function statePage(token: string, s: Subscriber, state: State): Response {
  const t = translator(s.locale);
  const merchant = { merchant: s.merchant };
  if (state === "ask")
    return page(
      s.locale,
      200,
      html`${h1(t("question", merchant))}${p(t("explain", merchant))}${p(t("keepCard"))}${button(token, "unsubscribe", t("button"), true)}`,
    );
  if (state === "back") return page(s.locale, 200, html`${h1(t("backTitle"))}${p(t("backBody", merchant), "unsubscribe-state")}`);
  const [title, body] = state === "done" ? ["doneTitle", "doneBody"] : ["alreadyTitle", "alreadyBody"];
  return page(
    s.locale,
    200,
    html`${h1(t(title))}${p(t(body, merchant), "unsubscribe-state")}${p(t("keepCard"))}
      <p style="margin:2rem 0 0;color:#57534e">${t("undoLead")}</p>${button(token, "resubscribe", t("undo"), false)}`,
  );
}

const problem = (locale: Locale, status: number, titleKey: string, bodyKey: string, headers?: Record<string, string>) => {
  const t = translator(locale);
  return page(locale, status, html`${h1(t(titleKey))}${p(t(bodyKey), "unsubscribe-error")}`, headers);
};

function failure(locale: Locale, error: unknown): Response {
  const r = errorResult(error);
  if (r.status === 429) return problem(locale, 429, "title", "rateLimited", r.headers);
  return problem(locale, r.status >= 500 ? 500 : r.status, "title", "badRequest");
}

/** GET /u/<token>: the page; never changes anything. */
export async function unsubscribeGet(req: Request, token: string): Promise<Response> {
  const fallback = requestLocale(req);
  const who = readUnsubscribeToken(token);
  if (!who) return problem(fallback, 400, "invalidTitle", "invalidBody");
  try {
    await enforce([PAGE_PER_IP, clientIp((n) => req.headers.get(n))]);
    const s = await subscriberOf(who.orgId, who.customerId);
    if (!s) return problem(fallback, 404, "invalidTitle", "goneBody");
    const asked = new URL(req.url).searchParams.get("status");
    // What the page says follows the record: "done" only while unsubscribed, "back" only while not.
    const state: State = s.unsubscribed ? (asked === "done" ? "done" : "already") : asked === "back" ? "back" : "ask";
    return statePage(token, s, state);
  } catch (error) {
    return failure(fallback, error);
  }
}

/** POST /u/<token>: the page's button (303 back to the page), or a mail app's one-click unsubscribe (200, no page). */
export async function unsubscribePost(req: Request, token: string): Promise<Response> {
  const fallback = requestLocale(req);
  const who = readUnsubscribeToken(token);
  const form = await readJoinForm(req);
  const oneClick = form.ok && form.values["List-Unsubscribe"] === "One-Click";
  if (!who) return oneClick ? text(400, "Invalid unsubscribe link") : problem(fallback, 400, "invalidTitle", "invalidBody");
  if (!form.ok) return problem(fallback, form.status, "title", "badRequest");
  const customer: [Limit, string] = [CHANGES_PER_CUSTOMER, `${who.orgId}:${who.customerId}`];
  try {
    if (oneClick) {
      await enforce(customer);
      const result = await unsubscribe(who.orgId, who.customerId, "oneClick");
      const locale = (await subscriberOf(who.orgId, who.customerId))?.locale ?? fallback;
      return text(result === "gone" ? 404 : 200, translator(locale)("oneClickDone"));
    }
    const action = form.values.do;
    if (action !== "unsubscribe" && action !== "resubscribe") return problem(fallback, 400, "title", "badRequest");
    await enforce([PAGE_PER_IP, clientIp((n) => req.headers.get(n))], customer);
    const result = action === "unsubscribe" ? await unsubscribe(who.orgId, who.customerId, "page") : await resubscribe(who.orgId, who.customerId);
    if (result === "gone") return problem(fallback, 404, "invalidTitle", "goneBody");
    const state = action === "resubscribe" ? (result === "done" ? "back" : "ask") : result;
    return new Response(null, { status: 303, headers: { ...NO_STORE, Location: `/u/${token}${state === "ask" ? "" : `?status=${state}`}` } });
  } catch (error) {
    if (oneClick) {
      const r = errorResult(error);
      return new Response("Try again later", { status: r.status, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE, ...r.headers } });
    }
    return failure(fallback, error);
  }
}

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE } });
