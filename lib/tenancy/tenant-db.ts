// The one way to touch tenant data with Prisma. `tenantDb(ctx)` returns a
// client that (1) puts `organizationId = ctx.orgId` inside every where and
// every write, so a guessed id of another merchant reads as "not found", and
// (2) runs each query in a transaction that pins `app.org_id`, so PostgreSQL's
// row-level security (fail-closed, docs/tenancy.md) holds whatever the query
// says. Non-tenant models and raw SQL are refused at run time; the CardEvent
// ledger is append-only.
import { db, type Db } from "@/lib/db/client";
import { currentRequestId } from "@/lib/log/request-context";
import type { TenantContext } from "./context";
import type { TenantSql } from "./tenant-sql";

/** Models that belong to one organization, by the column that names it. */
const TENANT_KEY: Record<string, "organizationId" | "id"> = {
  Organization: "id",
  Membership: "organizationId",
  Location: "organizationId",
  CardProgram: "organizationId",
  CardProgramVersion: "organizationId",
  Device: "organizationId",
  DeviceSession: "organizationId",
  PinChange: "organizationId",
  Invitation: "organizationId",
  Customer: "organizationId",
  Card: "organizationId",
  CardEvent: "organizationId",
  PassRegistration: "organizationId",
  WalletMessage: "organizationId",
  CustomerTag: "organizationId",
  TabletPairing: "organizationId",
  CustomerImport: "organizationId",
  AuditEvent: "organizationId",
  Visit: "organizationId",
  CustomerScore: "organizationId",
  LoyaltyChange: "organizationId",
  InsightCohort: "organizationId",
  InsightPeriod: "organizationId",
  InsightResult: "organizationId",
  SurveyAnswer: "organizationId",
  Campaign: "organizationId",
  Automation: "organizationId",
  Delivery: "organizationId",
  CampaignCount: "organizationId",
  Referral: "organizationId",
  SavedCustomerFilter: "organizationId",
  WebhookEndpoint: "organizationId",
  WebhookEvent: "organizationId",
  WebhookDelivery: "organizationId",
  ApiKey: "organizationId",
  ApiIdempotencyKey: "organizationId",
  Payment: "organizationId",
  Invoice: "organizationId",
};

/** The Prisma client's property names of the tenant models (`cardEvent`, …). */
export const TENANT_MODELS = new Set(Object.keys(TENANT_KEY).map((m) => m[0].toLowerCase() + m.slice(1)));

const APPEND_ONLY = new Set(["CardEvent"]);
const WRITES_THAT_CHANGE_ROWS = new Set(["update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object; update?: object };

function withoutTenantKey(data: unknown, key: string): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const copy = { ...(data as Record<string, unknown>) };
  delete copy[key];
  return copy;
}

export class TenancyViolation extends Error {}

export function scopeArgs(model: string, operation: string, args: Args, orgId: string): Args {
  const key = TENANT_KEY[model];
  if (!key) throw new TenancyViolation(`${model} is not tenant data and cannot be reached through tenantDb`);
  if (APPEND_ONLY.has(model) && WRITES_THAT_CHANGE_ROWS.has(operation)) {
    throw new TenancyViolation(`${model} is an append-only ledger: ${operation} is not allowed`);
  }
  if (model === "Organization" && (CREATES.has(operation) || operation === "delete" || operation === "deleteMany")) {
    throw new TenancyViolation("Organizations are created and deleted by lib/organizations, not by a tenant");
  }
  const next: Args = { ...args };
  const stamp = (d: unknown) => ({ ...(d as object), [key]: orgId });

  if (CREATES.has(operation)) {
    next.data = Array.isArray(args.data) ? args.data.map(stamp) : stamp(args.data);
    return next;
  }
  // AND, not overwrite: a where naming another tenant's id must match nothing,
  // not be silently redirected to this tenant's row.
  const where = (args.where ?? {}) as { AND?: object | object[] };
  const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
  next.where = { ...where, AND: [...and, { [key]: orgId }] };
  if (operation === "upsert") {
    next.create = stamp(args.create);
    next.update = withoutTenantKey(args.update, key) as object;
  } else if ("data" in args) {
    // Rows never move between tenants.
    next.data = withoutTenantKey(args.data, key);
  }
  return next;
}

/**
 * Pins the organization on `c` (the client, or an interactive transaction), and records the current request's id
 * for rows written by triggers (webhook events).
 */
const pin = (c: Pick<Db, "$executeRaw">, orgId: string) =>
  c.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true), set_config('app.request_id', ${currentRequestId() ?? ""}, true)`;
const PIN = (orgId: string) => pin(db(), orgId);

/** Scoping only: every where/data carries the organization. */
function scopedClient(orgId: string) {
  return db().$extends({
    name: "tenancy",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, (args ?? {}) as Args, orgId) as typeof args);
        },
      },
    },
  });
}

/**
 * Scoping + pinning: each query runs in its own short transaction that first
 * pins `app.org_id` (Prisma's row-level-security extension pattern), so the
 * database's policies see this organization and no other.
 */
function pinnedClient(scoped: ScopedClient, orgId: string) {
  return scoped.$extends({
    name: "tenancy-pin",
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          const [, result] = await db().$transaction([PIN(orgId), query(args)]);
          return result;
        },
      },
    },
  });
}

type ScopedClient = ReturnType<typeof scopedClient>;
type PinnedClient = ReturnType<typeof pinnedClient>;
type Unscoped =
  | "$queryRaw"
  | "$queryRawUnsafe"
  | "$executeRaw"
  | "$executeRawUnsafe"
  | "$extends"
  | "$connect"
  | "$disconnect"
  | "$transaction"
  | "user"
  | "passwordResetToken"
  | "rateLimitBucket"
  | "outboxEmail"
  | "walletDeviceLog";
const REFUSED = new Set<string | symbol>([
  "$queryRaw",
  "$queryRawUnsafe",
  "$executeRaw",
  "$executeRawUnsafe",
  "$extends",
  "$runCommandRaw",
  "user",
  "passwordResetToken",
  "rateLimitBucket",
  "outboxEmail",
  "walletDeviceLog",
]);

/** The client inside `tenantDb(ctx).$transaction(fn)`: scoped, and pinned once for the whole transaction. */
export type TenantTx = Omit<Parameters<Parameters<ScopedClient["$transaction"]>[0]>[0], Unscoped>;
export type TenantDb = Omit<PinnedClient, Unscoped> & {
  /** An interactive transaction pinned to the organization (the array form is not offered: each query pins itself). */
  $transaction<R>(fn: (tx: TenantTx, sql: TenantSql) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
};

export function tenantDb(ctx: Pick<TenantContext, "orgId">): TenantDb {
  if (!ctx.orgId) throw new TenancyViolation("tenantDb needs an organization");
  const orgId = ctx.orgId;
  const scoped = scopedClient(orgId);
  const pinned = pinnedClient(scoped, orgId);
  // `sql` runs hand-written SQL in the same pinned transaction (e.g. a job
  // enqueue that must commit with the change that causes it).
  const $transaction = <R>(fn: (tx: TenantTx, sql: TenantSql) => Promise<R>, options?: { timeout?: number; maxWait?: number }) => {
    if (typeof fn !== "function") throw new TenancyViolation("tenantDb.$transaction takes a callback");
    return scoped.$transaction(async (tx) => {
      await pin(tx, orgId);
      const sql: TenantSql = <R>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...params);
      return fn(tx, sql);
    }, options);
  };
  // Raw SQL and global models are refused at run time too, not only hidden from the type.
  const refuse = (what: string) => () => {
    throw new TenancyViolation(`${what} is not reachable through tenantDb`);
  };
  return new Proxy(pinned, {
    get(target, prop, receiver) {
      if (prop === "$transaction") return $transaction;
      if (typeof prop === "string" && REFUSED.has(prop)) {
        // A model: every operation on it throws. Raw SQL: the call throws.
        return prop.startsWith("$") ? refuse(prop) : new Proxy({}, { get: (_t, op) => refuse(`${prop}.${String(op)}`) });
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as TenantDb;
}
