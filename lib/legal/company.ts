// Who "Stempel" is in the legal documents: one place to fill in before launch.
// Registration details stay out of the documents until they are real (null).
export const COMPANY = {
  name: "Stempel",
  privacyEmail: "privacy@stempel.nl",
  supportEmail: "hallo@stempel.nl",
  /** Chamber of Commerce (KvK) number. */
  kvk: null as string | null,
  /** Registered address, one line. */
  address: null as string | null,
};

/** When the privacy statement and the terms last changed (the DPA has its own version, lib/legal/dpa.ts). */
export const PRIVACY_UPDATED = "2026-11-25";
export const TERMS_UPDATED = "2026-11-25";
