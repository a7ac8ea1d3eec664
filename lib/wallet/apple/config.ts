// Apple Wallet configuration, read from the environment once per change of it.
// Certificates may be given as PEM text, as base64 of the PEM, or as a file
// (NAME_FILE=/path). Without them the app runs on a generated development chain
// (lib/wallet/apple/dev-certificates.ts): everything works and is testable, but
// iPhones only install passes signed with real Apple certificates.
import fs from "node:fs";
import path from "node:path";
import { appUrl } from "@/lib/env";
import { loadOrCreateDevCertificates, type DevCertificates } from "./dev-certificates";

export type ApnsAuth = { kind: "certificate"; cert: string; key: string; passphrase?: string } | { kind: "token"; key: string; keyId: string; teamId: string };

export type AppleConfig = {
  passTypeIdentifier: string;
  teamIdentifier: string;
  /** True when running on the generated development chain. */
  development: boolean;
  certificates: { wwdr: string; signerCert: string; signerKey: string; signerKeyPassphrase?: string };
  /** Root of the development chain (tests verify signatures against it). */
  devRootCert?: string;
  /** The generated development chain (with the local APNs server's TLS certificate), when in use. */
  dev?: DevCertificates;
  /** What `webServiceURL` in every pass points to; the device appends /v1/…. */
  webServiceURL: string;
  apns: { url: string | null; auth: ApnsAuth; ca?: string };
};

/** PEM from NAME (PEM or base64 of it) or NAME_FILE (a path). */
export function readPem(name: string, vars: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = vars[`${name}_FILE`];
  if (file) return fs.readFileSync(file, "utf8");
  const value = vars[name]?.trim();
  if (!value) return undefined;
  if (value.startsWith("-----BEGIN")) return value.replace(/\\n/g, "\n");
  const decoded = Buffer.from(value, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN")) throw new Error(`${name} is neither PEM nor base64-encoded PEM`);
  return decoded;
}

const KEYS = [
  "APPLE_PASS_TYPE_ID",
  "APPLE_TEAM_ID",
  "APPLE_SIGNER_CERT",
  "APPLE_SIGNER_KEY",
  "APPLE_SIGNER_KEY_PASSPHRASE",
  "APPLE_WWDR_CERT",
  "APPLE_DEV_CERT_DIR",
  "APNS_URL",
  "APNS_AUTH",
  "APNS_KEY",
  "APNS_KEY_ID",
  "APNS_TEAM_ID",
  "APNS_CA",
  "APP_URL",
  "APPLE_WEB_SERVICE_URL",
];
let cached: { signature: string; config: AppleConfig } | null = null;

function build(vars: NodeJS.ProcessEnv): AppleConfig {
  const signerCert = readPem("APPLE_SIGNER_CERT", vars);
  const signerKey = readPem("APPLE_SIGNER_KEY", vars);
  const wwdr = readPem("APPLE_WWDR_CERT", vars);
  const configured = [signerCert, signerKey, wwdr].filter(Boolean).length;
  if (configured > 0 && configured < 3) {
    throw new Error("Apple Wallet: set all of APPLE_SIGNER_CERT, APPLE_SIGNER_KEY and APPLE_WWDR_CERT (or none for the development chain)");
  }
  const development = configured === 0;
  const passTypeIdentifier = vars.APPLE_PASS_TYPE_ID ?? (development ? "pass.nl.stempel.dev" : "");
  const teamIdentifier = vars.APPLE_TEAM_ID ?? (development ? "STEMPELDEV" : "");
  if (!passTypeIdentifier || !teamIdentifier) throw new Error("Apple Wallet: APPLE_PASS_TYPE_ID and APPLE_TEAM_ID are required with real certificates");

  const dev = development
    ? loadOrCreateDevCertificates(vars.APPLE_DEV_CERT_DIR ?? path.join(process.cwd(), ".data", "apple-dev"), passTypeIdentifier, teamIdentifier)
    : null;
  const certificates = dev
    ? { wwdr: dev.wwdrCert, signerCert: dev.signerCert, signerKey: dev.signerKey }
    : { wwdr: wwdr!, signerCert: signerCert!, signerKey: signerKey!, signerKeyPassphrase: vars.APPLE_SIGNER_KEY_PASSPHRASE || undefined };

  const authKind = vars.APNS_AUTH ?? (dev ? "token" : "certificate");
  let auth: ApnsAuth;
  if (authKind === "token") {
    const key = readPem("APNS_KEY", vars) ?? dev?.apnsTokenKey;
    const keyId = vars.APNS_KEY_ID ?? dev?.apnsTokenKeyId;
    if (!key || !keyId) throw new Error("APNS_AUTH=token needs APNS_KEY (the .p8 key) and APNS_KEY_ID");
    auth = { kind: "token", key, keyId, teamId: vars.APNS_TEAM_ID ?? teamIdentifier };
  } else if (authKind === "certificate") {
    auth = { kind: "certificate", cert: certificates.signerCert, key: certificates.signerKey, passphrase: certificates.signerKeyPassphrase };
  } else {
    throw new Error("APNS_AUTH must be certificate or token");
  }
  const webServiceURL = (vars.APPLE_WEB_SERVICE_URL ?? `${appUrl()}/api/apple`).replace(/\/$/, "");
  if (!development && !webServiceURL.startsWith("https://")) {
    console.warn(`[stempel] Apple Wallet: webServiceURL ${webServiceURL} is not https; iPhones will not update passes (set APP_URL or APPLE_WEB_SERVICE_URL)`);
  }
  // Real certificates push to Apple unless told otherwise; the development chain
  // pushes only where APNS_URL points (the local APNs server `npm start` runs).
  const apnsUrl = vars.APNS_URL ?? (dev ? null : "https://api.push.apple.com");
  return {
    passTypeIdentifier,
    teamIdentifier,
    development,
    certificates,
    devRootCert: dev?.rootCert,
    dev: dev ?? undefined,
    webServiceURL,
    apns: { url: apnsUrl, auth, ca: readPem("APNS_CA", vars) ?? dev?.rootCert },
  };
}

export function appleConfig(): AppleConfig {
  const signature = KEYS.map((k) => `${process.env[k] ?? ""}|${process.env[`${k}_FILE`] ?? ""}`).join("\u0000");
  if (cached?.signature !== signature) cached = { signature, config: build(process.env) };
  return cached.config;
}

/** Wallet status in merchant words: "active" (real certificates), "test" (the development chain), "unavailable" (misconfigured). */
export type WalletState = "active" | "test" | "unavailable";

/**
 * What the UI may offer: passes signed with the development chain work and update but
 * do not install on an iPhone; a broken configuration offers no Apple Wallet at all.
 */
export function appleWalletStatus(): { state: WalletState; development: boolean } {
  try {
    const development = appleConfig().development;
    return { state: development ? "test" : "active", development };
  } catch {
    return { state: "unavailable", development: false };
  }
}
