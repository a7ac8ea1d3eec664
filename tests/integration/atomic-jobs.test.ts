// A change and the wallet job it causes commit together or not at all: a
// process killed between the change and its job enqueue leaves neither, so no
// pass silently misses an update; the same change afterwards leaves both.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { updateProgram } from "@/lib/programs/manage-programs";
import { sendMessage } from "@/lib/wallet/messages";
import { makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
const root = path.resolve(import.meta.dirname, "../..");

beforeAll(async () => {
  m = await makeMerchant("Crashbestendig");
  // One installed Apple pass, so changes to the program have a job to enqueue.
  await db().card.update({ where: { id: m.histories[0].card.id }, data: { appleInstalls: 1 } });
  await db().passRegistration.create({
    data: {
      organizationId: m.org.id,
      cardId: m.histories[0].card.id,
      deviceLibraryIdentifier: "iphone-1",
      passTypeIdentifier: "pass.nl.stempel.dev",
      pushToken: "ab".repeat(32),
    },
  });
});

function crashDuring(which: "design" | "message") {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "tests/integration/fixtures/crash-during-enqueue.ts"), which, m.org.id, m.owner.id, m.program.id],
    {
      cwd: root,
      env: process.env,
      encoding: "utf8",
    },
  );
  return r;
}

const jobs = async (name: string) =>
  (await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'orgId' = $2`, name, m.org.id))[0].n;

describe("side effects commit with their change", () => {
  it("a design change killed before its job is enqueued leaves no half-done update", async () => {
    const before = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id } });
    const r = crashDuring("design");
    expect(r.signal).toBe("SIGKILL");
    const after = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id } });
    expect({ name: after.name, version: after.version }).toEqual({ name: before.name, version: before.version });
    expect(await db().cardProgramVersion.count({ where: { programId: m.program.id, version: { gt: before.version } } })).toBe(0);
    expect(await jobs("apple-program-changed")).toBe(0);

    const updated = await updateProgram(m.ctx(), m.program.id, {
      name: "Na de crash",
      stampsRequired: "10",
      rewardText: "Gratis koffie",
      backgroundColor: "#224433",
      foregroundColor: "#ffffff",
      labelColor: "#ffdd99",
      stampIcon: "coffee",
      emailField: "optional",
      phoneField: "hidden",
      birthdayField: "hidden",
      marketingConsent: "true",
    });
    expect(updated.version).toBe(before.version + 1);
    expect(await jobs("apple-program-changed")).toBe(1);
  });

  it("a merchant message killed before its job is enqueued leaves no message without its push", async () => {
    const r = crashDuring("message");
    expect(r.signal).toBe("SIGKILL");
    expect(await db().walletMessage.count({ where: { organizationId: m.org.id } })).toBe(0);
    const cardJobs = await jobs("apple-card-changed");
    await sendMessage(m.ctx(), m.program.id, { header: "Actie", body: "Dubbele stempels vandaag" });
    expect(await db().walletMessage.count({ where: { organizationId: m.org.id } })).toBe(1);
    expect(await jobs("apple-card-changed")).toBe(cardJobs + 1);
  });
});

describe("the job queues after migrating", () => {
  // The workers log in as the app role, which cannot create tables: every queue must exist already, pg-boss's own
  // cron queue too (without it `boss.schedule` — the minute tick, reminders, purges — silently never fires).
  it("has every queue, pg-boss's cron queue included, each expiring after JOBS_EXPIRE_SECONDS (6 minutes)", async () => {
    const { QUEUES } = await import("@/lib/jobs/queue");
    const queues = await db().$queryRawUnsafe<{ name: string; expire_seconds: number }[]>(`SELECT name, expire_seconds FROM pgboss.queue ORDER BY name`);
    expect(queues.map((q) => q.name).sort()).toEqual(["__pgboss__send-it", ...Object.values(QUEUES)].sort());
    expect(new Set(queues.map((q) => q.expire_seconds))).toEqual(new Set([360]));
  });
});
