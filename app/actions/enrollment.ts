"use server";
import { runAction } from "@/lib/actions/result";
import { eraseCustomer, withdrawMarketingConsent } from "@/lib/customers/privacy";

export async function withdrawConsentAction(webToken: string) {
  return runAction(() => withdrawMarketingConsent(webToken));
}

export async function eraseMyDataAction(webToken: string) {
  return runAction(() => eraseCustomer(webToken));
}
