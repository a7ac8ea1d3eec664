// Referrals (issue 15): a customer's share link → a friend enrolls through it →
// the friend is linked and a Referral row says PENDING or BLOCKED (and why) →
// after the friend's first stamped visit both get the configured bonus, once,
// even when the sweep runs twice at the same moment. Each anti-farming rule.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as joinRoute from "@/app/(customer)/join/[programId]/route";
import { ownerDb as db } from "@/lib/db/owner";
import { enrollCustomer } from "@/lib/enrollment/enroll-customer";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { grantDueBonuses } from "@/lib/referrals/bonus";
import { DEVICE_COOKIE } from "@/lib/referrals/device";
import { referralUrl } from "@/lib/referrals/links";
import { loyaltyObject } from "@/lib/wallet/google/objects";
import { passByWebToken } from "@/lib/wallet/pass-source";
import { passView } from "@/lib/wallet/pass-view";
import { getCustomerCard } from "@/lib/cards/customer-card";
import { applyCardAction } from "@/lib/stamping/card-action";
import { makeMerchant, tablet, type Merchant } from "./helpers";

process.env.NEXTAUTH_SECRET ??= "integration-secret-0123456789abcdef";

let m: Merchant;
let staff: Awaited<ReturnType<typeof tablet>>;
let ip = 0;
let n = 0;

beforeAll(async () => {
  m = await makeMerchant("Koffie Vrienden", { customers: 1 });
  await db().cardProgram.update({
    where: { id: m.program.id },
    data: {
      referralEnabled: true,
      referralBonusStamps: 2,
      referralFriendBonusStamps: 1,
      referralMonthlyLimit: 5,
      stampsRequired: 10,
      formFields: { email: "optional", phone: "optional", birthday: "hidden", marketingConsent: true },
    },
  });
  staff = await tablet(m, "2468");
});

const meta = (deviceId: string | null = randomUUID()) => ({ ip: `10.60.${Math.floor(++ip / 200)}.${ip % 200}`, locale: "nl" as const, deviceId });

/** A customer enrolled from their own browser; returns their card (with its share code). */
async function enroll(fields: Record<string, string> = {}, deviceId: string | null = randomUUID()) {
  const i = ++n;
  const out = await enrollCustomer(
    m.program.id,
    {
      token: issueFormToken(m.program.id, Date.now() - 5000),
      name: `Vriend ${i}`,
      email: `vriend${i}@example.nl`,
      termsAccepted: "on",
      source: "poster",
      ...fields,
    },
    meta(deviceId),
  );
  return db().card.findUniqueOrThrow({ where: { webToken: out.webToken }, include: { customer: true } });
}

const referralOf = (friendCustomerId: string) =>
  db().referral.findUnique({ where: { organizationId_friendCustomerId: { organizationId: m.org.id, friendCustomerId } } });
const stamp = (serial: string) => applyCardAction(staff.sessionToken, { kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID() });
const bonuses = (cardId: string) => db().cardEvent.findMany({ where: { cardId, type: "BONUS" } });

describe("the share link", () => {
  it("is the program's sign-up link with source referral and the card's code, and the page carries it in the form", async () => {
    const referrer = await enroll();
    const url = referralUrl({ programId: m.program.id, referralCode: referrer.referralCode });
    expect(url).toMatch(new RegExp(`/join/${m.program.id}\\?s=referral&ref=${referrer.referralCode}$`));
    const res = await joinRoute.GET(new Request(`http://localhost/join/${m.program.id}?s=referral&ref=${referrer.referralCode}`), {
      params: Promise.resolve({ programId: m.program.id }),
    });
    const page = await res.text();
    expect(page).toContain(`<input type="hidden" name="ref" value="${referrer.referralCode}">`);
    // The browser gets its device id: first-party, httpOnly.
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`${DEVICE_COOKIE}=[A-Za-z0-9_-]{20,}; Path=/; .*HttpOnly; SameSite=Lax`));
    // A mangled code is a plain sign-up form.
    const bad = await joinRoute.GET(new Request(`http://localhost/join/${m.program.id}?s=referral&ref=%3Cscript%3E`), {
      params: Promise.resolve({ programId: m.program.id }),
    });
    expect(await bad.text()).not.toContain('name="ref"');
  });

  it("through the route: the posted form links the friend, and the device cookie is stored hashed", async () => {
    const referrer = await enroll();
    const body = new URLSearchParams({
      token: issueFormToken(m.program.id, Date.now() - 5000),
      name: "Route Vriend",
      email: "route-vriend@example.nl",
      termsAccepted: "on",
      source: "referral",
      ref: referrer.referralCode,
    });
    const res = await joinRoute.POST(
      new Request(`http://localhost/join/${m.program.id}`, {
        method: "POST",
        body: body.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${DEVICE_COOKIE}=route-device-0123456789abcdef` },
      }),
      { params: Promise.resolve({ programId: m.program.id }) },
    );
    expect(res.status).toBe(303);
    const friend = await db().customer.findFirstOrThrow({ where: { organizationId: m.org.id, email: "route-vriend@example.nl" } });
    expect(friend).toMatchObject({ source: "REFERRAL", referredByCustomerId: referrer.customerId });
    expect(friend.enrollDeviceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await referralOf(friend.id)).toMatchObject({ status: "PENDING", referrerCardId: referrer.id });
  });
});

describe("the card surfaces", () => {
  it("the passes carry the share link on the back (Apple) and in the links (Google), and the newest message with its link", async () => {
    const card = await enroll();
    await db().walletMessage.create({
      data: { organizationId: m.org.id, cardId: card.id, header: "Deze week", body: "Nieuwe taart!", link: "https://example.nl/taart", notify: true },
    });
    const source = (await passByWebToken(card.webToken))!;
    const back = passView(source.card, "https://stempel.test").back;
    const share = `https://stempel.test/join/${m.program.id}?s=referral&ref=${card.referralCode}`;
    expect(back.find((f) => f.key === "referral")?.value).toBe(share);
    expect(back.find((f) => f.key === "message")).toMatchObject({ label: "Deze week", value: "Nieuwe taart!", changeMessage: "%@" });
    expect(back.find((f) => f.key === "messageLink")?.value).toBe("https://example.nl/taart");
    const object = loyaltyObject(source.card, m.program.id, { issuerId: "3388000000000000000" } as never, "https://stempel.test");
    expect(object.linksModuleData.uris.find((u) => u.id === "referral")?.uri).toBe(share);
    // The web card reads the same message and share code.
    const web = (await getCustomerCard(card.webToken))!;
    expect(web.walletMessages[0]).toMatchObject({ header: "Deze week", link: "https://example.nl/taart" });
    expect(web.program.referralEnabled).toBe(true);

    await db().cardProgram.update({ where: { id: m.program.id }, data: { referralEnabled: false } });
    try {
      const off = (await passByWebToken(card.webToken))!;
      expect(passView(off.card, "https://stempel.test").back.some((f) => f.key === "referral")).toBe(false);
    } finally {
      await db().cardProgram.update({ where: { id: m.program.id }, data: { referralEnabled: true } });
    }
  });
});

describe("a referral", () => {
  it("links the friend as PENDING; after the friend's first stamp both get their bonus once, even with sweeps running at once", async () => {
    const referrer = await enroll();
    const friend = await enroll({ ref: referrer.referralCode });
    expect(friend.customer).toMatchObject({ source: "REFERRAL", referredByCustomerId: referrer.customerId });
    const referral = await referralOf(friend.customerId);
    expect(referral).toMatchObject({ status: "PENDING", blockedReason: null, referrerCustomerId: referrer.customerId, friendCardId: friend.id });

    // No visit yet: nothing to give.
    await grantDueBonuses(m.org.id);
    expect(await bonuses(referrer.id)).toHaveLength(0);

    await stamp(friend.serial);
    await Promise.all(Array.from({ length: 6 }, () => grantDueBonuses(m.org.id)));
    await grantDueBonuses(m.org.id);

    expect(await referralOf(friend.customerId)).toMatchObject({ status: "REWARDED", rewardedAt: expect.any(Date) });
    expect((await bonuses(referrer.id)).map((e) => e.amount)).toEqual([2]);
    expect((await bonuses(friend.id)).map((e) => e.amount)).toEqual([1]);
    expect(await db().card.findUniqueOrThrow({ where: { id: referrer.id } })).toMatchObject({ stampCount: 2 });
    expect(await db().card.findUniqueOrThrow({ where: { id: friend.id } })).toMatchObject({ stampCount: 2 });
    // A bonus is not a visit: the referrer, who never came in, has none.
    expect(await db().visit.count({ where: { organizationId: m.org.id, customerId: referrer.customerId } })).toBe(0);
  });

  it("a bonus can complete a reward, with the wallets told like after a stamp", async () => {
    const referrer = await enroll();
    await db().card.update({ where: { id: referrer.id }, data: { stampCount: 9, appleInstalls: 1 } });
    const friend = await enroll({ ref: referrer.referralCode });
    await stamp(friend.serial);
    const before = await db().card.findUniqueOrThrow({ where: { id: referrer.id } });
    await grantDueBonuses(m.org.id);
    const after = await db().card.findUniqueOrThrow({ where: { id: referrer.id } });
    expect(after).toMatchObject({ stampCount: 1, rewardsAvailable: 1 });
    expect(after.passUpdatedAt.getTime()).toBeGreaterThan(before.passUpdatedAt.getTime());
    const [event] = await bonuses(referrer.id);
    expect(event).toMatchObject({ stampDelta: -8, rewardDelta: 1 });
    const jobs = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'apple-card-changed' AND data->>'cardId' = $1`,
      referrer.id,
    );
    expect(jobs[0].n).toBeGreaterThan(0);
  });
});

describe("anti-farming", () => {
  it("blocks the referrer's own email or phone (SAME_CONTACT), silently: the friend still gets a card", async () => {
    const referrer = await enroll({ phone: "0612345678" });
    const sameEmail = await enroll({ ref: referrer.referralCode, email: referrer.customer.email! });
    expect(sameEmail.customer.referredByCustomerId).toBe(referrer.customerId);
    expect(await referralOf(sameEmail.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "SAME_CONTACT" });
    const samePhone = await enroll({ ref: referrer.referralCode, phone: "+31612345678" });
    expect(await referralOf(samePhone.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "SAME_CONTACT" });
    await stamp(samePhone.serial);
    await grantDueBonuses(m.org.id);
    expect(await bonuses(referrer.id)).toHaveLength(0);
  });

  it("blocks a sign-up from the referrer's browser (SAME_DEVICE)", async () => {
    const device = randomUUID();
    const referrer = await enroll({}, device);
    const friend = await enroll({ ref: referrer.referralCode }, device);
    expect(await referralOf(friend.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "SAME_DEVICE" });
  });

  it("blocks a friend who is not new: a known email, or a browser someone already enrolled from (NOT_NEW)", async () => {
    const referrer = await enroll();
    const other = await enroll({ email: "al-klant@example.nl" });
    const again = await enroll({ ref: referrer.referralCode, email: "nieuw-adres@example.nl" }, null);
    expect(await referralOf(again.customerId)).toMatchObject({ status: "PENDING" });
    const device = randomUUID();
    await enroll({ email: "eerder@example.nl" }, device);
    const sameBrowser = await enroll({ ref: referrer.referralCode, email: "ander-adres@example.nl" }, device);
    expect(await referralOf(sameBrowser.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "NOT_NEW" });
    const dup = await enroll({ ref: referrer.referralCode, email: other.customer.email! });
    expect(await referralOf(dup.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "NOT_NEW" });
  });

  it("blocks beyond the monthly limit, counted per calendar month in Europe/Amsterdam", async () => {
    await db().cardProgram.update({ where: { id: m.program.id }, data: { referralMonthlyLimit: 2 } });
    try {
      const referrer = await enroll();
      // This month's start in Amsterdam, as an instant.
      const now = new Date();
      const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" }).format(now); // "2026-11"
      const [y, mo] = local.split("-").map(Number);
      const offsetAt = (d: Date) => {
        const s = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Amsterdam", timeZoneName: "shortOffset" })
          .formatToParts(d)
          .find((p) => p.type === "timeZoneName")!.value;
        return Number(s.replace("GMT", "") || 0);
      };
      const guess = new Date(Date.UTC(y, mo - 1, 1));
      const monthStart = new Date(guess.getTime() - offsetAt(guess) * 3600_000);
      // One referral a minute before the month began (in Amsterdam: last month, though in UTC it may be this month's date).
      const old = await enroll();
      await db().referral.create({
        data: {
          organizationId: m.org.id,
          programId: m.program.id,
          referrerCustomerId: referrer.customerId,
          referrerCardId: referrer.id,
          friendCustomerId: old.customerId,
          friendCardId: old.id,
          createdAt: new Date(monthStart.getTime() - 60_000),
        },
      });
      const first = await enroll({ ref: referrer.referralCode });
      expect(await referralOf(first.customerId)).toMatchObject({ status: "PENDING" });
      // One this month, a minute after it began.
      const early = await enroll();
      await db().referral.create({
        data: {
          organizationId: m.org.id,
          programId: m.program.id,
          referrerCustomerId: referrer.customerId,
          referrerCardId: referrer.id,
          friendCustomerId: early.customerId,
          friendCardId: early.id,
          createdAt: new Date(monthStart.getTime() + 60_000),
        },
      });
      const third = await enroll({ ref: referrer.referralCode });
      expect(await referralOf(third.customerId)).toMatchObject({ status: "BLOCKED", blockedReason: "MONTHLY_LIMIT" });
    } finally {
      await db().cardProgram.update({ where: { id: m.program.id }, data: { referralMonthlyLimit: 5 } });
    }
  });

  it("re-checks the monthly limit when rewarding", async () => {
    await db().cardProgram.update({ where: { id: m.program.id }, data: { referralMonthlyLimit: 1 } });
    try {
      const referrer = await enroll();
      const a = await enroll({ ref: referrer.referralCode });
      // A second PENDING one slipped in (e.g. last month, or before the merchant lowered the limit).
      const b = await enroll();
      await db().referral.create({
        data: {
          organizationId: m.org.id,
          programId: m.program.id,
          referrerCustomerId: referrer.customerId,
          referrerCardId: referrer.id,
          friendCustomerId: b.customerId,
          friendCardId: b.id,
        },
      });
      await stamp(a.serial);
      await stamp(b.serial);
      await grantDueBonuses(m.org.id);
      const statuses = [await referralOf(a.customerId), await referralOf(b.customerId)].map((r) => `${r!.status}:${r!.blockedReason ?? ""}`).sort();
      expect(statuses).toEqual(["BLOCKED:MONTHLY_LIMIT", "REWARDED:"]);
      expect(await bonuses(referrer.id)).toHaveLength(1);
    } finally {
      await db().cardProgram.update({ where: { id: m.program.id }, data: { referralMonthlyLimit: 5 } });
    }
  });

  it("referrals off: a plain sign-up, no Referral row", async () => {
    const referrer = await enroll();
    await db().cardProgram.update({ where: { id: m.program.id }, data: { referralEnabled: false } });
    try {
      const friend = await enroll({ ref: referrer.referralCode, source: "poster" });
      expect(friend.customer).toMatchObject({ source: "POSTER", referredByCustomerId: null });
      expect(await referralOf(friend.customerId)).toBeNull();
    } finally {
      await db().cardProgram.update({ where: { id: m.program.id }, data: { referralEnabled: true } });
    }
  });
});
