// Tenancy enforced by the database itself. The app's login role (DATABASE_URL)
// is held to row-level security on every table that holds an organization's
// rows, and the policies fail closed: nothing pinned → nothing seen or written.
// The catalog is read, so a table added later without its policy fails here.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { TENANT_MODELS, tenantDb, TenancyViolation } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { makeMerchant, seedEveryTenantTable, type Merchant } from "./helpers";

let a: Merchant;
let b: Merchant;
let app: pg.Client;
let owner: pg.Client;

const ownerRows = async <R>(text: string, params: unknown[] = []) => (await owner.query(text, params)).rows as R[];

/** Tables with an organizationId column, plus Organization itself. */
async function tenantTables(): Promise<string[]> {
  const rows = await ownerRows<{ table_name: string }>(
    `SELECT table_name::text FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'organizationId'
     UNION SELECT 'Organization' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

beforeAll(async () => {
  a = await makeMerchant("Bakkerij A");
  b = await makeMerchant("Koffiebar B");
  for (const m of [a, b]) await seedEveryTenantTable(m);
  // The app's own login role, as production runs it.
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
  await Promise.all([app.connect(), owner.connect()]);
});
afterAll(() => Promise.all([app.end(), owner.end()]));

describe("the catalog", () => {
  it("finds the tenant tables", async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(["Card", "CardEvent", "Customer", "Organization", "PassRegistration", "WalletMessage", "DeviceSession"]));
  });

  it("every tenant table has RLS enabled and forced, with a policy on app.org_id", async () => {
    const rows = await ownerRows<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>(
      `SELECT c.relname::text AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             COALESCE(array_agg(p.qual || ' | ' || COALESCE(p.with_check, '') || ' | ' || array_to_string(p.roles, ',')) FILTER (WHERE p.policyname IS NOT NULL), '{}') AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_policies p ON p.schemaname = 'public' AND p.tablename = c.relname
       WHERE c.relkind = 'r' GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity`,
    );
    const byTable = new Map(rows.map((r) => [r.table, r]));
    for (const table of await tenantTables()) {
      const r = byTable.get(table);
      expect(r, table).toBeDefined();
      expect({ table, enabled: r!.enabled, forced: r!.forced }).toEqual({ table, enabled: true, forced: true });
      // Policies for everyone (public) must compare with app.org_id, both for reading and for writing.
      const general = r!.policies.filter((p) => p.endsWith("| public"));
      expect(general.length, table).toBeGreaterThan(0);
      for (const p of general) {
        const [using, check] = p.split(" | ");
        expect(using, table).toMatch(/current_setting\('app\.org_id'::text, true\)/);
        expect(check, table).toMatch(/current_setting\('app\.org_id'::text, true\)/);
        // No escape hatch for an unset setting (the old policies let everything through then).
        expect(using, table).not.toMatch(/coalesce|IS NULL|= ''/i);
      }
    }
  });

  it("tenantDb covers exactly the tenant tables", async () => {
    const models = (await tenantTables()).map((t) => t[0].toLowerCase() + t.slice(1));
    expect([...TENANT_MODELS].sort()).toEqual(models.sort());
  });

  it("the app does not log in as a role that bypasses row-level security", async () => {
    const { rows } = await app.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });
});

describe("fails closed", () => {
  it("with no organization pinned, every tenant table is empty to the app", async () => {
    for (const table of await tenantTables()) {
      const total = await ownerRows<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      expect(total[0].n, `${table} has rows to hide`).toBeGreaterThan(0);
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM "${table}"`);
      expect({ table, visible: rows[0].n }).toEqual({ table, visible: 0 });
    }
  });

  it("with no organization pinned, writes are refused or touch nothing", async () => {
    await expect(app.query(`INSERT INTO "Location" (id, "organizationId", name, "updatedAt") VALUES ('x1', $1, 'x', now())`, [a.org.id])).rejects.toThrow(
      /row-level security/,
    );
    const upd = await app.query(`UPDATE "Card" SET "stampCount" = 0`);
    expect(upd.rowCount).toBe(0);
    const del = await app.query(`DELETE FROM "Customer"`);
    expect(del.rowCount).toBe(0);
    expect(await db().customer.count()).toBeGreaterThan(0);
  });

  it("an empty or unknown app.org_id sees nothing either", async () => {
    for (const value of ["", "nonexistent-org-id"]) {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.org_id', $1, true)", [value]);
      const { rows } = await app.query(`SELECT count(*)::int AS n FROM "Card"`);
      await app.query("ROLLBACK");
      expect(rows[0].n).toBe(0);
    }
  });

  it("pinned to A, only A's rows exist, and B's cannot be written", async () => {
    await withTenantTransaction(a.org.id, async (sql) => {
      for (const table of await tenantTables()) {
        const key = table === "Organization" ? "id" : "organizationId";
        const [r] = await sql<{ other: number }>(`SELECT count(*) FILTER (WHERE "${key}" <> $1)::int AS other FROM "${table}"`, [a.org.id]);
        expect({ table, other: r.other }).toEqual({ table, other: 0 });
      }
      const upd = await sql(`UPDATE "Card" SET "stampCount" = 0 WHERE "organizationId" = $1 RETURNING id`, [b.org.id]);
      expect(upd).toEqual([]);
      await expect(sql(`INSERT INTO "Location" (id, "organizationId", name, "updatedAt") VALUES ('x2', $1, 'x', now())`, [b.org.id])).rejects.toThrow(
        /row-level security/,
      );
    }).catch((e) => {
      // The refused insert aborts the transaction; its error is what we assert above.
      if (!/current transaction is aborted|row-level security/.test(String(e))) throw e;
    });
    expect(await db().card.count({ where: { organizationId: b.org.id, stampCount: 0 } })).toBe(
      await db().card.count({ where: { organizationId: b.org.id, stampCount: 0 } }),
    );
    expect(await db().location.findUnique({ where: { id: "x2" } })).toBeNull();
  });
});

describe("tenantDb", () => {
  it("refuses raw SQL at run time, not only in its type", async () => {
    const t = tenantDb(a.ctx()) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]) {
      expect(() => t[method](`SELECT * FROM "Card"`), method).toThrow(TenancyViolation);
    }
  });

  it("refuses global models at run time", () => {
    const t = tenantDb(a.ctx()) as unknown as Record<string, { findMany: () => unknown }>;
    expect(() => t.user.findMany()).toThrow(TenancyViolation);
    expect(() => t.outboxEmail.findMany()).toThrow(TenancyViolation);
  });

  it("pins the organization in the database, not only in the where clause", async () => {
    // A relation filter is not rewritten by the where-scoping; row-level security still hides B.
    const cards = await tenantDb(a.ctx()).customer.findMany({ where: { cards: { some: { organizationId: b.org.id } } } });
    expect(cards).toEqual([]);
    const seen = await tenantDb(a.ctx()).$transaction(async (_tx, sql) =>
      sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Card" WHERE "organizationId" = $1`, [b.org.id]),
    );
    expect(seen[0].n).toBe(0);
  });
});
