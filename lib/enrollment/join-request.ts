import "server-only";
import { joinPage, type JoinProgram, type JoinState } from "./join-page-html";
import { clientIp } from "@/lib/auth/client-ip";
import { toAppError } from "@/lib/errors/app-error";
import { notFoundHtml, requestTranslator } from "@/lib/http/html-request";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { nl } from "@/lib/i18n/messages";
import { imageUrl } from "@/lib/images/process-upload";
import { logger } from "@/lib/log/logger";
import { readFormFields } from "@/lib/programs/program-data";
import { findOpenProgram } from "./enroll-customer";
import { NONCE_HEADER } from "@/lib/security/headers";
import { deviceCookie, newDeviceId, readDeviceId } from "@/lib/referrals/device";

// Glue for the HTML enrollment routes: locale (lib/http/html-request.ts), program, rendering, error → status.

export async function joinContext(req: Request, programId: string) {
  const url = new URL(req.url);
  const requested = url.searchParams.get("lang");
  const { locale, t } = requestTranslator(req, requested);
  const row = await findOpenProgram(programId);
  const program: JoinProgram | null = row && {
    id: row.id,
    name: row.name,
    rewardText: row.rewardText,
    stampsRequired: row.stampsRequired,
    intermediateStamp: row.intermediateStamp,
    intermediateRewardText: row.intermediateRewardText,
    backgroundColor: row.backgroundColor,
    foregroundColor: row.foregroundColor,
    labelColor: row.labelColor,
    terms: row.terms,
    consentText: row.consentText,
    logoUrl: imageUrl(row.logoKey),
    merchantName: row.organization.name,
    privacyContactEmail: row.organization.privacyContactEmail,
    business: [
      [row.organization.addressLine, [row.organization.postalCode, row.organization.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      row.organization.contactPhone,
      row.organization.contactEmail,
      row.organization.website,
    ].filter((x): x is string => !!x),
    fields: readFormFields(row.formFields),
  };
  // The browser's id for the referral rules (lib/referrals/device.ts): given on the first visit.
  const knownDevice = readDeviceId(req.headers.get("cookie"));
  return {
    url,
    locale,
    t,
    program,
    ip: clientIp((n) => req.headers.get(n)),
    // proxy.ts's per-request CSP nonce: the page's one inline script carries it.
    nonce: req.headers.get(NONCE_HEADER) ?? "",
    // ?lang= is remembered, as the language switcher does elsewhere.
    setLocale: isLocale(requested) ? requested : null,
    deviceId: knownDevice ?? newDeviceId(),
    setDevice: knownDevice === null,
  };
}

export type JoinContext = Awaited<ReturnType<typeof joinContext>>;

function headersFor(ctx: JoinContext, extra: Record<string, string> = {}) {
  const headers = new Headers({ "Cache-Control": "private, no-store", ...extra });
  if (ctx.setLocale) headers.append("Set-Cookie", `${LOCALE_COOKIE}=${ctx.setLocale}; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax`);
  if (ctx.setDevice) headers.append("Set-Cookie", deviceCookie(ctx.deviceId, ctx.url.protocol === "https:"));
  return headers;
}

export function htmlResponse(ctx: JoinContext, body: string, status = 200) {
  return new Response(body, { status, headers: headersFor(ctx, { "Content-Type": "text/html; charset=utf-8" }) });
}

/** After a POST: 303, so the browser GETs the card (a 307 would POST the form there again). */
export function redirectTo(ctx: JoinContext, location: string) {
  return new Response(null, { status: 303, headers: headersFor(ctx, { Location: location }) });
}

export function renderJoin(ctx: JoinContext, state: JoinState, status = 200) {
  return htmlResponse(ctx, joinPage(ctx.t, ctx.locale, ctx.program!, state, ctx.nonce), status);
}

export function notFoundPage(ctx: JoinContext) {
  return htmlResponse(ctx, notFoundHtml(ctx.locale, ctx.t, "errors.notFoundBody"), 404);
}

/** An error from a submit, as what the form shows (field errors, or one message) and its status. */
export function formErrors(error: unknown) {
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "enrollment failed");
  const { _form, ...fields } = e.fieldErrors ?? {};
  // A form-level key is under "validation" unless it names its namespace ("join.formUsed").
  const formKey = _form?.[0] && (_form[0].includes(".") ? _form[0] : `validation.${_form[0]}`);
  const general = e.code in nl.errors && e.code !== "VALIDATION" ? `errors.${e.code}` : "errors.INTERNAL";
  const formError = formKey ?? (Object.keys(fields).length ? "validation.VALIDATION" : general);
  return { status: e.status, errors: fields, formError, code: e.code };
}
