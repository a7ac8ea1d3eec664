"use server";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { runAction } from "@/lib/actions/result";
import { clientIp } from "@/lib/auth/client-ip";
import { enrollCustomer, verifyEnrollment } from "@/lib/enrollment/enroll-customer";
import { eraseCustomer, withdrawMarketingConsent } from "@/lib/customers/privacy";

async function ip() {
  const h = await headers();
  return clientIp((n) => h.get(n));
}

export async function enrollAction(programId: string, input: unknown) {
  const t = await getTranslations("join");
  return runAction(async () =>
    enrollCustomer(programId, input, { ip: await ip(), texts: { subject: t("codeEmailSubject"), body: (code) => t("codeEmailBody", { code }) } }),
  );
}

export async function verifyEnrollmentAction(programId: string, input: unknown) {
  return runAction(async () => verifyEnrollment(programId, input, { ip: await ip() }));
}

export async function withdrawConsentAction(webToken: string) {
  return runAction(() => withdrawMarketingConsent(webToken));
}

export async function eraseMyDataAction(webToken: string) {
  return runAction(() => eraseCustomer(webToken));
}
