// Offline taps keep the time they happened for the ledger (createdAt), but the
// fraud rules and the undo window are judged by when the server received them
// (receivedAt): backdating a tap (issue 11, item 5) buys no extra allowance.
// Real HTTP to the production request listener, as in stamping.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { makeMerchant, newCard, type Merchant } from "./helpers";
import { pastStamp, staffSession, startTabletServer, type TabletServer } from "./tablet-http";

let api: TabletServer;
let m: Merchant;
let s: Awaited<ReturnType<typeof staffSession>>;

beforeAll(async () => {
  api = await startTabletServer();
  m = await makeMerchant("Offline", { customers: 0 });
  s = await staffSession(api, m, "1234");
});
afterAll(() => api.close());

type Acted = { eventId: string; card: { stampCount: number }; rule?: string };
const act = (body: object) => api.post<Acted>("/api/tablet/actions", { idempotencyKey: randomUUID(), ...body }, s.token);
const stamp = (serial: string, occurredAt?: Date) => act({ kind: "stamp", amount: 1, serial, ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}) });
const ago = (ms: number) => new Date(Date.now() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const rules = (r: object = {}) =>
  db().cardProgram.update({
    where: { id: m.program.id },
    data: { visitMinutes: 30, maxStampsPerVisit: 100, maxStampsPerDay: 100, undoWindowSeconds: 120, ...r },
  });

describe("backdated taps and the fraud rules", () => {
  it("'2 a day, 1 per 60 minutes': two taps backdated 23 h and two now give one stamp, not four", async () => {
    await rules({ maxStampsPerDay: 2, visitMinutes: 60, maxStampsPerVisit: 1 });
    const card = await newCard(m);
    const first = ago(23 * HOUR);
    const answers = [await stamp(card.serial, first), await stamp(card.serial, ago(21.9 * HOUR)), await stamp(card.serial), await stamp(card.serial)];
    expect(answers.map((a) => [a.status, a.body.rule])).toEqual([
      [200, undefined],
      [409, "maxPerVisit"],
      [409, "maxPerVisit"],
      [409, "maxPerVisit"],
    ]);
    // The ledger keeps when the tap happened, and records when it arrived.
    const event = await db().cardEvent.findUniqueOrThrow({ where: { id: answers[0].body.eventId } });
    expect(event.createdAt.toISOString()).toBe(first.toISOString());
    expect(Math.abs(event.receivedAt!.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it("still takes a genuinely offline tap with its own time, judged when it arrives", async () => {
    await rules({ visitMinutes: 10, maxStampsPerVisit: 1 });
    // Last stamped two hours ago; the tablet was offline when it stamped 20 minutes ago.
    const quiet = await newCard(m);
    await pastStamp(quiet, ago(2 * HOUR));
    const offline = ago(20 * MIN);
    const ok = await stamp(quiet.serial, offline);
    expect(ok.status).toBe(200);
    expect((await db().cardEvent.findUniqueOrThrow({ where: { id: ok.body.eventId } })).createdAt.toISOString()).toBe(offline.toISOString());
    // Stamped live 5 minutes ago: a queued tap from before then cannot add a stamp now.
    const busy = await newCard(m);
    await pastStamp(busy, ago(5 * MIN));
    expect(await stamp(busy.serial, ago(30 * MIN))).toMatchObject({ status: 409, body: { rule: "maxPerVisit" } });
  });

  it("never moves the card's last stamp back in time", async () => {
    await rules();
    const card = await newCard(m);
    await stamp(card.serial);
    const live = (await db().card.findUniqueOrThrow({ where: { id: card.id } })).lastStampAt!;
    expect((await stamp(card.serial, ago(30 * MIN))).status).toBe(200);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).lastStampAt).toEqual(live);
  });

  it("measures the undo window by arrival: a backdated undo cannot reach an old stamp; an offline stamp and its undo sync together", async () => {
    await rules();
    const old = await newCard(m);
    await pastStamp(old, ago(HOUR), 1, s.device.deviceId);
    expect(await act({ kind: "undo", serial: old.serial, occurredAt: ago(HOUR - 10_000).toISOString() })).toMatchObject({
      status: 409,
      body: { message: "nothingToUndo" },
    });
    expect((await db().card.findUniqueOrThrow({ where: { id: old.id } })).stampCount).toBe(1);

    const queued = await newCard(m);
    expect((await stamp(queued.serial, ago(5 * MIN))).status).toBe(200);
    expect(await act({ kind: "undo", serial: queued.serial, occurredAt: ago(4 * MIN).toISOString() })).toMatchObject({
      status: 200,
      body: { card: { stampCount: 0 } },
    });
  });
});
