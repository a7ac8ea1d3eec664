// A legal document as plain structured text: server-rendered on its own page,
// never shipped to the browser as messages (it would weigh on every page).

/** A paragraph, or a bulleted list. */
export type Block = string | { list: string[] };
export type LegalSection = { heading: string; body: Block[] };
export type LegalDocument = { title: string; intro: Block[]; sections: LegalSection[] };
export type LegalKind = "privacy" | "terms" | "dpa";

/** What a document's text depends on. */
export type LegalFacts = {
  company: string;
  privacyEmail: string;
  supportEmail: string;
  /** "KvK 12345678, Straat 1, 1234 AB Plaats", or null until known. */
  registration: string | null;
  trialDays: number;
  dpaVersion: string;
};
