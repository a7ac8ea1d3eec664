// The app's login role, created and granted by the owner at migration time
// (`npm run db:migrate`, `npm start`, the test servers). Idempotent.
//  - stempel_tenant (NOLOGIN, from the migrations) holds the table privileges;
//  - the login role named in DATABASE_URL is made a member, without SUPERUSER
//    or BYPASSRLS, so every query it runs is held to row-level security.
import pg from "pg";
import { parse } from "pg-connection-string";

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function ensureAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = parse(ownerUrl).user;
  const { user, password } = parse(appUrl);
  if (!user || user === owner) return; // one-URL setup: refused later by assertAppRole() in production
  if (!IDENT.test(user)) throw new Error(`DATABASE_URL's user "${user}" must be a plain lower-case role name`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [user]);
    const pw = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
    await client.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${user} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB${pw}`);
    await client.query(`GRANT stempel_tenant TO ${user}`);
  } catch (e) {
    // Two test workers creating the same role at once: the loser finds it there.
    if ((e as { code?: string }).code !== "23505") throw e;
  } finally {
    await client.end();
  }
}

/** Refuses to run the app as a role that row-level security does not hold. */
export async function assertAppRole(appUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolname: string }>(
      "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    const r = rows[0];
    if (r.rolsuper || r.rolbypassrls) {
      throw new Error(
        `DATABASE_URL logs in as "${r.rolname}", which bypasses row-level security. Point DATABASE_URL at the app role and ` +
          "DATABASE_OWNER_URL at the owner (README → Deploying), then run npm run db:migrate.",
      );
    }
  } finally {
    await client.end();
  }
}
