"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ORG_COOKIE, currentUserId } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { appUrl } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { resolveMembership } from "@/lib/organizations/memberships";
import { setUserLocale } from "@/lib/organizations/user-preferences";
import { LocaleRequest, SwitchOrganizationRequest } from "@/lib/validation/auth";
import { AppError } from "@/lib/errors/app-error";

const YEAR = 365 * 24 * 3600;

export async function setLocaleAction(input: unknown) {
  return runAction(async () => {
    const { locale } = LocaleRequest.parse(input);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR, sameSite: "lax" });
    const userId = await currentUserId();
    if (userId) await setUserLocale(userId, locale);
    revalidatePath("/", "layout");
    return null;
  });
}

export async function switchOrganizationAction(input: unknown) {
  return runAction(async () => {
    const { organizationId } = SwitchOrganizationRequest.parse(input);
    const userId = await currentUserId();
    if (!userId) throw new AppError("UNAUTHENTICATED");
    const m = await resolveMembership(userId, organizationId);
    // Only an organization the user belongs to can be selected.
    if (!m || m.ctx.orgId !== organizationId) throw new AppError("NOT_FOUND");
    (await cookies()).set(ORG_COOKIE, organizationId, { path: "/", httpOnly: true, sameSite: "lax", secure: appUrl().startsWith("https") });
    revalidatePath("/dashboard", "layout");
    return null;
  });
}
