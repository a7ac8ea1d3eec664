// A locally generated service-account key, shaped like the JSON Google Cloud
// gives you, for tests and local runs against the local Wallet API stand-in.
import { generateKeyPairSync, randomBytes } from "node:crypto";

export function generateServiceAccount(email = "stempel-dev@stempel-local.iam.gserviceaccount.com") {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    json: {
      type: "service_account",
      project_id: "stempel-local",
      private_key_id: randomBytes(20).toString("hex"),
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: email,
      token_uri: "https://oauth2.googleapis.com/token",
    },
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
