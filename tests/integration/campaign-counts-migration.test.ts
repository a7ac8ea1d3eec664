// Issue 15: migration 20261127093000_campaign_counts on a database with campaigns
// already sent, applied as production applies it: by an owner that is not a
// superuser (so FORCEd row-level security holds it too), and statement by
// statement, as Prisma's runner sends it. Its backfill must count every earlier
// delivery; without the owner-only policies it would see none of them.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminQuery } from "@/scripts/lib/test-database";
import { migratedUpTo, migrationSql } from "./scratch-migrations";

const MIGRATION = "20261127093000_campaign_counts";
const role = `mig_owner_${randomBytes(5).toString("hex")}`;

let scratch: Awaited<ReturnType<typeof migratedUpTo>>;
let admin: pg.Client;

/** A migration's statements one by one, outside a transaction (semicolons inside quotes kept), as Prisma sends them. */
function statements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const line of sql.split("\n").filter((l) => !l.trimStart().startsWith("--"))) {
    for (const ch of `${line}\n`) {
      if (ch === "'") quoted = !quoted;
      if (ch === ";" && !quoted) {
        if (current.trim()) out.push(current);
        current = "";
      } else current += ch;
    }
  }
  if (current.trim()) out.push(current);
  return out;
}

beforeAll(async () => {
  scratch = await migratedUpTo(MIGRATION);
  admin = scratch.client;
}, 120_000);

afterAll(async () => {
  await scratch?.drop();
  // The role owned objects only in the scratch database, gone now.
  await adminQuery(process.env.DATABASE_OWNER_URL!, `DROP ROLE IF EXISTS "${role}"`);
});

it("counts the campaigns sent before it, applied statement by statement by an owner held to row-level security", async () => {
  // Two merchants' campaigns as the app wrote them before (pinned, as the app does).
  const sent: Record<string, Record<string, number>> = { c1: { DELIVERED: 3, FAILED: 1, QUEUED: 2 }, c2: { SILENT: 2 } };
  for (const [org, campaign] of [
    ["org1", "c1"],
    ["org2", "c2"],
  ]) {
    await admin.query("BEGIN");
    await admin.query(`SELECT set_config('app.org_id', $1, true)`, [org]);
    await admin.query(`INSERT INTO "Organization" (id, name, slug, "trialEndsAt", "updatedAt") VALUES ($1, $1, $1, now(), now())`, [org]);
    await admin.query(
      `INSERT INTO "Campaign" (id, "organizationId", name, "titleNl", "bodyNl", audience, "updatedAt") VALUES ($1, $2, 'Herfst', 'Hoi', 'Koffie', '{"kind":"all"}', now())`,
      [campaign, org],
    );
    let i = 0;
    for (const [status, n] of Object.entries(sent[campaign]))
      for (let k = 0; k < n; k++, i++) {
        const customer = `${campaign}-cu${i}`;
        await admin.query(`INSERT INTO "Customer" (id, "organizationId", name, "updatedAt") VALUES ($1, $2, 'Klant', now())`, [customer, org]);
        await admin.query(`INSERT INTO "Delivery" (id, "organizationId", "customerId", "campaignId", status) VALUES ($1, $2, $3, $4, $5)`, [
          `${customer}-d`,
          org,
          customer,
          campaign,
          status,
        ]);
      }
    await admin.query("COMMIT");
  }

  // The tables' owner in production: no superuser, no BYPASSRLS.
  const password = randomBytes(12).toString("hex");
  await admin.query(`CREATE ROLE "${role}" NOSUPERUSER NOBYPASSRLS LOGIN PASSWORD '${password}'`);
  await admin.query(`GRANT USAGE, CREATE ON SCHEMA public TO "${role}"`);
  for (const object of [`TABLE "Delivery"`, `TABLE "Campaign"`, `TYPE "DeliveryStatus"`]) await admin.query(`ALTER ${object} OWNER TO "${role}"`);
  const ownerUrl = new URL(scratch.url);
  ownerUrl.username = role;
  ownerUrl.password = password;
  const owner = new pg.Client({ connectionString: ownerUrl.toString() });
  await owner.connect();
  try {
    // Held to row-level security: without the migration's own policies it would count nothing.
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Delivery"`)).rows[0].n).toBe(0);
    for (const statement of statements(migrationSql(MIGRATION))) await owner.query(statement);
  } finally {
    await owner.end();
  }

  const { rows } = await admin.query(`SELECT "campaignId", status::text, n FROM "CampaignCount" ORDER BY 1, 2`);
  expect(rows).toEqual(
    Object.entries(sent).flatMap(([campaignId, counts]) =>
      Object.entries(counts)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([status, n]) => ({ campaignId, status, n })),
    ),
  );
  // Its policies for the backfill are gone again, and the counts follow the next write.
  const { rows: policies } = await admin.query(
    `SELECT policyname FROM pg_policies WHERE policyname LIKE '%backfill%' AND tablename IN ('Delivery', 'CampaignCount')`,
  );
  expect(policies).toEqual([]);
  await admin.query(`UPDATE "Delivery" SET status = 'DELIVERED' WHERE "campaignId" = 'c1' AND status = 'QUEUED'`);
  const { rows: after } = await admin.query(`SELECT status::text, n FROM "CampaignCount" WHERE "campaignId" = 'c1' ORDER BY 1`);
  expect(after).toEqual([
    { status: "DELIVERED", n: 5 },
    { status: "FAILED", n: 1 },
    { status: "QUEUED", n: 0 },
  ]);
});
