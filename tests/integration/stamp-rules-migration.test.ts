// Issue 12 §9/§12: migration 20261125230100_visit_rules_tablet_staff on data
// shaped as before it. A scratch database gets every migration before it,
// programs with the old rules and a live tablet session, then this migration:
// programs on the old defaults get the new ones, custom rules are carried over,
// and the session now names its membership.
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migratedUpTo } from "./scratch-migrations";

const MIGRATION = "20261125230100_visit_rules_tablet_staff";

let scratch: Awaited<ReturnType<typeof migratedUpTo>>;
let client: pg.Client;
const apply = (migration: string) => scratch.apply(migration);

beforeAll(async () => {
  scratch = await migratedUpTo(MIGRATION);
  client = scratch.client;
}, 60_000);

afterAll(async () => {
  await scratch?.drop();
});

it("gives programs on the old defaults the new ones, carries custom rules over, and ties sessions to their membership", async () => {
  // Rows as the app wrote them before, pinned like the app (row-level security is forced for the owner too).
  await client.query("BEGIN");
  await client.query(`SELECT set_config('app.org_id', 'org1', true)`);
  await client.query(`INSERT INTO "Organization" (id, name, slug, "trialEndsAt", "updatedAt") VALUES ('org1', 'Oud', 'oud', now(), now())`);
  await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('u1', 'u1@test.nl', 'Sanne', 'x', now())`);
  await client.query(`INSERT INTO "Membership" (id, "organizationId", "userId", role, "updatedAt") VALUES ('m1', 'org1', 'u1', 'STAFF', now())`);
  await client.query(`INSERT INTO "Location" (id, "organizationId", name, "updatedAt") VALUES ('l1', 'org1', 'Zaak', now())`);
  await client.query(`INSERT INTO "Device" (id, "organizationId", "locationId", name, "tokenHash") VALUES ('d1', 'org1', 'l1', 'Tablet', 'tok')`);
  await client.query(
    `INSERT INTO "DeviceSession" (id, "organizationId", "deviceId", "userId", "tokenHash", "expiresAt") VALUES ('s1', 'org1', 'd1', 'u1', 'ses', now() + interval '1 hour')`,
  );
  const program = (id: string, minutes: number, perDay: number, perAction: number) =>
    client.query(
      `INSERT INTO "CardProgram" (id, "organizationId", name, "stampsRequired", "rewardText", "minMinutesBetweenStamps", "maxStampsPerDay", "maxStampsPerAction", "updatedAt")
       VALUES ($1, 'org1', $1, 10, 'Koffie', $2, $3, $4, now())`,
      [id, minutes, perDay, perAction],
    );
  await program("defaults", 10, 5, 5);
  await program("hourly", 60, 3, 1);
  await program("noInterval", 0, 20, 8);
  await program("actionOverDay", 5, 3, 6);
  await client.query("COMMIT");

  await apply(MIGRATION);

  await client.query("BEGIN");
  await client.query(`SELECT set_config('app.org_id', 'org1', true)`);
  const { rows } = await client.query(`SELECT id, "visitMinutes", "maxStampsPerVisit", "maxStampsPerDay" FROM "CardProgram" ORDER BY id`);
  const sessions = await client.query(`SELECT "membershipId" FROM "DeviceSession"`);
  await client.query("COMMIT");
  expect(Object.fromEntries(rows.map((r) => [r.id, [r.visitMinutes, r.maxStampsPerVisit, r.maxStampsPerDay]]))).toEqual({
    defaults: [30, 10, 15],
    hourly: [60, 1, 3],
    noInterval: [30, 8, 20],
    actionOverDay: [5, 3, 3],
  });
  expect(sessions.rows).toEqual([{ membershipId: "m1" }]);
  // New programs start on the new defaults.
  const columns = await client.query(
    `SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'CardProgram' AND column_name IN ('visitMinutes', 'maxStampsPerVisit', 'maxStampsPerDay') ORDER BY column_name`,
  );
  expect(columns.rows).toEqual([
    { column_name: "maxStampsPerDay", column_default: "15" },
    { column_name: "maxStampsPerVisit", column_default: "10" },
    { column_name: "visitMinutes", column_default: "30" },
  ]);
});
