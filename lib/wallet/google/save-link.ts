// "Add to Google Wallet": https://pay.google.com/gp/v/save/<jwt>, the JWT signed
// RS256 with the issuer's service-account key (google-auth-library signs it).
// Normally it names only the class and object (inserted through the API first,
// which keeps the URL short); when Google's API cannot be reached it carries
// the whole class and object instead, so saving still works.
import { GoogleAuth } from "google-auth-library";
import type { GoogleConfig } from "./config";

export const SAVE_URL = "https://pay.google.com/gp/v/save/";

const b64url = (v: string) => Buffer.from(v).toString("base64url");

type Payload = { loyaltyObjects: object[]; loyaltyClasses?: object[] };

export async function saveJwt(config: GoogleConfig, payload: Payload, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const header = b64url(
    JSON.stringify({ alg: "RS256", typ: "JWT", ...(config.serviceAccount.private_key_id ? { kid: config.serviceAccount.private_key_id } : {}) }),
  );
  const claims = b64url(
    JSON.stringify({ iss: config.serviceAccount.client_email, aud: "google", typ: "savetowallet", iat, exp: iat + 3600, origins: config.origins, payload }),
  );
  const auth = new GoogleAuth({ credentials: { client_email: config.serviceAccount.client_email, private_key: config.serviceAccount.private_key } });
  const signature = Buffer.from(await auth.sign(`${header}.${claims}`), "base64").toString("base64url");
  return `${header}.${claims}.${signature}`;
}

export async function saveUrl(config: GoogleConfig, payload: Payload, now = new Date()): Promise<string> {
  return `${SAVE_URL}${await saveJwt(config, payload, now)}`;
}
