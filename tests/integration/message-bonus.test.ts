// A message's bonus (issue 15): "+1 stempel bij je volgende bezoek deze week".
// grantDueBonuses gives it at the recipient's next stamped visit after the
// message and on/before bonusUntil — once, on the card stamped, never for a
// message that did not arrive, and the bonus itself is not a visit.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { grantDueBonuses } from "@/lib/referrals/bonus";
import { applyCardAction } from "@/lib/stamping/card-action";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";

let m: Merchant;
let staff: Awaited<ReturnType<typeof tablet>>;
const HOUR = 3600_000;

beforeAll(async () => {
  m = await makeMerchant("Bonus Bakkerij", { customers: 0 });
  staff = await tablet(m, "1357");
});

const stamp = (serial: string) => applyCardAction(staff.sessionToken, { kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID() });
const bonuses = (cardId: string) => db().cardEvent.findMany({ where: { cardId, type: "BONUS" } });

async function delivered(customerId: string, o: { status?: DeliveryStatus; bonusUntil?: Date | null; createdAt?: Date; stamps?: number } = {}) {
  const campaign = await db().campaign.create({
    data: {
      organizationId: m.org.id,
      name: `Actie ${randomUUID()}`,
      titleNl: "Deze week",
      bodyNl: "+1 stempel bij je volgende bezoek",
      audience: { kind: "all" },
    },
  });
  return db().delivery.create({
    data: {
      organizationId: m.org.id,
      customerId,
      campaignId: campaign.id,
      status: o.status ?? "DELIVERED",
      bonusStamps: o.stamps ?? 1,
      bonusUntil: o.bonusUntil === undefined ? new Date(Date.now() + 7 * 24 * HOUR) : o.bonusUntil,
      createdAt: o.createdAt ?? new Date(Date.now() - HOUR),
    },
  });
}

describe("a message's bonus", () => {
  it("is given at the next visit within the window, once, on the card stamped, and is no visit itself", async () => {
    const card = await newCard(m, "Anna");
    const d = await delivered(card.customerId);
    await grantDueBonuses(m.org.id);
    expect(await bonuses(card.id)).toHaveLength(0); // no visit yet

    await stamp(card.serial);
    await Promise.all(Array.from({ length: 6 }, () => grantDueBonuses(m.org.id)));
    await grantDueBonuses(m.org.id);
    expect((await bonuses(card.id)).map((e) => e.amount)).toEqual([1]);
    expect(await db().delivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ bonusGrantedAt: expect.any(Date) });
    expect(await db().card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ stampCount: 2 });
    // The Visit trigger counts the stamp, not the bonus.
    const visits = await db().visit.findMany({ where: { organizationId: m.org.id, customerId: card.customerId } });
    expect(visits.map((v) => v.stamps)).toEqual([1]);
  });

  it("is not given for a visit before the message, nor after bonusUntil", async () => {
    const card = await newCard(m, "Bas");
    await stamp(card.serial); // before the message
    await delivered(card.customerId, { createdAt: new Date(Date.now() + 1000) });
    await grantDueBonuses(m.org.id);
    expect(await bonuses(card.id)).toHaveLength(0);

    const late = await newCard(m, "Cor");
    await delivered(late.customerId, { createdAt: new Date(Date.now() - 10 * 24 * HOUR), bonusUntil: new Date(Date.now() - 3 * 24 * HOUR) });
    await stamp(late.serial);
    await grantDueBonuses(m.org.id);
    expect(await bonuses(late.id)).toHaveLength(0);
  });

  it("is not given for a message that failed, or was never sent", async () => {
    for (const status of ["FAILED", "QUEUED", "NO_CONSENT", "HOLDOUT"] as const) {
      const card = await newCard(m, `Dirk ${status}`);
      await delivered(card.customerId, { status });
      await stamp(card.serial);
      await grantDueBonuses(m.org.id);
      expect(await bonuses(card.id)).toHaveLength(0);
    }
    // A silent update on Google still arrived.
    const silent = await newCard(m, "Eva");
    await delivered(silent.customerId, { status: "SILENT", stamps: 2 });
    await stamp(silent.serial);
    await grantDueBonuses(m.org.id);
    expect((await bonuses(silent.id)).map((e) => e.amount)).toEqual([2]);
  });

  it("is not given for a stamp that was undone", async () => {
    const card = await newCard(m, "Fleur");
    await delivered(card.customerId);
    await stamp(card.serial);
    await applyCardAction(staff.sessionToken, { kind: "undo", serial: card.serial, idempotencyKey: randomUUID() });
    await grantDueBonuses(m.org.id);
    expect(await bonuses(card.id)).toHaveLength(0);
  });
});
