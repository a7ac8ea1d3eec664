// The one way to touch tenant data. `tenantDb(ctx)` returns a Prisma client
// that puts `organizationId = ctx.orgId` inside every where and every write, so
// a query can never reach another merchant's rows, even by a guessed id (such a
// row reads as null / "not found"). Non-tenant models are refused, raw SQL is
// not exposed, and the CardEvent ledger is append-only.
import { db } from "@/lib/db/client";
import type { TenantContext } from "./context";

/** Models that belong to one organization, by the column that names it. */
const TENANT_KEY: Record<string, "organizationId" | "id"> = {
  Organization: "id",
  Membership: "organizationId",
  Location: "organizationId",
  CardProgram: "organizationId",
  CardProgramVersion: "organizationId",
  EnrollmentVerification: "organizationId",
  Device: "organizationId",
  DeviceSession: "organizationId",
  Invitation: "organizationId",
  Customer: "organizationId",
  Card: "organizationId",
  CardEvent: "organizationId",
  PassRegistration: "organizationId",
  WalletMessage: "organizationId",
};

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

function createTenantClient(orgId: string) {
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

type TenantClient = ReturnType<typeof createTenantClient>;
type Unscoped = "$queryRaw" | "$queryRawUnsafe" | "$executeRaw" | "$executeRawUnsafe" | "$extends" | "$connect" | "$disconnect" | "user" | "passwordResetToken" | "rateLimitBucket" | "outboxEmail";

export type TenantDb = Omit<TenantClient, Unscoped>;

export function tenantDb(ctx: Pick<TenantContext, "orgId">): TenantDb {
  if (!ctx.orgId) throw new TenancyViolation("tenantDb needs an organization");
  return createTenantClient(ctx.orgId);
}
