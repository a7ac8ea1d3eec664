// Issue 18 § Faults: resources running out.
//  - Disk full for uploads: the storage write fails with a real ENOSPC (the file
//    is written to /dev/full) → the upload action answers the standard error with
//    "storage full" in nl/en, nothing is half-saved, and the same upload works
//    once there is space again.
//  - Database connection pool exhausted: with every connection of the app's two
//    pools held (pg for the stamp path, Prisma for the rest), a stamp and a
//    dashboard action answer a clear 503 within DB_POOL_TIMEOUT_SECONDS — no
//    hang, no 500 — and work again as soon as connections are free.
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addTagAction } from "@/app/actions/customers";
import { uploadImageAction } from "@/app/actions/programs";
import { db as appDb } from "@/lib/db/client";
import { ownerDb as db } from "@/lib/db/owner";
import { pool } from "@/lib/db/pool";
import { en, nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { makeMerchant, newCard, type Merchant } from "./helpers";
import { staffSession, startTabletServer, type TabletServer } from "./tablet-http";

const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext } }));
vi.mock("@/lib/auth/session", () => ({
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => session.current,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const POOL_TIMEOUT_S = 1;
let m: Merchant;
let api: TabletServer;
let barista: string;
let dir: string;

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "stempel-full-"));
  process.env.STORAGE_DIR = dir;
  process.env.DB_POOL_TIMEOUT_SECONDS = String(POOL_TIMEOUT_S);
  m = await makeMerchant("Café Vol", { customers: 0 });
  session.current = { ctx: m.ctx("OWNER") };
  api = await startTabletServer();
  barista = (await staffSession(api, m, "1357")).token;
});

afterAll(async () => {
  await api?.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

const lookup = (messages: Record<string, unknown>, key: string) =>
  key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

describe("disk full for uploads", () => {
  it("answers 'storage full' (nl/en), stores nothing half, and the same upload works once there is space", async () => {
    const logo = await sharp({ create: { width: 320, height: 100, channels: 3, background: "#7b3f00" } })
      .png()
      .toBuffer();
    const form = () => {
      const f = new FormData();
      f.set("kind", "logo");
      f.set("file", new File([new Uint8Array(logo)], "logo.png", { type: "image/png" }));
      return f;
    };
    const before = await db().organization.findUniqueOrThrow({ where: { id: m.org.id } });
    // The disk fills up after the first of the three sizes: every write after it hits ENOSPC from the kernel.
    const realWrite = fsp.writeFile;
    let writes = 0;
    const full = vi
      .spyOn(fsp, "writeFile")
      .mockImplementation(((file: Parameters<typeof fsp.writeFile>[0], data: Parameters<typeof fsp.writeFile>[1]) =>
        realWrite(++writes > 2 ? "/dev/full" : file, data)) as typeof fsp.writeFile);
    try {
      const r = await uploadImageAction(form());
      expect(r).toEqual({ ok: false, error: "errors.storageFull" });
      for (const messages of [nl, en]) expect(lookup(messages, "errors.storageFull"), "message in nl and en").toMatch(/\w/);
      expect(lookup(nl, "errors.storageFull")).toMatch(/opslag/i);
    } finally {
      full.mockRestore();
    }
    // Nothing half-stored: the organization unchanged (no key of the failed upload anywhere), and the
    // sizes written before the disk filled up are whole files that nothing refers to.
    expect(await db().organization.findUniqueOrThrow({ where: { id: m.org.id } })).toEqual(before);
    const left = (await fsp.readdir(path.join(dir, "org", m.org.id)).catch(() => [] as string[])).filter((f) => f.endsWith(".png"));
    for (const f of left) expect((await sharp(path.join(dir, "org", m.org.id, f)).metadata()).format).toBe("png");

    const again = await uploadImageAction(form());
    expect(again.ok).toBe(true);
    const key = (again as { data: { key: string } }).data.key;
    expect((await fsp.readdir(path.join(dir, "org", m.org.id))).filter((f) => f.startsWith(path.basename(key)) && f.endsWith(".png"))).toHaveLength(3);
    expect(left.some((f) => f.startsWith(path.basename(key)))).toBe(false);
  });
});

describe("database connection pool exhausted", () => {
  it("a stamp and a dashboard action answer 503 within the pool timeout, and work again once connections are free", async () => {
    const card = await newCard(m);
    const stamp = () => api.post("/api/tablet/actions", { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID() }, barista);
    expect((await stamp()).status).toBe(200);
    const size = Number(process.env.DB_POOL_SIZE);

    // Hold every connection of both pools.
    const held = await Promise.all(Array.from({ length: size }, () => pool().connect()));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let opened = 0;
    const prismaHeld = Array.from({ length: size }, () =>
      appDb().$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          opened++;
          await gate;
        },
        { timeout: 60_000, maxWait: 10_000 },
      ),
    );
    await expect.poll(() => opened, { timeout: 10_000 }).toBe(size);
    try {
      let t0 = performance.now();
      const refused = await stamp();
      const stampMs = performance.now() - t0;
      expect(refused).toEqual({ status: 503, body: { error: "UNAVAILABLE", message: "busy" } });
      expect(stampMs).toBeLessThan(POOL_TIMEOUT_S * 1000 + 2000);

      t0 = performance.now();
      const action = await addTagAction(card.customerId, "vaste klant");
      expect(action).toEqual({ ok: false, error: "errors.busy", retryAfterSeconds: 2 });
      expect(performance.now() - t0).toBeLessThan(POOL_TIMEOUT_S * 1000 + 3000);
      for (const messages of [nl, en]) expect(lookup(messages, "errors.busy")).toMatch(/\w/);
    } finally {
      for (const c of held) c.release();
      release();
      await Promise.all(prismaHeld);
    }
    // Recovery without a restart.
    expect((await stamp()).status).toBe(200);
    expect(await addTagAction(card.customerId, "vaste klant")).toMatchObject({ ok: true });
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(2);
  });
});
