// One env module: every variable validated, all problems named at once, and a
// bad production configuration stops `npm start` before anything starts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkEnvironment, env } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../..");
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("env()", () => {
  it("parses and coerces", () => {
    process.env.DATABASE_URL = "postgresql://app@localhost/stempel";
    process.env.DB_POOL_SIZE = "7";
    expect(env().DB_POOL_SIZE).toBe(7);
    expect(env().JOBS_RETRY_DELAY_SECONDS).toBe(5);
  });

  it("names every bad variable in one message", () => {
    process.env.DATABASE_URL = "not a url";
    process.env.DB_POOL_SIZE = "many";
    process.env.SMTP_URL = "mail.example.nl";
    expect(() => env()).toThrow(/DATABASE_URL[\s\S]*DB_POOL_SIZE[\s\S]*SMTP_URL/);
  });
});

describe("checkEnvironment", () => {
  it("in production requires the secret and the public URL, and reports other modules' problems too", () => {
    process.env = { DATABASE_URL: "postgresql://app@db/stempel", NODE_ENV: "production" } as NodeJS.ProcessEnv;
    let message = "";
    try {
      checkEnvironment({
        production: true,
        extra: [
          () => {
            throw new Error("Google Wallet: set both A and B");
          },
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/NEXTAUTH_SECRET: required in production/);
    expect(message).toMatch(/APP_URL \(or NEXTAUTH_URL\): required in production/);
    expect(message).toMatch(/Google Wallet: set both A and B/);
  });

  it("passes a complete production configuration", () => {
    process.env = {
      DATABASE_URL: "postgresql://app@db/stempel",
      NEXTAUTH_SECRET: "x".repeat(40),
      APP_URL: "https://stempel.example.nl",
      NODE_ENV: "production",
    };
    expect(() => checkEnvironment({ production: true })).not.toThrow();
  });
});

describe("npm start", () => {
  it("stops with one message listing every bad production variable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: "postgresql://app@127.0.0.1:1/stempel",
        DB_POOL_SIZE: "lots",
        GOOGLE_WALLET_ISSUER_ID: "123456",
        NODE_ENV: "production",
      },
    });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).toMatch(/Invalid environment/);
    for (const name of ["DB_POOL_SIZE", "NEXTAUTH_SECRET", "APP_URL", "Google Wallet"]) expect(out).toContain(name);
    expect(out).not.toMatch(/applying migrations/);
  }, 60_000);
});
