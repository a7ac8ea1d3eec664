// The platform's legal documents by kind and language, filled in with the facts
// they quote (company details, trial length, DPA version) from one place each.
import type { Locale } from "@/lib/i18n/config";
import { TRIAL_DAYS } from "@/lib/billing/plans";
import { COMPANY, PRIVACY_UPDATED, TERMS_UPDATED } from "./company";
import { EN } from "./content/en";
import { NL } from "./content/nl";
import type { LegalDocument, LegalFacts, LegalKind } from "./content/types";
import { DPA_VERSION } from "./dpa";

export type { Block, LegalDocument, LegalKind } from "./content/types";

export { LEGAL_PATHS } from "./paths";

/** The date (YYYY-MM-DD) each document took effect; the DPA's is its version. */
export const LEGAL_UPDATED: Record<LegalKind, string> = { privacy: PRIVACY_UPDATED, terms: TERMS_UPDATED, dpa: DPA_VERSION };

const FACTS: LegalFacts = {
  company: COMPANY.name,
  privacyEmail: COMPANY.privacyEmail,
  supportEmail: COMPANY.supportEmail,
  registration: [COMPANY.kvk && `KvK ${COMPANY.kvk}`, COMPANY.address].filter(Boolean).join(", ") || null,
  trialDays: TRIAL_DAYS,
  dpaVersion: DPA_VERSION,
};

export function legalDocument(kind: LegalKind, locale: Locale): LegalDocument {
  return (locale === "en" ? EN : NL)[kind](FACTS);
}
