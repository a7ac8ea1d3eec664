// Environment, validated once with zod. A missing or malformed variable fails
// with a readable message instead of a crash deep inside a request.
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Stempel <noreply@stempel.local>"),
  STEMPEL_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parsed on each call (microseconds), so tests and scripts may change process.env. */
export function env(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment (see README, "Configuration"):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function appUrl(): string {
  return (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** The dev outbox page is on in development and whenever `npm start` runs the embedded database. */
export function devOutboxEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.STEMPEL_DEV_OUTBOX === "1";
}
