// "Alles downloaden" (Instellingen → Gevarenzone): everything an organization
// has, as a zip of CSV files (one per subject) and organization.json. Owner
// only, recorded in the audit trail. Streamed: each CSV is a Node stream that
// reads its table in batches of BATCH by keyset (each batch its own short
// pinned transaction), and the zip is written as the client reads it, so a
// large merchant's export never sits in memory. Card secrets (the pass's
// authentication token, the web-card token) are not exported.
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import JSZip from "jszip";
import { recordAudit } from "@/lib/audit/audit";
import { safeCell } from "@/lib/customers/export";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";

export const BATCH = 1000;

type Subject = { file: string; table: string; columns: string[]; key: string[] };

/** One CSV per subject: its table, the columns exported, and the keyset it is paged by. */
export const SUBJECTS: Subject[] = [
  { file: "locations", table: "Location", columns: ["id", "name", "address", "city", "latitude", "longitude", "createdAt", "archivedAt"], key: ["id"] },
  {
    file: "programs",
    table: "CardProgram",
    columns: [
      "id",
      "name",
      "status",
      "stampsRequired",
      "rewardText",
      "intermediateStamp",
      "intermediateRewardText",
      "terms",
      "version",
      "createdAt",
      "archivedAt",
    ],
    key: ["id"],
  },
  {
    file: "customers",
    table: "Customer",
    columns: [
      "id",
      "name",
      "email",
      "phone",
      "birthday",
      "marketingConsent",
      "marketingConsentAt",
      "termsAcceptedAt",
      "unsubscribedAt",
      "source",
      "locale",
      "note",
      "externalId",
      "referredByCustomerId",
      "lastVisitAt",
      "createdAt",
    ],
    key: ["id"],
  },
  {
    file: "cards",
    table: "Card",
    columns: [
      "id",
      "customerId",
      "programId",
      "serial",
      "stampCount",
      "rewardsAvailable",
      "intermediateAvailable",
      "totalStamps",
      "totalRedeemed",
      "lastStampAt",
      "appleInstalls",
      "googleInstalled",
      "mergedIntoId",
      "erasedAt",
      "createdAt",
    ],
    key: ["id"],
  },
  {
    file: "events",
    table: "CardEvent",
    columns: [
      "id",
      "cardId",
      "type",
      "amount",
      "stampDelta",
      "rewardDelta",
      "intermediateDelta",
      "locationId",
      "actorUserId",
      "actorMembershipId",
      "spendCents",
      "note",
      "reversesId",
      "createdAt",
    ],
    key: ["id"],
  },
  {
    file: "visits",
    table: "Visit",
    columns: ["customerId", "day", "firstAt", "hour", "locationId", "membershipId", "stamps", "spendCents", "first"],
    key: ["customerId", "day"],
  },
  {
    file: "survey-answers",
    table: "SurveyAnswer",
    columns: ["id", "customerId", "cardId", "kind", "score", "comeBack", "tryOther", "comment", "locationId", "createdAt"],
    key: ["id"],
  },
  {
    file: "campaigns",
    table: "Campaign",
    columns: [
      "id",
      "name",
      "titleNl",
      "titleEn",
      "bodyNl",
      "bodyEn",
      "link",
      "bonusStamps",
      "bonusUntil",
      "audience",
      "status",
      "scheduledAt",
      "startedAt",
      "finishedAt",
      "createdAt",
    ],
    key: ["id"],
  },
  {
    file: "deliveries",
    table: "Delivery",
    columns: ["id", "customerId", "campaignId", "automation", "cardId", "channel", "status", "bonusStamps", "createdAt", "deliveredAt"],
    key: ["id"],
  },
  {
    file: "referrals",
    table: "Referral",
    columns: ["id", "programId", "referrerCustomerId", "friendCustomerId", "status", "rewardedAt", "createdAt"],
    key: ["id"],
  },
  { file: "team", table: "Membership", columns: ["id", "userId", "displayName", "role", "removedAt", "createdAt"], key: ["id"] },
  {
    file: "invoices",
    table: "Invoice",
    columns: ["id", "number", "issuedAt", "netCents", "vatRateBp", "vatCents", "totalCents", "reverseCharge"],
    key: ["id"],
  },
  { file: "audit", table: "AuditEvent", columns: ["id", "action", "subjectType", "subjectId", "actorUserId", "details", "createdAt"], key: ["id"] },
];

const quote = (c: string) => `"${c}"`;

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return JSON.stringify(v);
  return typeof v === "string" ? safeCell(v) : String(v);
}

/** The subject's rows as CSV text, batch by batch (header first). */
async function* csvOf(orgId: string, s: Subject, batch: number): AsyncGenerator<string> {
  yield stringify([s.columns], { record_delimiter: "\r\n" });
  const select = `SELECT ${s.columns.map(quote).join(", ")} FROM ${quote(s.table)} WHERE "organizationId" = $1`;
  const keys = `(${s.key.map(quote).join(", ")})`;
  let after: unknown[] | null = null;
  for (;;) {
    const cursor: unknown[] | null = after;
    const where: string = cursor ? ` AND ${keys} > (${s.key.map((_, i) => `$${i + 2}`).join(", ")})` : "";
    const rows: Record<string, unknown>[] = await withTenantTransaction(orgId, (sql) =>
      sql(`${select}${where} ORDER BY ${s.key.map(quote).join(", ")} LIMIT ${batch}`, [orgId, ...(cursor ?? [])]),
    );
    if (rows.length === 0) return;
    yield stringify(
      rows.map((r) => s.columns.map((c) => cell(r[c]))),
      { record_delimiter: "\r\n" },
    );
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = s.key.map((k) => last[k]);
  }
}

/** The organization's own record (settings and business profile; no billing secrets). */
async function organizationJson(ctx: TenantContext) {
  const org = await tenantDb(ctx).organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: {
      id: true,
      name: true,
      slug: true,
      legalName: true,
      addressLine: true,
      postalCode: true,
      city: true,
      country: true,
      kvkNumber: true,
      vatNumber: true,
      contactEmail: true,
      contactPhone: true,
      website: true,
      privacyContactEmail: true,
      billingEmail: true,
      timezone: true,
      locale: true,
      currency: true,
      plan: true,
      billingInterval: true,
      subscriptionStatus: true,
      currentPeriodEnd: true,
      trialEndsAt: true,
      messageCapPerWeek: true,
      tabletIdleMinutes: true,
      createdAt: true,
    },
  });
  return JSON.stringify({ exportedAt: new Date().toISOString(), organization: org, files: SUBJECTS.map((s) => `${s.file}.csv`) }, null, 2);
}

/** JSZip's output as a plain Node stream (errors passed on). */
function zipStream(zip: JSZip): Readable {
  const out = new PassThrough();
  const source = zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE", compressionOptions: { level: 6 } });
  source.on("error", (e: Error) => out.destroy(e));
  source.pipe(out);
  return out;
}

/** The zip as a Node stream, plus the file name. Audited when it starts. */
export async function exportOrganization(ctx: TenantContext, batch = BATCH): Promise<{ fileName: string; stream: Readable }> {
  requireRole(ctx, "OWNER");
  const org = await tenantDb(ctx).$transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: "organization.export", subjectType: "organization", subjectId: ctx.orgId, details: { files: SUBJECTS.length + 1 } });
    return tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { slug: true } });
  });
  const zip = new JSZip();
  zip.file("organization.json", await organizationJson(ctx));
  // UTF-8 with a BOM, so Excel opens accents intact.
  // Bytes, not strings: JSZip would take a string chunk for binary.
  for (const s of SUBJECTS)
    zip.file(
      `${s.file}.csv`,
      Readable.from(
        (async function* () {
          yield Buffer.from("\uFEFF");
          for await (const text of csvOf(ctx.orgId, s, batch)) yield Buffer.from(text);
        })(),
      ),
    );
  const day = new Date().toISOString().slice(0, 10);
  return {
    fileName: `stempel-${org.slug}-${day}.zip`,
    stream: zipStream(zip),
  };
}
