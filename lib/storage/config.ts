// The S3 store's configuration (lib/storage/storage.ts), validated like lib/env.ts;
// checked at start-up by scripts/start.ts. No SDK import here: start-up stays quick.
import { z } from "zod";

export type S3Config = {
  bucket: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
};

const flag = z.enum(["0", "1", "true", "false"], { message: "must be 1 or 0" }).transform((v) => v === "1" || v === "true");
const S3Env = z.object({
  // AWS' rules for a bucket name (3–63 lower-case letters, digits, dots, hyphens).
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET must be a bucket name (3–63 lower-case letters, digits, '.' and '-')")
    .optional(),
  S3_ENDPOINT: z.string().url({ message: "S3_ENDPOINT must be a URL (https://…)" }).optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, "S3_REGION must be a region name such as eu-central-1 (or auto)")
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag.optional(),
});
export const S3_VARS = Object.keys(S3Env.shape) as (keyof typeof S3Env.shape)[];

/**
 * The S3 configuration, or null for local disk (S3_BUCKET unset). Throws one
 * readable message when the variables are invalid or inconsistent (other S3_*
 * without S3_BUCKET, a key id without its secret).
 */
export function s3Config(): S3Config | null {
  const raw = Object.fromEntries(S3_VARS.map((k) => [k, process.env[k] === "" ? undefined : process.env[k]]));
  const r = S3Env.safeParse(raw);
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  - "));
  const e = r.data;
  if (!e.S3_BUCKET) {
    const stray = S3_VARS.filter((k) => raw[k] !== undefined);
    if (stray.length) throw new Error(`S3_BUCKET: required when ${stray.join(", ")} is set (or unset them to store uploads on local disk)`);
    return null;
  }
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY)
    throw new Error("S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both (or neither, to use the SDK's default credentials)");
  return {
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION ?? "us-east-1",
    credentials: e.S3_ACCESS_KEY_ID ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY! } : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
  };
}
