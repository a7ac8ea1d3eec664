// What a wallet pass (Apple or Google) shows of a card, read in one query.
// An iPhone proves itself with the pass's serial and authentication token, the
// customer's browser with the web-card token, a job with its organization.
// The secret pins the card's organization (lib/tenancy/lookups.ts) in the same
// round trip as the read, which row-level security then holds to that
// organization; the pass token is compared in constant time. What a pass shows
// of this, field by field, is lib/wallet/pass-view.ts: the one description both
// wallets' builders and the designer's previews draw.
import { timingSafeEqual } from "node:crypto";
import type { Row } from "@/lib/db/sql";
import { pinCardSerialSql, pinWebTokenSql } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction, withTenantTransactionOpenedBy } from "@/lib/tenancy/tenant-sql";
import { referralPath } from "@/lib/referrals/links";

/** Everything a pass shows. */
export type PassCard = {
  serial: string;
  authToken: string;
  webToken: string;
  stampCount: number;
  rewardsAvailable: number;
  intermediateAvailable: number;
  customerName: string | null;
  merchantName: string;
  locale: string;
  program: {
    name: string;
    rewardText: string;
    stampsRequired: number;
    intermediateStamp: number | null;
    intermediateRewardText: string | null;
    terms: string | null;
    backgroundColor: string;
    foregroundColor: string;
    labelColor: string;
    stampIcon: string;
    logoKey: string | null;
    iconKey: string | null;
    /** The program asks customers a question (lib/surveys): the pass links to it. */
    surveyOn?: boolean;
  };
  locations: { name: string; address: string | null; city: string | null; latitude: number | null; longitude: number | null }[];
  /** The newest message from the merchant (campaigns, automations), shown on the pass, with its optional link. */
  message: { header: string; body: string; link?: string | null } | null;
  /** The card's personal share link without the host (lib/referrals/links.ts), while the program has referrals on. */
  referralPath?: string | null;
  /** The shop's business profile (Instellingen → Bedrijf): how customers reach it. */
  business?: { address: string | null; phone: string | null; email: string | null; website: string | null } | null;
  /** The shop deleted its account (lib/organizations/deletion.ts): the pass is void and says the card has stopped. */
  closed?: boolean;
};

export type PassSource = {
  orgId: string;
  cardId: string;
  programId: string;
  serial: string;
  passUpdatedAt: Date;
  card: PassCard;
  /** The card has not been served the program's newest design yet. */
  staleDesign: { version: number } | null;
};

// The columns SELECT names, typed from the schema (a renamed column fails tsc here).
type CardCols = Pick<
  Row<"Card">,
  "programId" | "serial" | "authToken" | "webToken" | "passUpdatedAt" | "stampCount" | "rewardsAvailable" | "intermediateAvailable" | "programVersion"
>;
type ProgramCols = Pick<
  Row<"CardProgram">,
  | "version"
  | "name"
  | "rewardText"
  | "stampsRequired"
  | "intermediateStamp"
  | "intermediateRewardText"
  | "terms"
  | "backgroundColor"
  | "foregroundColor"
  | "labelColor"
  | "stampIcon"
  | "logoKey"
  | "iconKey"
>;
type PassRow = CardCols &
  ProgramCols & {
    orgId: Row<"Card">["organizationId"];
    cardId: Row<"Card">["id"];
    customerName: Row<"Customer">["name"];
    merchantName: Row<"Organization">["name"];
    locale: Row<"Organization">["locale"];
    locations: PassCard["locations"];
    message: PassCard["message"];
    surveyOn: boolean;
    referralCode: string | null;
    business: NonNullable<PassCard["business"]>;
    closed: boolean;
  };

const SELECT = `
  SELECT c.id AS "cardId", c."organizationId" AS "orgId", c."programId", c.serial, c."authToken", c."webToken", c."passUpdatedAt",
         c."stampCount", c."rewardsAvailable", c."intermediateAvailable", c."programVersion", p.version,
         cu.name AS "customerName", o.name AS "merchantName", o.locale, o."deletedAt" IS NOT NULL AS closed,
         json_build_object('address', NULLIF(concat_ws(', ', o."addressLine", NULLIF(concat_ws(' ', o."postalCode", o.city), '')), ''),
                           'phone', o."contactPhone", 'email', o."contactEmail", 'website', o.website) AS business,
         p.name, p."rewardText", p."stampsRequired", p."intermediateStamp", p."intermediateRewardText", p.terms,
         p."backgroundColor", p."foregroundColor", p."labelColor", p."stampIcon", p."logoKey", p."iconKey",
         (p."surveySatisfaction" OR p."surveyNps") AS "surveyOn",
         CASE WHEN p."referralEnabled" AND c."mergedIntoId" IS NULL THEN c."referralCode" END AS "referralCode",
         (SELECT COALESCE(json_agg(json_build_object('name', l.name, 'address', l.address, 'city', l.city, 'latitude', l.latitude, 'longitude', l.longitude) ORDER BY l."createdAt"), '[]')
            FROM (SELECT * FROM "Location" WHERE "organizationId" = c."organizationId" AND "archivedAt" IS NULL ORDER BY "createdAt" LIMIT 10) l) AS locations,
         (SELECT json_build_object('header', m.header, 'body', m.body, 'link', m.link) FROM "WalletMessage" m
           WHERE m."cardId" = c.id AND m."organizationId" = c."organizationId" ORDER BY m."createdAt" DESC LIMIT 1) AS message
    FROM "Card" c
    JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
    JOIN "Customer" cu ON cu.id = c."customerId" AND cu."organizationId" = c."organizationId"
    JOIN "Organization" o ON o.id = c."organizationId"
   WHERE c."erasedAt" IS NULL`;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function toSource(r: PassRow): PassSource {
  return {
    orgId: r.orgId,
    cardId: r.cardId,
    programId: r.programId,
    serial: r.serial,
    passUpdatedAt: r.passUpdatedAt,
    staleDesign: r.programVersion < r.version ? { version: r.version } : null,
    card: {
      serial: r.serial,
      authToken: r.authToken,
      webToken: r.webToken,
      stampCount: r.stampCount,
      rewardsAvailable: r.rewardsAvailable,
      intermediateAvailable: r.intermediateAvailable,
      customerName: r.customerName,
      merchantName: r.merchantName,
      locale: r.locale,
      locations: r.locations,
      message: r.message,
      referralPath: r.referralCode ? referralPath({ programId: r.programId, referralCode: r.referralCode }) : null,
      business: r.business,
      closed: r.closed,
      program: {
        name: r.name,
        rewardText: r.rewardText,
        stampsRequired: r.stampsRequired,
        intermediateStamp: r.intermediateStamp,
        intermediateRewardText: r.intermediateRewardText,
        terms: r.terms,
        backgroundColor: r.backgroundColor,
        foregroundColor: r.foregroundColor,
        labelColor: r.labelColor,
        stampIcon: r.stampIcon,
        logoKey: r.logoKey,
        iconKey: r.iconKey,
        surveyOn: r.surveyOn,
      },
    },
  };
}

/** The pass with this serial and token, or null (unknown serial, wrong token, erased card). */
export async function passBySerial(serial: string, token: string): Promise<PassSource | null> {
  const row = await withTenantTransactionOpenedBy(
    (lit) => `${pinCardSerialSql(lit(serial))}; ${SELECT} AND c.serial = ${lit(serial)}`,
    async ([, rows]) => rows[0] as PassRow | undefined,
  );
  return row && sameSecret(row.authToken, token) ? toSource(row) : null;
}

/** The customer's own pass, by the secret token of their web-card URL. */
export async function passByWebToken(webToken: string): Promise<PassSource | null> {
  if (!/^[A-Za-z0-9_-]{20,80}$/.test(webToken)) return null;
  const row = await withTenantTransactionOpenedBy(
    (lit) => `${pinWebTokenSql(lit(webToken))}; ${SELECT} AND c."webToken" = ${lit(webToken)}`,
    async ([, rows]) => rows[0] as PassRow | undefined,
  );
  return row ? toSource(row) : null;
}

/** A card of `orgId` (jobs): read inside that organization's tenant transaction, so another merchant's card id finds nothing. */
export async function passByCardId(orgId: string, cardId: string): Promise<PassSource | null> {
  const [row] = await withTenantTransaction(orgId, (sql) => sql<PassRow>(`${SELECT} AND c."organizationId" = $1 AND c.id = $2`, [orgId, cardId]));
  return row ? toSource(row) : null;
}

/** Served with the newest design: the card no longer waits for it (dashboard's "waiting for the new design"). */
export async function markDesignDelivered(source: PassSource): Promise<void> {
  if (!source.staleDesign) return;
  await tenantDb({ orgId: source.orgId }).card.updateMany({
    where: { id: source.cardId, programVersion: { lt: source.staleDesign.version } },
    data: { programVersion: source.staleDesign.version },
  });
}
