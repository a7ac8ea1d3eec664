// A PostgreSQL server for a test run: TEST_DATABASE_URL when given, otherwise a
// throwaway embedded server on a free port. It holds one migrated template
// database; every test file gets a fresh copy of it (CREATE DATABASE … TEMPLATE).
// Like production, the app logs in as a role held to row-level security
// (APP_ROLE); the admin login is the owner that migrates and seeds.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";

/** The app's login role in tests (created on the server by the first migrate). */
export const APP_ROLE = { user: "stempel_app", password: "stempel-app-test" };

/** `url` with its user switched to the app's login role. */
export function asAppRole(url: string): string {
  const u = new URL(url);
  u.username = APP_ROLE.user;
  u.password = APP_ROLE.password;
  return u.toString();
}

export type TestServer = { adminUrl: string; template: string; stop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startTestServer(): Promise<TestServer> {
  const external = process.env.TEST_DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ persistent: false });
  const adminUrl = external ?? embedded!.url("postgres");
  const template = `stempel_tpl_${randomBytes(4).toString("hex")}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
    await migrate(withDatabase(adminUrl, template), asAppRole(withDatabase(adminUrl, template)));
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return {
    adminUrl,
    template,
    stop: async () => {
      if (embedded) return embedded.stop();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    },
  };
}

/** A fresh, migrated database copied from the template: `url` logs in as the app role, `ownerUrl` as the owner. */
export async function createTestDatabase(
  server: { adminUrl: string; template: string },
  label = "t",
): Promise<{ url: string; ownerUrl: string; drop: () => Promise<void> }> {
  const name = `${label}_${randomBytes(6).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(server.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${server.template}"`);
      break;
    } catch (e) {
      // Two files copying the template at the same instant can collide; retry briefly.
      if (attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    url: asAppRole(withDatabase(server.adminUrl, name)),
    ownerUrl: withDatabase(server.adminUrl, name),
    drop: () => adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
