// Google Wallet configuration. Without an issuer id and a service account the
// web card offers no Google Wallet button (it offers "Zet op je beginscherm"). The API
// and OAuth token URLs are configuration, so tests and local runs can point at
// the local stand-in (scripts/lib/local-google-wallet.ts).
import fs from "node:fs";
import { z } from "zod";
import { appUrl } from "@/lib/env";
import type { WalletState } from "@/lib/wallet/apple/config";

export const GOOGLE_API_URL = "https://walletobjects.googleapis.com/walletobjects/v1";
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

const ServiceAccount = z.object({
  client_email: z.string().email(),
  private_key: z.string().includes("PRIVATE KEY"),
  private_key_id: z.string().optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

export type GoogleConfig = {
  issuerId: string;
  serviceAccount: ServiceAccount;
  apiUrl: string;
  tokenUrl: string;
  /** Sites allowed to show the save button (the save JWT's `origins`). */
  origins: string[];
};

const KEYS = [
  "GOOGLE_WALLET_ISSUER_ID",
  "GOOGLE_WALLET_SERVICE_ACCOUNT",
  "GOOGLE_WALLET_SERVICE_ACCOUNT_FILE",
  "GOOGLE_WALLET_API_URL",
  "GOOGLE_WALLET_TOKEN_URL",
  "GOOGLE_WALLET_ORIGINS",
  "APP_URL",
];
let cached: { signature: string; config: GoogleConfig | null } | null = null;

function readServiceAccount(vars: NodeJS.ProcessEnv): ServiceAccount | null {
  const file = vars.GOOGLE_WALLET_SERVICE_ACCOUNT_FILE;
  const raw = file ? fs.readFileSync(file, "utf8") : vars.GOOGLE_WALLET_SERVICE_ACCOUNT?.trim();
  if (!raw) return null;
  const json = raw.startsWith("{") ? raw : Buffer.from(raw, "base64").toString("utf8");
  const parsed = ServiceAccount.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error("GOOGLE_WALLET_SERVICE_ACCOUNT is not a service-account key (JSON with client_email and private_key)");
  return parsed.data;
}

function build(vars: NodeJS.ProcessEnv): GoogleConfig | null {
  const serviceAccount = readServiceAccount(vars);
  const issuerId = vars.GOOGLE_WALLET_ISSUER_ID?.trim();
  if (!serviceAccount && !issuerId) return null;
  if (!serviceAccount || !issuerId) throw new Error("Google Wallet: set both GOOGLE_WALLET_ISSUER_ID and GOOGLE_WALLET_SERVICE_ACCOUNT (or neither)");
  if (!/^\d{5,30}$/.test(issuerId)) throw new Error("GOOGLE_WALLET_ISSUER_ID must be the numeric issuer id");
  return {
    issuerId,
    serviceAccount,
    apiUrl: (vars.GOOGLE_WALLET_API_URL ?? GOOGLE_API_URL).replace(/\/$/, ""),
    tokenUrl: vars.GOOGLE_WALLET_TOKEN_URL ?? GOOGLE_TOKEN_URL,
    origins: (vars.GOOGLE_WALLET_ORIGINS ?? appUrl())
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

/** The configuration, or null when Google Wallet is not set up. */
export function googleConfig(): GoogleConfig | null {
  const signature = KEYS.map((k) => process.env[k] ?? "").join("\u0000");
  if (cached?.signature !== signature) cached = { signature, config: build(process.env) };
  return cached.config;
}

/**
 * "active" with Google's own API, "test" against another endpoint (the local stand-in),
 * "unavailable" when not configured or misconfigured. `configured`: the button works.
 */
export function googleWalletStatus(): { state: WalletState; configured: boolean } {
  let config: GoogleConfig | null;
  try {
    config = googleConfig();
  } catch {
    config = null;
  }
  if (!config) return { state: "unavailable", configured: false };
  return { state: config.apiUrl === GOOGLE_API_URL ? "active" : "test", configured: true };
}
