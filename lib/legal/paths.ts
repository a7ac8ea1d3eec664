// Where the platform's legal documents and the pricing page live (client-safe: no server imports).
import type { LegalKind } from "./content/types";

export const LEGAL_PATHS: Record<LegalKind, string> = { privacy: "/privacy", terms: "/terms", dpa: "/verwerkersovereenkomst" };
export const PRICING_PATH = "/pricing";
