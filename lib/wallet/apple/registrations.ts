// Closing Apple Wallet registrations: the device removed the pass, or APNs
// reported it gone (410). The row is kept (unregisteredAt, reason) for the
// dashboard's "removed" count, and the card's appleInstalls goes down with it,
// in one statement.
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

type Match = { ids: string[] } | { deviceId: string; passTypeId: string; cardId: string };

export async function closeRegistrations(sql: TenantSql, orgId: string, reason: "device" | "apns", match: Match): Promise<number> {
  const [where, params] =
    "ids" in match
      ? [`id = ANY($3::text[])`, [match.ids]]
      : [`"deviceLibraryIdentifier" = $3 AND "passTypeIdentifier" = $4 AND "cardId" = $5`, [match.deviceId, match.passTypeId, match.cardId]];
  const [row] = await sql<{ closed: number }>(
    `WITH closed AS (
       UPDATE "PassRegistration" SET "unregisteredAt" = now() AT TIME ZONE 'UTC', "unregisterReason" = $2, "updatedAt" = now() AT TIME ZONE 'UTC'
        WHERE "organizationId" = $1 AND "unregisteredAt" IS NULL AND ${where}
        RETURNING "cardId"),
     per_card AS (SELECT "cardId", count(*)::int AS n FROM closed GROUP BY "cardId"),
     counted AS (
       UPDATE "Card" c SET "appleInstalls" = GREATEST(c."appleInstalls" - per_card.n, 0)
         FROM per_card WHERE c.id = per_card."cardId" AND c."organizationId" = $1)
     SELECT count(*)::int AS closed FROM closed`,
    [orgId, reason, ...params],
  );
  return row.closed;
}
