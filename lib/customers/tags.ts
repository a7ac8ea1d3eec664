// Tags and a note on customers (dashboard → Klanten): the merchant's own labels
// ("VIP", "Student") and a free-text note. A tag has one spelling per
// organization: adding "vip" where "VIP" is in use adds "VIP". Managers and
// owners only, like the list. Another organization's customer id reads as not found.
import { sql } from "kysely";
import { AppError } from "@/lib/errors/app-error";
import { run, sqlb } from "@/lib/db/sql";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";
import { NoteInput, TagInput, type CustomerFilter } from "@/lib/validation/customers";
import { filteredCustomers, resolveFilter } from "./customer-filter";

/** The spelling already in use for this tag (ignoring case), or the one given. */
async function spelling(tx: TenantTx, tag: string): Promise<string> {
  const used = await tx.customerTag.findFirst({ where: { tag: { equals: tag, mode: "insensitive" } }, select: { tag: true }, orderBy: { createdAt: "asc" } });
  return used?.tag ?? tag;
}

async function customerOf(tx: TenantTx, customerId: unknown): Promise<string> {
  const id = EntityId.safeParse(customerId);
  const found = id.success && (await tx.customer.findFirst({ where: { id: id.data }, select: { id: true } }));
  if (!found) throw new AppError("NOT_FOUND");
  return found.id;
}

function parseTag(tag: unknown): string {
  const r = TagInput.safeParse(tag);
  if (!r.success) throw new AppError("VALIDATION", r.error.issues[0].message, { tag: [r.error.issues[0].message] });
  return r.data;
}

/** Puts `tag` on a customer (nothing changes when it is there already). Returns the tag as stored. */
export async function addTag(ctx: TenantContext, customerId: string, tag: string): Promise<string> {
  requireRole(ctx, "MANAGER");
  const wanted = parseTag(tag);
  return tenantDb(ctx).$transaction(async (tx) => {
    const id = await customerOf(tx, customerId);
    const stored = await spelling(tx, wanted);
    await tx.customerTag.createMany({ data: [{ organizationId: ctx.orgId, customerId: id, tag: stored }], skipDuplicates: true });
    return stored;
  });
}

/** Takes `tag` (any case) off a customer. */
export async function removeTag(ctx: TenantContext, customerId: string, tag: string): Promise<void> {
  requireRole(ctx, "MANAGER");
  const wanted = parseTag(tag);
  await tenantDb(ctx).$transaction(async (tx) => {
    const id = await customerOf(tx, customerId);
    await tx.customerTag.deleteMany({ where: { customerId: id, tag: { equals: wanted, mode: "insensitive" } } });
  });
}

/** Sets the customer's note; an empty note clears it. */
export async function setNote(ctx: TenantContext, customerId: string, note: string): Promise<void> {
  requireRole(ctx, "MANAGER");
  const r = NoteInput.safeParse(note);
  if (!r.success) throw new AppError("VALIDATION", r.error.issues[0].message, { note: [r.error.issues[0].message] });
  await tenantDb(ctx).$transaction(async (tx) => {
    const id = await customerOf(tx, customerId);
    await tx.customer.update({ where: { id }, data: { note: r.data } });
  });
}

/**
 * Puts `tag` on every customer in the list's current search and filters (the
 * same condition as the list, so "everyone in this list" means exactly the rows
 * counted there). Returns how many customers got it (those who had it already
 * are not counted).
 */
export async function addTagToFiltered(ctx: TenantContext, filter: CustomerFilter, tag: string): Promise<number> {
  requireRole(ctx, "MANAGER");
  const wanted = parseTag(tag);
  return tenantDb(ctx).$transaction(
    async (tx, sql_) => {
      const stored = await spelling(tx, wanted);
      const f = await resolveFilter(sql_, ctx.orgId, filter);
      const insert = sqlb
        .insertInto("CustomerTag")
        .columns(["id", "organizationId", "customerId", "tag"])
        .expression(
          filteredCustomers(ctx.orgId, f).select([
            sql<string>`gen_random_uuid()::text`.as("id"),
            "c.organizationId",
            "c.id as customerId",
            sql<string>`${stored}::text`.as("tag"),
          ]),
        )
        .onConflict((oc) => oc.columns(["organizationId", "customerId", "tag"]).doNothing())
        .returning(sql<number>`1`.as("one"));
      const [{ added }] = await run(
        sql_,
        sqlb
          .with("ins", () => insert)
          .selectFrom("ins")
          .select(sql<number>`count(*)::int`.as("added")),
      );
      return added;
    },
    { timeout: 60_000 },
  );
}
