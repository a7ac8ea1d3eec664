// Demo merchant "Koffiebar De Hoek" (Utrecht): 2 locations, owner, manager,
// 2 baristas, one published card (10 stamps, free cookie at 5) and ~300
// customers with six months of visits. For Inzichten: the customer questions
// are on and about half the returning customers answered them, some came on a
// friend's recommendation, cards were opened, and two things for the staff
// view to notice (late stamps after closing, one card at both shops minutes
// apart). Idempotent: a second run changes nothing.
import type { Db } from "@/lib/db/client";
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import { buildCustomerHistory, insertHistories, seedMembership, seedOrganization, seedProgram, seedUser } from "./factories";
import { rng, type Rng } from "./random";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { FIRST_NAMES, LAST_NAMES } from "./names";

export const DEMO = {
  slug: "koffiebar-de-hoek",
  password: "stempel-demo",
  owner: "owner@dehoek.test",
  manager: "manager@dehoek.test",
  staff: ["sanne@dehoek.test", "daan@dehoek.test"],
  // Tablet PINs (each person picks their name first, so PINs need not be unique): owner, manager, then the baristas.
  pins: { owner: "1111", manager: "2222", staff: ["1234", "2345"] },
  // Customers with ordinary histories, plus the four of the staff view (staffOddities).
  customers: 304,
};

const SOURCES: AcquisitionSource[] = ["POSTER", "POSTER", "POSTER", "TABLE_TENT", "TABLE_TENT", "COUNTER", "COUNTER", "WEBSITE", "SOCIAL", "REFERRAL"];

const DAY = 24 * 3600 * 1000;

/** Visits in opening hours (07:30–18:00) from `from` to `to`, every `gapDays` on average. */
function visits(rand: Rng, from: number, to: number, gapDays: [number, number]) {
  const out: { at: Date; stamps: number }[] = [];
  for (let t = from; t < to; t += (rand.int(gapDays[0] * 10, gapDays[1] * 10) * DAY) / 10) {
    const day = new Date(t);
    day.setUTCHours(6, 30, 0, 0); // 07:30 Amsterdam (winter time)
    const at = new Date(day.getTime() + rand.int(0, 10.5 * 60) * 60_000);
    if (at.getTime() < to) out.push({ at, stamps: rand.chance(0.12) ? 2 : 1 });
  }
  return out;
}

export async function seedDemo(db: Db, options: { now?: Date } = {}) {
  const existing = await db.organization.findUnique({ where: { slug: DEMO.slug } });
  if (existing) return { organizationId: existing.id, created: false };

  const now = (options.now ?? new Date()).getTime();
  const start = now - 182 * DAY;
  const rand = rng(20261125);
  const owner = await seedUser(db, { email: DEMO.owner, name: "Marieke de Hoek", password: DEMO.password });
  const created = await seedOrganization(db, { name: "Koffiebar De Hoek", slug: DEMO.slug, owner, now: new Date(start) });
  // The demo merchant is mid-trial, so the dashboard shows what a new merchant sees.
  // Its QR poster went up on day one (the onboarding checklist has nothing left to ask).
  const org = await db.organization.update({ where: { id: created.id }, data: { trialEndsAt: new Date(now + 14 * DAY), posterDownloadedAt: new Date(start) } });
  const manager = await seedUser(db, { email: DEMO.manager, name: "Jeroen Visser", password: DEMO.password });
  await seedMembership(db, org.id, manager.id, "MANAGER", DEMO.pins.manager);
  await seedMembership(db, org.id, owner.id, "OWNER", DEMO.pins.owner);
  const baristas = [];
  for (const [i, email] of DEMO.staff.entries()) {
    const user = await seedUser(db, { email, name: ["Sanne Bakker", "Daan Mulder"][i], password: DEMO.password });
    await seedMembership(db, org.id, user.id, "STAFF", DEMO.pins.staff[i]);
    baristas.push(user);
  }
  // Open every day 07:30–19:00 (the visits below fall in 07:30–18:00 winter time, 08:30–19:00 summer time).
  const hours = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["07:30", "19:00"]]]));
  const locations = await Promise.all(
    [
      { name: "De Hoek Oudegracht", address: "Oudegracht 120", city: "Utrecht" },
      { name: "De Hoek Lombok", address: "Kanaalstraat 45", city: "Utrecht" },
    ].map((l) => db.location.create({ data: { ...l, organizationId: org.id, openingHours: hours, createdAt: new Date(start) } })),
  );
  const seeded = await seedProgram(db, org.id);
  const program = await db.cardProgram.update({
    where: { id: seeded.id },
    // Bring a friend is on (lib/referrals): +1 stamp each after the friend's first visit.
    data: { surveySatisfaction: true, surveyNps: true, surveyCli: true, referralEnabled: true, referralBonusStamps: 1, referralFriendBonusStamps: 1 },
  });
  const staff = baristas.map((b, i) => ({ userId: b.id, locationId: locations[i].id }));

  const usedEmails = new Set<string>();
  const histories = [];
  const personas: string[] = [];
  for (let i = 0; i < DEMO.customers - 4; i++) {
    const first = rand.pick(FIRST_NAMES);
    const last = rand.pick(LAST_NAMES);
    const persona = rand.next();
    let joined: number;
    let history: { at: Date; stamps: number }[];
    if (persona < 0.15) {
      joined = start + rand.int(0, 30) * DAY; // regulars: 2–4 times a week
      history = visits(rand, joined, now, [1, 3]);
    } else if (persona < 0.5) {
      joined = start + rand.int(0, 150) * DAY; // occasional: every 1–3 weeks
      history = visits(rand, joined, now, [6, 20]);
    } else if (persona < 0.8) {
      joined = start + rand.int(0, 60) * DAY; // lapsed: active a while, then gone
      history = visits(rand, joined, joined + rand.int(20, 80) * DAY, [3, 10]);
    } else {
      joined = now - rand.int(1, 28) * DAY; // new
      history = visits(rand, joined, now, [4, 12]).slice(0, rand.int(1, 3));
    }
    const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    let email: string | null = rand.chance(0.7) ? `${handle}${i}@example.nl` : null;
    if (email && usedEmails.has(email)) email = null;
    if (email) usedEmails.add(email);
    personas.push(persona < 0.15 ? "regular" : persona < 0.5 ? "occasional" : persona < 0.8 ? "lapsed" : "new");
    histories.push(
      buildCustomerHistory({
        organizationId: org.id,
        program,
        rand,
        staff,
        visits: history,
        customer: {
          name: `${first} ${last}`,
          email,
          phone: rand.chance(0.4) ? `+316${String(10000000 + i * 7919).slice(0, 8)}` : null,
          birthday: rand.chance(0.3) ? new Date(Date.UTC(rand.int(1955, 2006), rand.int(0, 11), rand.int(1, 28))) : null,
          marketingConsent: rand.chance(0.55),
          source: rand.pick(SOURCES),
          joinedAt: new Date(joined),
        },
      }),
    );
  }
  histories.push(...staffOddities(org.id, program, rand, now, staff));
  await insertHistories(db, histories);
  await seedEngagement(db, org.id, rand, now, histories, personas);
  await refreshInsights(org.id, new Date(now));
  return { organizationId: org.id, created: true };
}

/**
 * For the staff view: three friends of a barista stamped after closing time on
 * the last twelve evenings, and one card stamped at both shops ten minutes apart.
 */
function staffOddities(
  organizationId: string,
  program: { id: string; stampsRequired: number; intermediateStamp: number | null },
  rand: Rng,
  now: number,
  staff: { userId: string; locationId: string }[],
) {
  const evening = (daysAgo: number) => {
    const d = new Date(now - daysAgo * DAY);
    d.setUTCHours(18, 40 + rand.int(0, 50), 0, 0); // 19:40–20:30 Amsterdam winter time, after closing
    return d;
  };
  const friend = (name: string) =>
    buildCustomerHistory({
      organizationId,
      program,
      rand,
      staff,
      visits: Array.from({ length: 12 }, (_, k) => ({ at: evening(12 - k), stamps: 2, staff: staff[1] })),
      customer: { name, email: null, phone: null, birthday: null, marketingConsent: false, source: "STAFF", joinedAt: new Date(now - 13 * DAY) },
    });
  const noon = new Date(now - 3 * DAY);
  noon.setUTCHours(11, 0, 0, 0);
  const twoShops = buildCustomerHistory({
    organizationId,
    program,
    rand,
    staff,
    visits: [
      { at: noon, stamps: 1, staff: staff[0] },
      { at: new Date(noon.getTime() + 10 * 60_000), stamps: 1, staff: staff[1] },
    ],
    customer: { name: "Tim Dubbel", email: null, phone: null, birthday: null, marketingConsent: false, source: "COUNTER", joinedAt: new Date(now - 4 * DAY) },
  });
  return [friend("Bas Avond"), friend("Iris Avond"), friend("Rick Avond"), twoShops];
}

/**
 * Answers to the customer questions (NPS with CLI, satisfaction), cards opened,
 * and friends brought along — shaped by persona, so the loyalty matrix has all
 * four cells filled. No passes: an install exists only with a real wallet
 * registration (the wallet specs add one and count it).
 */
async function seedEngagement(
  db: Db,
  organizationId: string,
  rand: Rng,
  now: number,
  histories: ReturnType<typeof buildCustomerHistory>[],
  personas: string[],
) {
  const members = await db.membership.findMany({ where: { organizationId, role: "STAFF" }, orderBy: { createdAt: "asc" }, select: { id: true, userId: true } });
  const memberOf = new Map(members.map((m) => [m.userId, m.id]));
  const answers = [];
  const regulars: string[] = [];
  for (const [i, h] of histories.entries()) {
    const persona = personas[i] ?? "oddity";
    const stamps = h.events.filter((e) => e.type === "STAMP");
    const last = stamps.at(-1);
    if (persona === "regular") regulars.push(h.customer.id);
    if (!last) continue;
    const where = { locationId: last.locationId, membershipId: last.actorUserId ? (memberOf.get(last.actorUserId) ?? null) : null };
    const base = { organizationId, customerId: h.customer.id, cardId: h.card.id, ...where };
    // Regulars mostly promoters, occasional guests in between, lapsed ones cooler; a few regulars only come out of habit.
    const recommend =
      persona === "regular" ? (rand.chance(0.2) ? rand.int(4, 7) : rand.int(8, 10)) : persona === "occasional" ? rand.int(6, 10) : rand.int(2, 8);
    if (stamps.length >= 3 && rand.chance(0.5)) {
      const at = new Date(Math.min(now - 60_000, stamps[2].createdAt.getTime() + rand.int(1, 48) * 3600_000));
      answers.push({
        ...base,
        kind: "NPS" as const,
        score: recommend,
        comeBack: Math.min(10, recommend + rand.int(0, 1)),
        tryOther: Math.max(0, recommend - rand.int(0, 3)),
        comment: rand.chance(0.25) ? rand.pick(COMMENTS[recommend >= 9 ? "high" : recommend >= 7 ? "mid" : "low"]) : null,
        createdAt: at,
      });
    }
    if (now - last.createdAt.getTime() < 60 * DAY && rand.chance(0.35)) {
      answers.push({
        ...base,
        kind: "SATISFACTION" as const,
        score: Math.max(1, Math.min(5, Math.round(recommend / 2))),
        createdAt: new Date(last.createdAt.getTime() + 3600_000),
      });
    }
  }
  await db.surveyAnswer.createMany({ data: answers.filter((a) => a.createdAt.getTime() < now) });
  // Some who came "via a friend" name the friend: regulars who recommend us become ambassadors.
  // Each such link is a Referral (lib/referrals): rewarded once the friend came in, else still pending.
  const referred = histories.filter((h) => h.customer.source === "REFERRAL");
  const cardOf = new Map<string, string>(histories.map((h) => [h.customer.id, h.card.id]));
  for (const h of referred) {
    if (regulars.length && rand.chance(0.6)) {
      const referrer = rand.pick(regulars);
      if (referrer === h.customer.id) continue;
      await db.customer.update({ where: { id: h.customer.id }, data: { referredByCustomerId: referrer } });
      const firstStamp = h.events.find((e) => e.type === "STAMP")?.createdAt ?? null;
      await db.referral.create({
        data: {
          organizationId,
          programId: h.card.programId,
          referrerCustomerId: referrer,
          referrerCardId: cardOf.get(referrer)!,
          friendCustomerId: h.customer.id,
          friendCardId: h.card.id,
          status: firstStamp ? "REWARDED" : "PENDING",
          rewardedAt: firstStamp,
          createdAt: h.customer.createdAt,
        },
      });
    }
  }
  // Cards opened on the phone: most regulars, fewer of the rest.
  for (const [i, h] of histories.entries()) {
    const p = personas[i] === "regular" ? 0.8 : personas[i] === "occasional" ? 0.5 : 0.25;
    if (rand.chance(p * 0.5)) await db.card.update({ where: { id: h.card.id }, data: { webOpenedAt: new Date(now - rand.int(1, 40) * DAY) } });
  }
}

const COMMENTS = {
  high: ["Beste cappuccino van Utrecht!", "Altijd vriendelijk, voelt als thuiskomen.", "Top plek om te werken.", "Heerlijke koekjes bij de koffie."],
  mid: ["Lekker, maar soms lang wachten.", "Goede koffie, wel wat prijzig.", "Prima, al is het 's ochtends erg druk."],
  low: ["Muziek staat te hard.", "Mijn bestelling was vergeten.", "Weinig zitplekken."],
};

/** What `npm start` prints: a program to enroll in and one customer's card. */
export async function demoLinks(db: Db) {
  const org = await db.organization.findUnique({ where: { slug: DEMO.slug } });
  if (!org) return null;
  const program = await db.cardProgram.findFirst({ where: { organizationId: org.id, status: "PUBLISHED" }, orderBy: { createdAt: "asc" } });
  const card = await db.card.findFirst({ where: { organizationId: org.id }, orderBy: { totalStamps: "desc" }, include: { customer: true } });
  return { org, program, card };
}
