// The owners' view of the audit trail (Instellingen → Logboek): newest first,
// filtered by kind of action, person and local date range, a page at a time
// (cursor: the last row's time and id), and the same list as CSV.
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { AppError, fromZod } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { globalDb } from "@/lib/tenancy/global-db";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { AUDIT_ACTIONS, recordAuditAlone } from "./audit";
import { browserSummary } from "./user-agent";

/** The kinds of action the viewer filters on, each the actions whose name starts with one of its prefixes. */
export const AUDIT_GROUPS = {
  cards: ["program."],
  customers: ["customer.", "card."],
  team: ["member.", "tablet."],
  messages: ["campaign.", "automation."],
  integrations: ["apiKey.", "webhook."],
  billing: ["billing."],
  locations: ["location."],
  account: ["organization.", "user.", "audit."],
} as const;
export type AuditGroup = keyof typeof AUDIT_GROUPS;
const GROUPS = Object.keys(AUDIT_GROUPS) as AuditGroup[];

export const groupOf = (action: string): AuditGroup | null => GROUPS.find((g) => AUDIT_GROUPS[g].some((prefix) => action.startsWith(prefix))) ?? null;

const actionsOf = (group: AuditGroup) => AUDIT_ACTIONS.filter((a) => groupOf(a) === group);

export const PAGE_SIZE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid");
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The filter as the page's search params carry it (every field optional). `who`: a user id, `key:<id>`, `customer` or `system`. */
export const AuditFilter = z
  .object({
    group: z.preprocess(blank, z.enum(GROUPS as [AuditGroup, ...AuditGroup[]], { message: "groupInvalid" }).optional()),
    who: z.preprocess(
      blank,
      z
        .string()
        .regex(/^(key:)?[A-Za-z0-9_-]{1,64}$/, "whoInvalid")
        .optional(),
    ),
    from: z.preprocess(blank, day.optional()),
    to: z.preprocess(blank, day.optional()),
    cursor: z.preprocess(blank, z.string().max(200).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "dateRangeInvalid" });
export type AuditFilter = z.infer<typeof AuditFilter>;

export type AuditActorView =
  { kind: "user"; id: string; name: string | null } | { kind: "apiKey"; id: string; name: string | null } | { kind: "customer" } | { kind: "system" };

export type AuditTrailRow = {
  id: string;
  at: Date;
  action: string;
  group: AuditGroup | null;
  actor: AuditActorView;
  subjectType: string;
  subjectId: string | null;
  /** What it was done to, in words when the entry names it (a card's, person's or endpoint's name). */
  subjectLabel: string | null;
  details: unknown;
  ip: string | null;
  browser: string | null;
  before: unknown;
  after: unknown;
};

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso);
  if (!id || Number.isNaN(at.getTime())) throw new AppError("VALIDATION", "cursorInvalid");
  return { at, id };
}

const CUSTOMER_ACTIONS = new Set(["customer.unsubscribe", "customer.resubscribe"]);

async function whereOf(ctx: TenantContext, f: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.group) and.push({ action: { in: actionsOf(f.group) } });
  if (f.who === "customer") and.push({ actorUserId: null, actorApiKeyId: null, action: { in: [...CUSTOMER_ACTIONS] } });
  else if (f.who === "system") and.push({ actorUserId: null, actorApiKeyId: null, action: { notIn: [...CUSTOMER_ACTIONS] } });
  else if (f.who?.startsWith("key:")) and.push({ actorApiKeyId: f.who.slice(4) });
  else if (f.who) and.push({ actorUserId: f.who });
  if (f.from || f.to) {
    // Local days of the merchant's time zone → UTC instants (what the timestamp columns hold).
    const [r] = await tenantDb(ctx).$transaction((_tx, sql) =>
      sql<{ start: Date | null; end: Date | null }>(
        `SELECT ($2::date::timestamp AT TIME ZONE o.timezone) AT TIME ZONE 'UTC' AS start,
                (($3::date + 1)::timestamp AT TIME ZONE o.timezone) AT TIME ZONE 'UTC' AS end
           FROM "Organization" o WHERE o.id = $1`,
        [ctx.orgId, f.from ?? null, f.to ?? null],
      ),
    );
    if (r?.start) and.push({ createdAt: { gte: r.start } });
    if (r?.end) and.push({ createdAt: { lt: r.end } });
  }
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    and.push({ OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] });
  }
  return { AND: and };
}

function labelOf(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  for (const k of ["name", "email", "url", "fileName", "kind"]) if (typeof d[k] === "string" && d[k]) return d[k] as string;
  return null;
}

type EventRow = Awaited<ReturnType<ReturnType<typeof tenantDb>["auditEvent"]["findMany"]>>[number];

async function present(ctx: TenantContext, rows: EventRow[]): Promise<AuditTrailRow[]> {
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => !!id))];
  const keyIds = [...new Set(rows.map((r) => r.actorApiKeyId).filter((id): id is string => !!id))];
  const [users, keys] = await Promise.all([
    userIds.length ? globalDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    keyIds.length ? tenantDb(ctx).apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    action: r.action,
    group: groupOf(r.action),
    actor: r.actorApiKeyId
      ? { kind: "apiKey", id: r.actorApiKeyId, name: keyName.get(r.actorApiKeyId) ?? null }
      : r.actorUserId
        ? { kind: "user", id: r.actorUserId, name: userName.get(r.actorUserId) ?? null }
        : CUSTOMER_ACTIONS.has(r.action)
          ? { kind: "customer" }
          : { kind: "system" },
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    subjectLabel: labelOf(r.details),
    details: r.details,
    ip: r.ip,
    browser: browserSummary(r.userAgent),
    before: r.before,
    after: r.after,
  }));
}

/** The merchant's time zone: the viewer shows every time in it. */
export async function auditTimezone(ctx: TenantContext): Promise<string> {
  const org = await tenantDb(ctx).organization.findUnique({ where: { id: ctx.orgId }, select: { timezone: true } });
  return org?.timezone ?? "Europe/Amsterdam";
}

/** One page of the trail (owners only), newest first; `next` is the cursor of the following page, or null. */
export async function listAuditTrail(ctx: TenantContext, input: unknown): Promise<{ rows: AuditTrailRow[]; next: string | null }> {
  requireRole(ctx, "OWNER");
  const parsed = AuditFilter.safeParse(input ?? {});
  if (!parsed.success) throw fromZod(parsed.error);
  const rows = await tenantDb(ctx).auditEvent.findMany({
    where: await whereOf(ctx, parsed.data),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return { rows: await present(ctx, page), next: rows.length > PAGE_SIZE && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** The people (and API keys) the trail names, for the "Wie" filter. */
export async function auditPeople(ctx: TenantContext): Promise<{ value: string; name: string }[]> {
  requireRole(ctx, "OWNER");
  const t = tenantDb(ctx);
  const [byUser, byKey] = await Promise.all([
    t.auditEvent.findMany({ where: { actorUserId: { not: null } }, distinct: ["actorUserId"], select: { actorUserId: true } }),
    t.auditEvent.findMany({ where: { actorApiKeyId: { not: null } }, distinct: ["actorApiKeyId"], select: { actorApiKeyId: true } }),
  ]);
  const userIds = byUser.map((r) => r.actorUserId!);
  const keyIds = byKey.map((r) => r.actorApiKeyId!);
  const [users, keys] = await Promise.all([
    userIds.length ? globalDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
    keyIds.length ? t.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  return [
    ...users.map((u) => ({ value: u.id, name: u.name ?? u.email })).sort((a, b) => a.name.localeCompare(b.name)),
    ...keys.map((k) => ({ value: `key:${k.id}`, name: k.name })).sort((a, b) => a.name.localeCompare(b.name)),
  ];
}

export const EXPORT_MAX_ROWS = 10_000;

export type AuditCsvLabels = {
  header: string[];
  action: (action: string) => string;
  actor: (actor: AuditActorView) => string;
  /** A time as the merchant reads it (their time zone). */
  time: (at: Date) => string;
};

/** The filtered trail as CSV (";" and a BOM, as Excel in the Netherlands opens it), recorded in the trail itself. */
export async function exportAuditTrail(ctx: TenantContext, input: unknown, labels: AuditCsvLabels): Promise<{ csv: string; rows: number }> {
  requireRole(ctx, "OWNER");
  const parsed = AuditFilter.safeParse(input ?? {});
  if (!parsed.success) throw fromZod(parsed.error);
  const filter = { ...parsed.data, cursor: undefined };
  const rows = await tenantDb(ctx).auditEvent.findMany({
    where: await whereOf(ctx, filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: EXPORT_MAX_ROWS,
  });
  const shown = await present(ctx, rows);
  const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  const csv = stringify(
    [
      labels.header,
      ...shown.map((r) => [
        labels.time(r.at),
        labels.actor(r.actor),
        labels.action(r.action),
        r.subjectLabel ?? "",
        r.ip ?? "",
        r.browser ?? "",
        json(r.before),
        json(r.after),
        json(r.details),
      ]),
    ],
    { bom: true, delimiter: ";" },
  );
  const { cursor: _c, ...recorded } = filter;
  await recordAuditAlone(ctx, { action: "audit.export", subjectType: "organization", subjectId: ctx.orgId, details: { filter: recorded, rows: rows.length } });
  return { csv, rows: rows.length };
}
