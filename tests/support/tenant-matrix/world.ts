// The two merchants of the tenant matrix: victim A, whose every tenant table
// holds rows with known ids and names carrying a marker string, and attacker B
// with an owner session, a paired and unlocked tablet, an API key, and a wallet
// pass of its own. Plus the two checks after every call: nothing of A in the
// answer, and A's rows unchanged (a digest of every tenant table and A's users).
import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { ownerDb as db } from "@/lib/db/owner";
import { TENANT_MODELS } from "@/lib/tenancy/tenant-db";
import { makeMerchant, newCard, seedEveryTenantTable, tablet, type Merchant } from "@/tests/integration/helpers";

export type Side = Awaited<ReturnType<typeof side>>;

async function side(m: Merchant, pin: string) {
  const ids = await seedEveryTenantTable(m);
  const card = await newCard(m, `${m.org.name} Klant`);
  const pad = await tablet(m, pin);
  const key = (await createApiKey(m.ctx(), { name: `${m.org.name} sleutel`, scopes: [...API_SCOPES] })).key;
  const ownerMembership = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: m.owner.id } });
  const registration = await db().passRegistration.findUniqueOrThrow({ where: { id: ids.registration } });
  const regCard = await db().card.findUniqueOrThrow({ where: { id: registration.cardId }, omit: { authToken: false } });
  return {
    m,
    org: m.org,
    ids,
    /** A card with its secrets (serial, webToken, authToken). */
    card,
    /** The card iPhone `iphone-<org>` registered, with its ApplePass token. */
    regCard,
    deviceLibraryIdentifier: registration.deviceLibraryIdentifier,
    customerId: card.customerId,
    ownerMembershipId: ownerMembership.id,
    staffMembershipId: pad.memberId,
    tablet: pad,
    apiKey: key,
  };
}

/** Every text column of A's rows that a person would see gets this marker (names, emails, tags, urls…). */
async function mark(m: Merchant, marker: string) {
  const o = m.org.id;
  await db().organization.update({ where: { id: o }, data: { name: `${marker} Bakkerij` } });
  await db().location.updateMany({ where: { organizationId: o }, data: { name: `${marker} centrum` } });
  await db().cardProgram.updateMany({ where: { organizationId: o }, data: { name: `${marker} kaart` } });
  for (const c of await db().customer.findMany({ where: { organizationId: o } })) {
    await db().customer.update({ where: { id: c.id }, data: { name: `${marker} ${c.name}`, email: `${marker.toLowerCase()}-${c.id}@example.nl` } });
  }
  await db().customerTag.updateMany({ where: { organizationId: o }, data: { tag: `${marker}-tag` } });
  await db().campaign.updateMany({ where: { organizationId: o }, data: { name: `${marker} actie`, titleNl: `${marker} titel`, bodyNl: `${marker} tekst` } });
  await db().walletMessage.updateMany({ where: { organizationId: o }, data: { header: `${marker} kop`, body: `${marker} bericht` } });
  await db().savedCustomerFilter.updateMany({ where: { organizationId: o }, data: { name: `${marker} filter` } });
  await db().webhookEndpoint.updateMany({ where: { organizationId: o }, data: { url: `https://${marker.toLowerCase()}.example.com/hook` } });
  await db().apiKey.updateMany({ where: { organizationId: o }, data: { name: `${marker} sleutel` } });
  await db().surveyAnswer.updateMany({ where: { organizationId: o }, data: { comment: `${marker} opmerking` } });
  await db().customerImport.updateMany({ where: { organizationId: o }, data: { fileName: `${marker}.csv` } });
  await db().device.updateMany({ where: { organizationId: o }, data: { name: `${marker} tablet` } });
  await db().invitation.updateMany({ where: { organizationId: o }, data: { email: `${marker.toLowerCase()}@example.nl` } });
  for (const ms of await db().membership.findMany({ where: { organizationId: o }, select: { userId: true } })) {
    if (ms.userId) await db().user.update({ where: { id: ms.userId }, data: { name: `${marker} lid` } });
  }
}

export async function buildWorld() {
  const marker = `VICTIM-${randomBytes(4).toString("hex")}`;
  const [mA, mB] = await Promise.all([makeMerchant("Slachtoffer A"), makeMerchant("Aanvaller B")]);
  const [a, b] = await Promise.all([side(mA, "1357"), side(mB, "2468")]);
  // A dashboard session of A's owner (Instellingen → Account lists it), for "end this session" with A's id.
  const aSession = await db().userSession.create({ data: { id: randomBytes(12).toString("hex"), userId: mA.owner.id } });
  await mark(mA, marker);
  // Values both merchants share (seeded constants such as a key prefix) say nothing about A.
  const [ours, theirs] = await Promise.all([valuesOf(mA.org.id), valuesOf(mB.org.id).then((v) => new Set(v))]);
  const secrets = [...ours, aSession.id].filter((v) => !theirs.has(v));
  return { a, b, marker, secrets, aSessionId: aSession.id };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

const table = (model: string) => model[0].toUpperCase() + model.slice(1);

/** Every id and secret of A's rows (ids, serials, tokens, referral codes, emails), to look for in answers. */
export async function valuesOf(orgId: string): Promise<string[]> {
  const parts = [...TENANT_MODELS].map((model) => {
    const t = table(model);
    const where = t === "Organization" ? `x.id = $1` : `x."organizationId" = $1`;
    return `SELECT to_jsonb(x) AS row FROM "${t}" x WHERE ${where}`;
  });
  const rows = await db().$queryRawUnsafe<{ row: Record<string, unknown> }[]>(parts.join(" UNION ALL "), orgId);
  const users = await db().$queryRawUnsafe<{ row: Record<string, unknown> }[]>(
    `SELECT to_jsonb(u) AS row FROM "User" u WHERE u.id IN (SELECT "userId" FROM "Membership" WHERE "organizationId" = $1)`,
    orgId,
  );
  const values = new Set<string>();
  const SECRET = /^(id|serial|webToken|authToken|referralCode|email|deviceLibraryIdentifier|pushToken|molliePaymentId|number|prefix|slug)$/;
  for (const { row } of [...rows, ...users]) {
    for (const [k, v] of Object.entries(row)) if (SECRET.test(k) && typeof v === "string" && v.length >= 8) values.add(v);
  }
  return [...values];
}

/**
 * A digest of all of A's data: per tenant table (and A's users and their
 * sessions), an md5 over its rows in a fixed order, in one round trip.
 */
export async function digest(orgId: string): Promise<Record<string, string>> {
  const parts = [...TENANT_MODELS].sort().map((model) => {
    const t = table(model);
    const where = t === "Organization" ? `x.id = $1` : `x."organizationId" = $1`;
    return `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h, count(*)::int AS n FROM "${t}" x WHERE ${where}`;
  });
  const members = `SELECT "userId" FROM "Membership" WHERE "organizationId" = $1`;
  parts.push(`SELECT 'User' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')), count(*)::int FROM "User" x WHERE x.id IN (${members})`);
  parts.push(
    `SELECT 'UserSession' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')), count(*)::int FROM "UserSession" x WHERE x."userId" IN (${members})`,
  );
  const rows = await db().$queryRawUnsafe<{ t: string; h: string; n: number }[]>(parts.join(" UNION ALL "), orgId);
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** The tables whose digest differs. */
export const changed = (before: Record<string, string>, after: Record<string, string>) => Object.keys(before).filter((t) => before[t] !== after[t]);
