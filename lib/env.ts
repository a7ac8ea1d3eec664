// Every environment variable the server reads, validated with zod in one place
// (README → Configuration lists them). `env()` parses once per change of
// process.env (tests and scripts set variables at run time) and throws one
// message naming every bad variable. `checkEnvironment()` is what `npm start`
// and the server run first: in production it also requires what a public
// deploy needs, and asks the wallet modules whether their settings hold.
// Server only: client components never import this file (boundaries test);
// the app has no client-side variables.
import { z } from "zod";

const url = (what: string) => z.string().url({ message: `${what} must be a URL` });
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const seconds = z.coerce.number().positive();

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: url("DATABASE_URL (postgresql://…)"),
  DATABASE_OWNER_URL: url("DATABASE_OWNER_URL (postgresql://…)").optional(),
  DB_POOL_SIZE: int(1, 200).default(10),
  // Seconds a request waits for a free database connection before it is answered 503 (lib/db/pool.ts, lib/db/client.ts).
  DB_POOL_TIMEOUT_SECONDS: seconds.default(10),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters (32 in production)").optional(),
  NEXTAUTH_URL: url("NEXTAUTH_URL").optional(),
  APP_URL: url("APP_URL").optional(),
  PORT: int(1, 65535).default(3000),
  FORM_TOKEN_SECRET: z.string().min(16).optional(),
  PIN_SECRET: z.string().min(16).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Stempel <noreply@stempel.local>"),
  STEMPEL_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  STORAGE_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  TRUSTED_PROXIES: z
    .string()
    .regex(/^\s*(\d+|[0-9a-fA-F.:/,\s]+)?\s*$/, "TRUSTED_PROXIES must be a number of proxy hops or a comma-separated list of addresses/CIDRs")
    .optional(),
  STEMPEL_WORKERS: z.enum(["on", "off"]).default("on"),
  // The CPU priority (nice, 0–19) `npm run worker` lowers itself to: on a host it shares with the web server, a large
  // campaign's sending yields to the tablets' stamps (docs/deploy.md → Workers). 0 leaves it as started.
  WORKER_NICE: int(0, 19).default(10),
  // SMS (lib/messages/sms.ts): Twilio's Messaging API, off unless the SID, token and sender are all set.
  SMS_PROVIDER_URL: url("SMS_PROVIDER_URL").default("https://api.twilio.com"),
  SMS_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "SMS_ACCOUNT_SID must be a Twilio Account SID (AC followed by 32 hex digits)")
    .optional(),
  SMS_AUTH_TOKEN: z.string().min(16, "SMS_AUTH_TOKEN must be at least 16 characters").optional(),
  SMS_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
      "SMS_FROM must be a phone number in +31… form or a sender name of at most 11 letters and digits",
    )
    .optional(),
  // Billing (lib/billing, docs/billing.md): Mollie's REST API. Without a key billing is off and every
  // organization stays on its plan (no trial expiry, no read-only). `npm start` points both at the local stand-in.
  MOLLIE_API_KEY: z
    .string()
    .regex(/^(test|live)_\w{4,}$/, "MOLLIE_API_KEY must be a Mollie API key (test_… or live_…)")
    .optional(),
  MOLLIE_API_URL: url("MOLLIE_API_URL").default("https://api.mollie.com/v2/"),
  JOBS_RETRY_DELAY_SECONDS: seconds.default(5),
  JOBS_POLL_SECONDS: seconds.default(0.5),
  // Seconds after which a running job no longer marked by its worker (killed) is run again by another
  // (lib/jobs/queue.ts: set on every queue by the release step; lib/jobs/worker.ts: marked every quarter of it).
  JOBS_EXPIRE_SECONDS: int(1, 86_399).default(360),
  // Webhooks (lib/webhooks): 1 lets endpoints on private, loopback and link-local addresses through (local tests only).
  WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1"]).default("0"),
  WEBHOOKS_TIMEOUT_SECONDS: seconds.default(10),
  // Seconds before a call to APNs, Google Wallet, SMTP, Mollie or the SMS provider is given up (and retried later);
  // unset: each module's own default (15 s, SMS 10 s). Webhooks have WEBHOOKS_TIMEOUT_SECONDS.
  SERVICES_TIMEOUT_SECONDS: seconds.optional(),
  // Seconds before each retry of a failed delivery (default: about 27 hours in 7 retries).
  WEBHOOKS_RETRY_SCHEDULE: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, "WEBHOOKS_RETRY_SCHEDULE must be a comma-separated list of seconds")
    .default("5,300,1800,7200,18000,36000,36000"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: { signature: string; value: Env } | undefined;

/** The validated environment (re-parsed only when process.env changed). */
export function env(): Env {
  const signature = Object.keys(EnvSchema.shape)
    .map((k) => process.env[k] ?? "")
    .join("\u0000");
  if (cached?.signature === signature) return cached.value;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(describe(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)));
  cached = { signature, value: parsed.data };
  return parsed.data;
}

/** One variable, validated on its own (for modules loaded before the database is configured: logger, storage). */
export function envVar<K extends keyof Env>(key: K): Env[K] {
  const r = EnvSchema.shape[key].safeParse(process.env[key]);
  if (!r.success) throw new Error(describe(r.error.issues.map((i) => `${key}: ${i.message}`)));
  return r.data as Env[K];
}

function describe(problems: string[]): string {
  return `Invalid environment (see README → Configuration):\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

/**
 * All problems at once, for start-up. `production` adds what a public server
 * needs; `extra` are checks of other modules (wallet configuration) that throw
 * a readable Error when their variables are inconsistent.
 */
export function checkEnvironment(options: { production: boolean; extra?: (() => unknown)[] }): void {
  const problems: string[] = [];
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  if (options.production) {
    const e = process.env;
    if (!e.NEXTAUTH_SECRET || e.NEXTAUTH_SECRET.length < 32)
      problems.push("NEXTAUTH_SECRET: required in production, at least 32 characters (openssl rand -base64 32)");
    if (!e.APP_URL && !e.NEXTAUTH_URL) problems.push("APP_URL (or NEXTAUTH_URL): required in production, the public https:// address");
    if (e.STEMPEL_DEV_OUTBOX === "1" && !e.SMTP_URL)
      problems.push("SMTP_URL: required in production unless the dev outbox is on on purpose (STEMPEL_DEV_OUTBOX=1)");
  }
  for (const check of options.extra ?? []) {
    try {
      check();
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (problems.length) throw new Error(describe(problems));
}

export function appUrl(): string {
  return (envVar("APP_URL") ?? envVar("NEXTAUTH_URL") ?? `http://localhost:${envVar("PORT")}`).replace(/\/$/, "");
}

/** The dev outbox page is on in development and whenever `npm start` runs the embedded database. */
export function devOutboxEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.STEMPEL_DEV_OUTBOX === "1";
}

/** How long a call to an outside service may take: SERVICES_TIMEOUT_SECONDS, else the caller's default. */
export function serviceTimeoutMs(fallbackMs = 15_000): number {
  const s = envVar("SERVICES_TIMEOUT_SECONDS");
  return s === undefined ? fallbackMs : Math.round(s * 1000);
}

/** Secret that signs the customers' sign-up form tokens. */
export function formTokenSecret(): string | undefined {
  return envVar("FORM_TOKEN_SECRET") ?? envVar("NEXTAUTH_SECRET");
}

/** Secret that keys the tablet PIN hashes. */
export function pinSecret(): string | undefined {
  return envVar("PIN_SECRET") ?? envVar("NEXTAUTH_SECRET");
}
