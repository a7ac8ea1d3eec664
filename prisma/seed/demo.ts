// Demo merchant "Koffiebar De Hoek" (Utrecht): 2 locations, owner, manager,
// 2 baristas, one published card (10 stamps, free cookie at 5) and ~300
// customers with six months of visits. Idempotent: a second run changes nothing.
import type { Db } from "@/lib/db/client";
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import { buildCustomerHistory, insertHistories, seedMembership, seedOrganization, seedProgram, seedUser } from "./factories";
import { rng, type Rng } from "./random";
import { FIRST_NAMES, LAST_NAMES } from "./names";

export const DEMO = {
  slug: "koffiebar-de-hoek",
  password: "stempel-demo",
  owner: "owner@dehoek.test",
  manager: "manager@dehoek.test",
  staff: ["sanne@dehoek.test", "daan@dehoek.test"],
  // Tablet PINs (each person picks their name first, so PINs need not be unique): owner, manager, then the baristas.
  pins: { owner: "1111", manager: "2222", staff: ["1234", "2345"] },
  customers: 300,
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
  const locations = await Promise.all(
    [
      { name: "De Hoek Oudegracht", address: "Oudegracht 120", city: "Utrecht" },
      { name: "De Hoek Lombok", address: "Kanaalstraat 45", city: "Utrecht" },
    ].map((l) => db.location.create({ data: { ...l, organizationId: org.id, createdAt: new Date(start) } })),
  );
  const program = await seedProgram(db, org.id);
  const staff = baristas.map((b, i) => ({ userId: b.id, locationId: locations[i].id }));

  const usedEmails = new Set<string>();
  const histories = [];
  for (let i = 0; i < DEMO.customers; i++) {
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
  await insertHistories(db, histories);
  return { organizationId: org.id, created: true };
}

/** What `npm start` prints: a program to enroll in and one customer's card. */
export async function demoLinks(db: Db) {
  const org = await db.organization.findUnique({ where: { slug: DEMO.slug } });
  if (!org) return null;
  const program = await db.cardProgram.findFirst({ where: { organizationId: org.id, status: "PUBLISHED" }, orderBy: { createdAt: "asc" } });
  const card = await db.card.findFirst({ where: { organizationId: org.id }, orderBy: { totalStamps: "desc" }, include: { customer: true } });
  return { org, program, card };
}
