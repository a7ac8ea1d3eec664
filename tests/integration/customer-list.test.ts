// Issue 13: the customer list's search, filters, sort and pagination against a
// hand-built set of 15 customers with known answers (2 programs, 2 locations,
// sources, consents, tags, an erased customer and one without a card), and a
// second merchant whose look-alike customers must never appear.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { customerFilterOptions, listCustomers } from "@/lib/customers/list-customers";
import { addTag, addTagToFiltered, removeTag, setNote } from "@/lib/customers/tags";
import { parseCustomerListParams, DEFAULT_LIST, type CustomerListParams } from "@/lib/validation/customers";
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import { applyCardAction } from "@/lib/stamping/card-action";
import { errorKey, makeMerchant, appError, newCard, tablet, type Merchant } from "./helpers";

let a: Merchant;
let b: Merchant;
const ids: Record<number, string> = {}; // customer number → id (merchant A)
let lunch: { id: string };
let lunchB: { id: string };
let centrum: string;
let station: string;
let stationB: string;

type CardSpec = { program: "coffee" | "lunch"; last?: string; at?: "centrum" | "station"; rewards?: number; inter?: number; serial: string; erased?: boolean };
type Spec = {
  n: number;
  name: string;
  email?: string;
  phone?: string;
  source: AcquisitionSource;
  consent: boolean;
  joined: string;
  cards: CardSpec[];
  tags?: string[];
};

// Times are UTC; the merchant is in Europe/Amsterdam (UTC+2 in summer).
const A: Spec[] = [
  {
    n: 1,
    name: "José García",
    email: "jose.garcia@example.nl",
    phone: "+31612345678",
    source: "POSTER",
    consent: true,
    joined: "2026-01-05T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-03-10T09:00:00Z", at: "centrum", rewards: 1, serial: "K7QM-2XHD-9P" }],
    tags: ["VIP"],
  },
  {
    n: 2,
    name: "Zoë de Vries",
    email: "zoe@example.nl",
    source: "TABLE_TENT",
    consent: false,
    joined: "2026-01-10T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-02-01T09:00:00Z", at: "station", serial: "AAAA-BBBB-22" }],
  },
  {
    n: 3,
    name: "Anaïs Müller",
    email: "anais.muller@example.nl",
    phone: "+31687654321",
    source: "COUNTER",
    consent: true,
    joined: "2026-02-01T10:00:00Z",
    cards: [
      { program: "coffee", last: "2026-04-15T09:00:00Z", at: "centrum", inter: 1, serial: "AAAA-BBBB-23" },
      { program: "lunch", last: "2026-05-20T11:00:00Z", at: "station", serial: "AAAA-BBBB-24" },
    ],
    tags: ["Student"],
  },
  {
    n: 4,
    name: "Jan Bakker",
    email: "jan.bakker@example.nl",
    source: "POSTER",
    consent: false,
    joined: "2026-02-14T10:00:00Z",
    cards: [{ program: "lunch", last: "2026-02-20T11:00:00Z", at: "centrum", serial: "AAAA-BBBB-25" }],
  },
  {
    n: 5,
    name: "Joost Jansen",
    phone: "+31611112222",
    source: "WEBSITE",
    consent: true,
    joined: "2026-03-01T10:00:00Z",
    cards: [{ program: "coffee", serial: "AAAA-BBBB-26" }],
  },
  {
    n: 6,
    name: "Emma Bakker",
    email: "emma@bakker.nl",
    source: "SOCIAL",
    consent: true,
    joined: "2026-03-15T10:00:00Z",
    // 00:30 on 1 June in Amsterdam, still 31 May in UTC.
    cards: [{ program: "coffee", last: "2026-05-31T22:30:00Z", at: "station", rewards: 2, serial: "AAAA-BBBB-27" }],
    tags: ["VIP", "Student"],
  },
  {
    n: 7,
    name: "Noah Visser",
    email: "noah@example.nl",
    source: "REFERRAL",
    consent: false,
    joined: "2026-04-01T10:00:00Z",
    cards: [
      { program: "coffee", last: "2026-04-02T09:00:00Z", at: "centrum", serial: "AAAA-BBBB-28" },
      { program: "lunch", last: "2026-03-30T11:00:00Z", at: "station", serial: "AAAA-BBBB-29" },
    ],
  },
  {
    n: 8,
    name: "Émile Dubois",
    source: "POSTER",
    consent: false,
    joined: "2026-04-20T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-05-05T09:00:00Z", at: "station", serial: "AAAA-BBBB-2A" }],
  },
  {
    n: 9,
    name: "Sanne Smit",
    email: "sanne.smit@example.nl",
    phone: "+31698765432",
    source: "COUNTER",
    consent: true,
    joined: "2026-05-01T10:00:00Z",
    cards: [{ program: "lunch", last: "2026-05-02T11:00:00Z", at: "centrum", rewards: 1, serial: "AAAA-BBBB-2B" }],
  },
  {
    n: 10,
    name: "Lotte Mulder",
    email: "lotte@example.nl",
    source: "TABLE_TENT",
    consent: false,
    joined: "2026-05-15T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-06-10T09:00:00Z", at: "centrum", serial: "AAAA-BBBB-2C" }],
    tags: ["Buurman"],
  },
  {
    n: 11,
    name: "Daan de Jong",
    email: "daan@example.nl",
    source: "STAFF",
    consent: true,
    joined: "2026-05-31T22:15:00Z", // 1 June, 00:15 in Amsterdam
    cards: [{ program: "coffee", last: "2026-06-02T09:00:00Z", at: "station", serial: "AAAA-BBBB-2D" }],
  },
  {
    n: 12,
    name: "Fenna Bos",
    phone: "+31633334444",
    source: "POSTER",
    consent: false,
    joined: "2026-06-10T10:00:00Z",
    cards: [{ program: "coffee", serial: "AAAA-BBBB-2E" }],
  },
  // Erased on request: no name, contact details or consent left; the card keeps its numbers.
  {
    n: 13,
    name: "",
    source: "POSTER",
    consent: false,
    joined: "2026-01-20T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-01-21T09:00:00Z", at: "centrum", serial: "AAAA-BBBB-2F", erased: true }],
  },
  { n: 14, name: "Pieter Kok", email: "pieter@kok.nl", source: "POSTER", consent: true, joined: "2026-06-20T10:00:00Z", cards: [] },
  {
    n: 15,
    name: "Jose Ramírez",
    email: "jose.r@example.nl",
    source: "COUNTER",
    consent: false,
    joined: "2026-02-28T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-03-20T09:00:00Z", at: "station", serial: "AAAA-BBBB-2G" }],
  },
];

// Merchant B: look-alikes of A's customers (same name, phone, tag, a near-identical card number).
const B: Spec[] = [
  {
    n: 101,
    name: "José Banaan",
    email: "jose@b.nl",
    phone: "+31612345678",
    source: "POSTER",
    consent: true,
    joined: "2026-03-01T10:00:00Z",
    cards: [{ program: "lunch", last: "2026-05-01T09:00:00Z", at: "station", rewards: 1, serial: "K7QM-2XHD-9Q" }],
    tags: ["VIP"],
  },
  {
    n: 102,
    name: "Emma Bakker",
    email: "emma@bakker.nl",
    source: "POSTER",
    consent: true,
    joined: "2026-03-02T10:00:00Z",
    cards: [{ program: "coffee", last: "2026-05-02T09:00:00Z", at: "centrum", serial: "CCCC-DDDD-22" }],
  },
];

async function build(m: Merchant, specs: Spec[], programs: { coffee: string; lunch: string }, locations: { centrum: string; station: string }) {
  for (const s of specs) {
    const id = `lc-${m.org.id.slice(-6)}-${String(s.n).padStart(3, "0")}`;
    if (m === a) ids[s.n] = id;
    // As the stamp path keeps it: the latest stamp on any of their cards, and where.
    const latest = s.cards.filter((k) => k.last).sort((x, y) => y.last!.localeCompare(x.last!))[0];
    await db().customer.create({
      data: {
        id,
        organizationId: m.org.id,
        name: s.name,
        email: s.email ?? null,
        phone: s.phone ?? null,
        source: s.source,
        marketingConsent: s.consent,
        createdAt: new Date(s.joined),
        lastVisitAt: latest ? new Date(latest.last!) : null,
        lastVisitLocationId: latest ? locations[latest.at!] : null,
      },
    });
    for (const [i, k] of s.cards.entries()) {
      await db().card.create({
        data: {
          id: `${id}-k${i}`,
          organizationId: m.org.id,
          programId: programs[k.program],
          customerId: id,
          serial: k.serial,
          authToken: randomUUID(),
          webToken: randomUUID(),
          rewardsAvailable: k.rewards ?? 0,
          intermediateAvailable: k.inter ?? 0,
          stampCount: 3,
          lastStampAt: k.last ? new Date(k.last) : null,
          lastLocationId: k.at ? locations[k.at] : null,
          erasedAt: k.erased ? new Date(k.last!) : null,
          createdAt: new Date(new Date(s.joined).getTime() + i * 1000),
        },
      });
    }
    for (const tag of s.tags ?? []) await db().customerTag.create({ data: { organizationId: m.org.id, customerId: id, tag } });
  }
}

beforeAll(async () => {
  a = await makeMerchant("Koffiebar Lijst", { customers: 0 });
  b = await makeMerchant("Koffiebar Ander", { customers: 0 });
  centrum = a.location.id;
  station = (await db().location.create({ data: { organizationId: a.org.id, name: "Station" } })).id;
  stationB = (await db().location.create({ data: { organizationId: b.org.id, name: "Station" } })).id;
  lunch = await db().cardProgram.create({
    data: { organizationId: a.org.id, name: "Lunchkaart", stampsRequired: 8, rewardText: "Gratis broodje", status: "PUBLISHED" },
  });
  lunchB = await db().cardProgram.create({
    data: { organizationId: b.org.id, name: "Lunchkaart", stampsRequired: 8, rewardText: "Gratis broodje", status: "PUBLISHED" },
  });
  await build(a, A, { coffee: a.program.id, lunch: lunch.id }, { centrum, station });
  await build(b, B, { coffee: b.program.id, lunch: lunchB.id }, { centrum: b.location.id, station: stationB });
});

const list = (params: Partial<CustomerListParams> = {}, m: Merchant = a) => listCustomers(m.ctx("MANAGER"), { ...DEFAULT_LIST, size: 100, ...params });
/** The customer numbers of a list, as a set (search and filters) or in order (sorts). */
const nums = async (params: Partial<CustomerListParams>) => {
  const r = await list(params);
  const byId = Object.fromEntries(Object.entries(ids).map(([n, id]) => [id, Number(n)]));
  const ns = r.rows.map((row) => byId[row.id] ?? -1);
  expect(r.total).toBe(ns.length);
  return ns;
};
const found = async (params: Partial<CustomerListParams>) => (await nums(params)).sort((x, y) => x - y);

describe("search", () => {
  it.each([
    ["jose", [1, 15]],
    ["JOSÉ", [1, 15]], // case and accents ignored, both ways
    ["garcia", [1]],
    ["muller", [3]],
    ["Müller", [3]],
    ["emile", [8]],
    ["bakker", [4, 6]], // names and emails
    ["jan bakker", [4]], // every word, any order
    ["bakker jan", [4]],
    ["@bakker.nl", [6]],
    ["example.nl", [1, 2, 3, 4, 7, 9, 10, 11, 15]],
    ["jo", [1, 5, 15]], // two letters: names starting with them
    ["xyz", []],
  ])("%s", async (q, expected) => {
    expect(await found({ q })).toEqual(expected);
  });

  it.each([
    ["0612345678", [1]], // national notation, stored as +31…
    ["06-1234 5678", [1]],
    ["+31 6 8765", [3]],
    ["1111", [5]],
    ["0031 6 3333", [12]],
  ])("phone %s", async (q, expected) => {
    expect(await found({ q })).toEqual(expected);
  });

  it.each([
    ["K7QM-2XHD-9P", [1]],
    ["k7qm2xhd9p", [1]], // without dashes, any case
    ["2XHD", [1]],
    ["qm-2x", [1]],
    ["BBBB-2", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15]], // not the erased card (13): its number was retired
  ])("card number %s", async (q, expected) => {
    expect(await found({ q })).toEqual(expected);
  });

  it("treats LIKE wildcards and quotes as text", async () => {
    for (const q of ["%", "_", "\\", "'", "jo%", "%%%%"]) expect(await found({ q })).toEqual([]);
  });
});

describe("filters", () => {
  it("by card program", async () => {
    expect(await found({ program: lunch.id })).toEqual([3, 4, 7, 9]);
    expect(await found({ program: a.program.id })).toEqual([1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15]);
  });

  it("by source", async () => {
    expect(await found({ source: "POSTER" })).toEqual([1, 4, 8, 12, 13, 14]);
    expect(await found({ source: "STAFF" })).toEqual([11]);
  });

  it("by marketing consent", async () => {
    expect(await found({ consent: "yes" })).toEqual([1, 3, 5, 6, 9, 11, 14]);
    expect(await found({ consent: "no" })).toEqual([2, 4, 7, 8, 10, 12, 13, 15]);
  });

  it("by reward waiting (main or intermediate)", async () => {
    expect(await found({ reward: "yes" })).toEqual([1, 3, 6, 9]);
    expect(await found({ reward: "no" })).toEqual([2, 4, 5, 7, 8, 10, 11, 12, 13, 14, 15]);
  });

  it("by location of the last visit (the latest card's, not any card's)", async () => {
    expect(await found({ location: centrum })).toEqual([1, 4, 7, 9, 10, 13]);
    expect(await found({ location: station })).toEqual([2, 3, 6, 8, 11, 15]);
  });

  it("by last visit between two days, in the merchant's time zone", async () => {
    expect(await found({ lastVisitFrom: "2026-04-01", lastVisitTo: "2026-05-31" })).toEqual([3, 7, 8, 9]);
    // Anaïs's coffee card was stamped in April, but her last visit (lunch) was in May.
    expect(await found({ lastVisitFrom: "2026-04-01", lastVisitTo: "2026-04-30" })).toEqual([7]);
    expect(await found({ lastVisitFrom: "2026-06-01" })).toEqual([6, 10, 11]);
    // Never visited is not "last visit before".
    expect(await found({ lastVisitTo: "2026-02-28" })).toEqual([2, 4, 13]);
  });

  it("by joined between two days, in the merchant's time zone", async () => {
    expect(await found({ joinedFrom: "2026-06-01" })).toEqual([11, 12, 14]);
    expect(await found({ joinedTo: "2026-01-31" })).toEqual([1, 2, 13]);
    expect(await found({ joinedFrom: "2026-02-01", joinedTo: "2026-02-28" })).toEqual([3, 4, 15]);
  });

  it("by tag, ignoring case", async () => {
    expect(await found({ tag: "VIP" })).toEqual([1, 6]);
    expect(await found({ tag: "vip" })).toEqual([1, 6]);
    expect(await found({ tag: "Student" })).toEqual([3, 6]);
    expect(await found({ tag: "nope" })).toEqual([]);
  });

  it("combines search and filters", async () => {
    expect(await found({ program: a.program.id, consent: "yes", reward: "yes" })).toEqual([1, 3, 6]);
    expect(await found({ q: "bakker", tag: "VIP" })).toEqual([6]);
    expect(await found({ q: "example", location: station, lastVisitFrom: "2026-03-01" })).toEqual([3, 11, 15]);
  });
});

describe("sort and pagination", () => {
  it("by name, accents and case ignored", async () => {
    const asc = [13, 3, 11, 8, 6, 12, 4, 5, 1, 15, 10, 7, 14, 9, 2];
    expect(await nums({ sort: "name", dir: "asc" })).toEqual(asc);
    expect(await nums({ sort: "name", dir: "desc" })).toEqual([...asc].reverse());
  });

  it("by joined", async () => {
    const asc = [1, 2, 13, 3, 4, 15, 5, 6, 7, 8, 9, 10, 11, 12, 14];
    expect(await nums({ sort: "joined", dir: "asc" })).toEqual(asc);
    expect(await nums({ sort: "joined", dir: "desc" })).toEqual([...asc].reverse());
  });

  it("by last visit: never visited last when newest first, first when oldest first", async () => {
    expect(await nums({ sort: "lastVisit", dir: "desc" })).toEqual([10, 11, 6, 3, 8, 9, 7, 15, 1, 4, 2, 13, 14, 12, 5]);
    expect(await nums({ sort: "lastVisit", dir: "asc" })).toEqual([5, 12, 14, 13, 2, 4, 1, 15, 7, 9, 8, 3, 6, 11, 10]);
    expect(await nums({ sort: "lastVisit", dir: "desc", consent: "yes" })).toEqual([11, 6, 3, 9, 1, 14, 5]);
  });

  it("pages with the total, the last page clamped", async () => {
    const all = [10, 11, 6, 3, 8, 9, 7, 15, 1, 4, 2, 13, 14, 12, 5];
    for (const size of [4, 5, 7]) {
      const pages = Math.ceil(15 / size);
      for (let page = 1; page <= pages + 1; page++) {
        const r = await list({ sort: "lastVisit", dir: "desc", size, page });
        const expected = Math.min(page, pages);
        expect({ size, page: r.page, pages: r.pages, total: r.total }).toEqual({ size, page: expected, pages, total: 15 });
        expect(r.rows.map((row) => row.id)).toEqual(all.slice((expected - 1) * size, expected * size).map((n) => ids[n]));
      }
    }
    const named = await list({ sort: "name", dir: "asc", size: 5, page: 2 });
    expect(named.rows.map((r) => r.id)).toEqual([12, 4, 5, 1, 15].map((n) => ids[n]));
  });

  it("an empty result is page 1 of 1", async () => {
    expect(await list({ q: "xyz", page: 9 })).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 });
  });
});

describe("rows", () => {
  it("show cards, rewards waiting by name, last visit with its location, consent and tags", async () => {
    const { rows } = await list({ q: "anais" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Anaïs Müller",
      email: "anais.muller@example.nl",
      phone: "+31687654321",
      source: "COUNTER",
      marketingConsent: true,
      erased: false,
      joinedAt: new Date("2026-02-01T10:00:00Z"),
      rewardsWaiting: [{ reward: "Gratis koekje", count: 1 }],
      lastVisit: { at: new Date("2026-05-20T11:00:00Z"), locationId: station, locationName: "Station" },
      tags: ["Student"],
    });
    expect(rows[0].cards.map((k) => [k.programName, k.stampCount, k.stampsRequired])).toEqual([
      ["Koffiekaart", 3, 10],
      ["Lunchkaart", 3, 8],
    ]);
    const [emma] = (await list({ q: "emma" })).rows;
    expect(emma.rewardsWaiting).toEqual([{ reward: "Gratis koffie naar keuze", count: 2 }]);
    expect(emma.tags).toEqual(["Student", "VIP"]);
  });

  it("mark an erased customer and leave a never-visited one without a last visit", async () => {
    const { rows } = await list({ joinedTo: "2026-01-20", joinedFrom: "2026-01-20" });
    expect(rows.map((r) => [r.id, r.erased, r.name])).toEqual([[ids[13], true, ""]]);
    const [joost] = (await list({ q: "joost" })).rows;
    expect(joost.lastVisit).toBeNull();
  });
});

describe("last visit", () => {
  // The stamp path keeps Customer.lastVisitAt / lastVisitLocationId in the stamp's
  // own statement (lib/stamping/card-action.ts), and Card.lastLocationId with lastStampAt.
  it("a stamp on the tablet moves the customer's last visit to now, at the tablet's location", async () => {
    const m = await makeMerchant("Koffiebar Stempel", { customers: 0 });
    const t = await tablet(m, "4821");
    const card = await newCard(m, "Vera Stempel");
    const before = Date.now();
    await applyCardAction(t.sessionToken, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID() });
    const customer = await db().customer.findUniqueOrThrow({ where: { id: card.customerId } });
    expect(customer.lastVisitLocationId).toBe(m.location.id);
    expect(customer.lastVisitAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).lastLocationId).toBe(m.location.id);
    const { rows } = await listCustomers(m.ctx("MANAGER"), { ...DEFAULT_LIST, sort: "lastVisit", location: m.location.id });
    expect(rows.map((r) => [r.name, r.lastVisit?.locationName])).toEqual([["Vera Stempel", m.location.name]]);
  });
});

describe("bad parameters", () => {
  it("fall back to defaults instead of failing", async () => {
    const params = parseCustomerListParams({
      page: "-3",
      size: "1000",
      sort: "drop table",
      dir: "sideways",
      program: '\'; DROP TABLE "Customer" --',
      source: "MAGIC",
      location: ["x", "y"],
      consent: "maybe",
      reward: "1",
      lastVisitFrom: "2026-13-45",
      joinedTo: "yesterday",
      q: "   ",
    });
    const r = await listCustomers(a.ctx("MANAGER"), params);
    expect(r).toMatchObject({ total: 15, page: 1, size: 100 });
  });
});

describe("tenant isolation", () => {
  it("never shows another merchant's customers, whatever is searched or filtered", async () => {
    const bIds = new Set((await db().customer.findMany({ where: { organizationId: b.org.id }, select: { id: true } })).map((c) => c.id));
    for (const params of [
      {},
      { q: "jose" },
      { q: "0612345678" },
      { q: "K7QM-2XHD" },
      { q: "emma bakker" },
      { tag: "VIP" },
      { reward: "yes" as const },
      { sort: "lastVisit" as const },
      { sort: "name" as const },
    ]) {
      const r = await list(params);
      for (const row of r.rows) expect(bIds.has(row.id), JSON.stringify(params)).toBe(false);
    }
    // B's own program and location ids find nothing in A's list.
    expect((await list({ program: lunchB.id })).total).toBe(0);
    expect((await list({ location: stationB })).total).toBe(0);
    // And B sees only B.
    const mine = await list({ q: "jose" }, b);
    expect(mine.rows.map((r) => r.name)).toEqual(["José Banaan"]);
    expect((await list({ tag: "vip" }, b)).total).toBe(1);
  });

  it("the search function answers nothing with no organization pinned, and only the pinned one's", async () => {
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    try {
      const q = "SELECT id FROM customer_search_ids(ARRAY['%jose%'], NULL, '%K7QM%')";
      expect((await app.query(q)).rows).toEqual([]);
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.org_id', $1, true)", [b.org.id]);
      expect((await app.query(q)).rows.map((r) => r.id)).toEqual([
        (await db().customer.findFirstOrThrow({ where: { organizationId: b.org.id, name: "José Banaan" } })).id,
      ]);
      await app.query("ROLLBACK");
    } finally {
      await app.end();
    }
  });

  it("tags and notes reach only the organization's own customers", async () => {
    const bCustomer = await db().customer.findFirstOrThrow({ where: { organizationId: b.org.id } });
    expect(await errorKey(addTag(a.ctx("MANAGER"), bCustomer.id, "gestolen"))).toBe("NOT_FOUND");
    expect(await errorKey(removeTag(a.ctx("MANAGER"), bCustomer.id, "VIP"))).toBe("NOT_FOUND");
    expect(await errorKey(setNote(a.ctx("MANAGER"), bCustomer.id, "hallo"))).toBe("NOT_FOUND");
    expect(await db().customerTag.count({ where: { customerId: bCustomer.id, tag: "gestolen" } })).toBe(0);
    expect((await db().customer.findUniqueOrThrow({ where: { id: bCustomer.id } })).note).toBeNull();
  });

  it("is for managers and owners: staff get FORBIDDEN", async () => {
    expect(await errorKey(listCustomers(a.ctx("STAFF"), DEFAULT_LIST))).toBe("FORBIDDEN");
    expect(await errorKey(addTag(a.ctx("STAFF"), ids[1], "x"))).toBe("FORBIDDEN");
    expect(await errorKey(customerFilterOptions(a.ctx("STAFF")))).toBe("FORBIDDEN");
  });
});

describe("tags and notes", () => {
  it("one spelling per organization, removal ignores case", async () => {
    expect(await addTag(a.ctx("MANAGER"), ids[2], "vip")).toBe("VIP");
    expect(await addTag(a.ctx("MANAGER"), ids[2], "VIP")).toBe("VIP"); // twice: still one
    expect(await found({ tag: "VIP" })).toEqual([1, 2, 6]);
    await removeTag(a.ctx("MANAGER"), ids[2], "Vip");
    expect(await found({ tag: "VIP" })).toEqual([1, 6]);
    expect((await appError(addTag(a.ctx("MANAGER"), ids[2], "   "))).fieldErrors).toEqual({ tag: ["tagRequired"] });
    expect(await errorKey(addTag(a.ctx("MANAGER"), ids[2], "x".repeat(41)))).toBe("tooLong");
  });

  it("a note is set and cleared", async () => {
    await setNote(a.ctx("MANAGER"), ids[4], "  Neemt altijd havermelk.  ");
    expect((await list({ q: "jan bakker" })).rows[0].note).toBe("Neemt altijd havermelk.");
    await setNote(a.ctx("MANAGER"), ids[4], "");
    expect((await list({ q: "jan bakker" })).rows[0].note).toBeNull();
    expect(await errorKey(setNote(a.ctx("MANAGER"), ids[4], "x".repeat(2001)))).toBe("tooLong");
  });

  it("a tag goes on everyone in the current filter at once", async () => {
    const filter = { consent: "yes" as const, q: "example" };
    expect(await found(filter)).toEqual([1, 3, 9, 11]);
    expect(await addTagToFiltered(a.ctx("MANAGER"), filter, "Nieuwsbrief")).toBe(4);
    expect(await addTagToFiltered(a.ctx("MANAGER"), filter, "nieuwsbrief")).toBe(0); // already there
    expect(await found({ tag: "NIEUWSBRIEF" })).toEqual([1, 3, 9, 11]);
    expect(await db().customerTag.count({ where: { organizationId: b.org.id, tag: "Nieuwsbrief" } })).toBe(0);
    const options = await customerFilterOptions(a.ctx("MANAGER"));
    expect(options.tags).toContainEqual({ tag: "Nieuwsbrief", customers: 4 });
    expect(options.tags).toContainEqual({ tag: "VIP", customers: 2 }); // not B's VIP
    expect(options.locations.map((l) => l.id).sort()).toEqual([centrum, station].sort());
    expect(options.programs.map((p) => p.id).sort()).toEqual([a.program.id, lunch.id].sort());
  });
});
