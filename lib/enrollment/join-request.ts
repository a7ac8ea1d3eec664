import "server-only";
import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { joinPage, type JoinProgram, type JoinState } from "./join-page-html";
import { clientIp } from "@/lib/auth/client-ip";
import { toAppError } from "@/lib/errors/app-error";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { imageUrl } from "@/lib/images/process-upload";
import { logger } from "@/lib/log/logger";
import { readFormFields } from "@/lib/programs/program-data";
import { findOpenProgram } from "./enroll-customer";

// Glue for the HTML enrollment routes: locale, program, rendering, error → status.

export async function joinContext(req: Request, programId: string) {
  const url = new URL(req.url);
  const requested = url.searchParams.get("lang");
  const jar = await cookies();
  const cookieLocale = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(requested) ? requested : isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
  if (isLocale(requested)) jar.set(LOCALE_COOKIE, requested, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  const t = (await getTranslations({ locale })) as unknown as (key: string, values?: Record<string, string | number>) => string;
  const row = await findOpenProgram(programId);
  const program: JoinProgram | null = row && {
    id: row.id,
    name: row.name,
    rewardText: row.rewardText,
    stampsRequired: row.stampsRequired,
    backgroundColor: row.backgroundColor,
    foregroundColor: row.foregroundColor,
    labelColor: row.labelColor,
    terms: row.terms,
    consentText: row.consentText,
    logoUrl: imageUrl(row.logoKey),
    merchantName: row.organization.name,
    fields: readFormFields(row.formFields),
  };
  const h = await headers();
  return { url, locale, t, program, ip: clientIp((n) => h.get(n)) };
}

export function htmlResponse(body: string, status = 200) {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}

export function renderJoin(ctx: Awaited<ReturnType<typeof joinContext>>, state: JoinState, status = 200) {
  return htmlResponse(joinPage(ctx.t, ctx.locale, ctx.program!, state), status);
}

export function notFoundPage(ctx: Awaited<ReturnType<typeof joinContext>>) {
  return htmlResponse(
    `<!doctype html><html lang="${ctx.locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>404</title><body style="font-family:system-ui;text-align:center;padding:3rem 1rem"><h1>${ctx.t("errors.notFoundTitle")}</h1><p>${ctx.t("errors.notFoundBody")}</p></body></html>`,
    404,
  );
}

/** An error from a submit, as what the form shows (field errors, or one message) and its status. */
export function formErrors(error: unknown) {
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "enrollment failed");
  const { _form, ...fields } = e.fieldErrors ?? {};
  const formError = _form ? `validation.${_form[0]}` : Object.keys(fields).length ? "validation.VALIDATION" : `errors.${e.code === "VALIDATION" ? "INTERNAL" : e.code}`;
  return { status: e.status, errors: fields, formError, code: e.code };
}
