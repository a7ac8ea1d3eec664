// Writes checked import rows, a batch at a time, inside one pinned transaction
// (set-based SQL: a handful of statements per batch, whatever its size).
// A row is matched to an existing customer of this merchant by customer number,
// email or phone:
// - no match: a new customer (source IMPORT, consent only if the file says so)
//   with a card in the chosen program, its ENROLL event and, for a balance, an
//   IMPORT event whose deltas are exactly the card's counters;
// - one match: blanks on file (email, phone, customer number, birthday) are filled
//   in, never overwritten; a card in the program is issued if missing; the balance
//   is added once per card (the IMPORT event's idempotency key is `import:<card>`),
//   so importing the same file again changes nothing;
// - rows matching two different customers are refused (conflictingMatch).
import { randomBytes, randomUUID } from "node:crypto";
import { newAuthToken, newWebToken } from "@/lib/cards/identifiers";
import type { Row } from "@/lib/db/sql";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { formatSerial, SERIAL_ALPHABET, SERIAL_LENGTH } from "@/lib/validation/serial";
import { PASS_CHANGED, WALLET_PRESENCE, walletCardChanged, type WalletPresence } from "@/lib/wallet/card-changes";
import type { ImportRow, RowError } from "./check-rows";

export type ImportProgram = { id: string; version: number };
export type WriteContext = { orgId: string; program: ImportProgram; actorUserId: string | null; now: Date };
export type WriteOutcome = { imported: number; updated: number; skipped: number; errors: RowError[] };

type Existing = Pick<Row<"Customer">, "id" | "email" | "phone" | "externalId" | "birthday">;
type ExistingCard = Pick<Row<"Card">, "id" | "customerId">;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Customers of this merchant that any of the rows names (one query, by the three unique indexes). */
export async function findMatches(sql: TenantSql, orgId: string, rows: readonly ImportRow[]) {
  const pick = (f: "email" | "phone" | "externalId") => rows.map((r) => r[f]).filter((v): v is string => v !== null);
  const found = await sql<Existing>(
    // Three index lookups (a single OR of the three would scan the merchant's customers).
    `SELECT id, email, phone, "externalId", birthday FROM "Customer" WHERE "organizationId" = $1 AND email = ANY($2::text[])
     UNION SELECT id, email, phone, "externalId", birthday FROM "Customer" WHERE "organizationId" = $1 AND phone = ANY($3::text[])
     UNION SELECT id, email, phone, "externalId", birthday FROM "Customer" WHERE "organizationId" = $1 AND "externalId" = ANY($4::text[])`,
    [orgId, pick("email"), pick("phone"), pick("externalId")],
  );
  const by = { email: new Map<string, Existing>(), phone: new Map<string, Existing>(), externalId: new Map<string, Existing>() };
  for (const c of found) for (const f of ["email", "phone", "externalId"] as const) if (c[f]) by[f].set(c[f], c);
  /** The one customer a row names, null for none, "conflict" for two different ones. */
  return (row: ImportRow): Existing | null | "conflict" => {
    const hits = new Set(
      [row.externalId && by.externalId.get(row.externalId), row.email && by.email.get(row.email), row.phone && by.phone.get(row.phone)].filter(
        (c): c is Existing => !!c,
      ),
    );
    return hits.size > 1 ? "conflict" : ([...hits][0] ?? null);
  };
}

export async function writeRows(sql: TenantSql, w: WriteContext, rows: readonly ImportRow[]): Promise<WriteOutcome> {
  const out: WriteOutcome = { imported: 0, updated: 0, skipped: 0, errors: [] };
  if (!rows.length) return out;
  const match = await findMatches(sql, w.orgId, rows);
  const now = w.now.toISOString();

  const fresh: (ImportRow & { customerId: string })[] = [];
  const matched: { row: ImportRow; customer: Existing; fills: boolean }[] = [];
  for (const row of rows) {
    const m = match(row);
    if (m === "conflict") out.errors.push({ row: row.row, field: null, code: "conflictingMatch" });
    else if (m === null) fresh.push({ ...row, customerId: randomUUID() });
    else {
      const fills = (!m.email && !!row.email) || (!m.phone && !!row.phone) || (!m.externalId && !!row.externalId) || (!m.birthday && !!row.birthday);
      matched.push({ row, customer: m, fills });
    }
  }

  // New customers.
  if (fresh.length) {
    await sql(
      `INSERT INTO "Customer" (id, "organizationId", name, email, phone, birthday, "marketingConsent", "marketingConsentAt", source, "externalId", "createdAt", "updatedAt")
       SELECT u.id, $1, u.name, u.email, u.phone, u.birthday::date, u.consent, CASE WHEN u.consent THEN $2::timestamp END, 'IMPORT',
              u.ext, COALESCE(u.joined::timestamp, $2::timestamp), $2::timestamp
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::text[])
              AS u(id, name, email, phone, birthday, consent, ext, joined)`,
      [
        w.orgId,
        now,
        fresh.map((r) => r.customerId),
        fresh.map((r) => r.name),
        fresh.map((r) => r.email),
        fresh.map((r) => r.phone),
        fresh.map((r) => day(r.birthday)),
        fresh.map((r) => r.consent),
        fresh.map((r) => r.externalId),
        fresh.map((r) => iso(r.joinedAt)),
      ],
    );
  }

  // Blanks filled in on customers we already had.
  const fills = matched.filter((m) => m.fills);
  if (fills.length) {
    await sql(
      `UPDATE "Customer" c SET email = COALESCE(c.email, u.email), phone = COALESCE(c.phone, u.phone), "externalId" = COALESCE(c."externalId", u.ext),
              birthday = COALESCE(c.birthday, u.birthday::date), "updatedAt" = $2::timestamp
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, email, phone, ext, birthday)
        WHERE c."organizationId" = $1 AND c.id = u.id`,
      [
        w.orgId,
        now,
        fills.map((m) => m.customer.id),
        fills.map((m) => m.row.email),
        fills.map((m) => m.row.phone),
        fills.map((m) => m.row.externalId),
        fills.map((m) => day(m.row.birthday)),
      ],
    );
  }

  // Cards: the matched customers' cards in this program, and new ones for everyone without.
  const cardOf = new Map<string, string>();
  if (matched.length) {
    const cards = await sql<ExistingCard>(
      `SELECT id, "customerId" FROM "Card" WHERE "organizationId" = $1 AND "programId" = $2 AND "customerId" = ANY($3::text[])`,
      [w.orgId, w.program.id, matched.map((m) => m.customer.id)],
    );
    for (const c of cards) cardOf.set(c.customerId, c.id);
  }
  const needCard = [
    ...fresh.map((r) => ({ row: r as ImportRow, customerId: r.customerId })),
    ...matched.filter((m) => !cardOf.has(m.customer.id)).map((m) => ({ row: m.row, customerId: m.customer.id })),
  ];
  const issued = needCard.map((n) => ({ ...n, cardId: randomUUID() }));
  if (issued.length) {
    // The balance is on the card from the start, and its IMPORT event (below) says so.
    await sql(
      `INSERT INTO "Card" (id, "organizationId", "programId", "customerId", serial, "authToken", "webToken", "stampCount", "rewardsAvailable",
                           "programVersion", "passUpdatedAt", "createdAt", "updatedAt")
       SELECT u.id, $1, $2, u.customer, u.serial, u.auth, u.web, u.stamps, u.rewards, $3, date_trunc('second', $4::timestamp), $4::timestamp, $4::timestamp
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[]) AS u(id, customer, serial, auth, web, stamps, rewards)`,
      [
        w.orgId,
        w.program.id,
        w.program.version,
        now,
        issued.map((c) => c.cardId),
        issued.map((c) => c.customerId),
        newSerials(issued.length),
        issued.map(() => newAuthToken()),
        issued.map(() => newWebToken()),
        issued.map((c) => c.row.stamps),
        issued.map((c) => c.row.rewards),
      ],
    );
    await sql(
      `INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "actorUserId", "createdAt")
       SELECT gen_random_uuid()::text, $1, u.id, 'ENROLL', 0, $2, $3::timestamp FROM unnest($4::text[]) AS u(id)`,
      [w.orgId, w.actorUserId, now, issued.map((c) => c.cardId)],
    );
    const withBalance = issued.filter((c) => c.row.stamps > 0 || c.row.rewards > 0);
    await insertImportEvents(
      sql,
      w,
      withBalance.map((c) => ({ cardId: c.cardId, row: c.row })),
    );
  }

  // Balances for cards that existed already: once per card, then the counters follow the events.
  const onExisting = matched
    .filter((m) => cardOf.has(m.customer.id) && (m.row.stamps > 0 || m.row.rewards > 0))
    .map((m) => ({ cardId: cardOf.get(m.customer.id)!, row: m.row }));
  const added = new Set<string>();
  if (onExisting.length) {
    const changed = await sql<Pick<Row<"Card">, "id"> & WalletPresence>(
      `WITH ev AS (${importEventsSql} ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING RETURNING "cardId", "stampDelta", "rewardDelta")
       UPDATE "Card" c SET "stampCount" = c."stampCount" + ev."stampDelta", "rewardsAvailable" = c."rewardsAvailable" + ev."rewardDelta",
              "updatedAt" = now(), ${PASS_CHANGED}
         FROM ev WHERE c.id = ev."cardId" AND c."organizationId" = $1
       RETURNING c.id, ${WALLET_PRESENCE}`,
      importEventParams(w, onExisting),
    );
    for (const c of changed) {
      added.add(c.id);
      await walletCardChanged(sql, w.orgId, c.id, c);
    }
  }

  out.imported = fresh.length;
  for (const m of matched) {
    const card = cardOf.get(m.customer.id);
    if (m.fills || !card || added.has(card)) out.updated++;
    else out.skipped++;
  }
  return out;
}

const importEventsSql = `INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "rewardDelta", "actorUserId", "idempotencyKey", note, "createdAt")
   SELECT gen_random_uuid()::text, $1, u.id, 'IMPORT', u.stamps, u.stamps, u.rewards, $2, 'import:' || u.id, $3, $4::timestamp
     FROM unnest($5::text[], $6::int[], $7::int[]) AS u(id, stamps, rewards)`;

function importEventParams(w: WriteContext, cards: { cardId: string; row: ImportRow }[]) {
  return [w.orgId, w.actorUserId, null, w.now.toISOString(), cards.map((c) => c.cardId), cards.map((c) => c.row.stamps), cards.map((c) => c.row.rewards)];
}

async function insertImportEvents(sql: TenantSql, w: WriteContext, cards: { cardId: string; row: ImportRow }[]) {
  if (cards.length) await sql(importEventsSql, importEventParams(w, cards));
}

/** `n` card numbers as newSerial makes them (uniform over the alphabet), from one random buffer: 50,000 in milliseconds. */
export function newSerials(n: number): string[] {
  const size = SERIAL_ALPHABET.length;
  const limit = 256 - (256 % size);
  const out: string[] = [];
  let buf = randomBytes(n * SERIAL_LENGTH * 2);
  let i = 0;
  while (out.length < n) {
    let s = "";
    while (s.length < SERIAL_LENGTH) {
      if (i >= buf.length) [buf, i] = [randomBytes(4096), 0];
      const b = buf[i++];
      if (b < limit) s += SERIAL_ALPHABET[b % size];
    }
    out.push(formatSerial(s));
  }
  return out;
}
