// Typed SQL. `sqlb` is a Kysely query builder over the row types generated from
// prisma/schema.prisma (lib/generated/kysely, by `prisma generate`): a renamed
// column fails `tsc` wherever a query names it. It only *compiles* queries —
// it holds no connection — and `run` executes them on a TenantSql, i.e. inside
// a transaction that lib/tenancy has pinned to one organization.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable, type Selectable } from "kysely";
import type { DB } from "@/lib/generated/kysely/types";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

export const sqlb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a compiled query in the caller's (pinned) transaction and returns its typed rows. */
export async function run<R>(sql: TenantSql, query: Compilable<R>): Promise<R[]> {
  const { sql: text, parameters } = query.compile();
  return sql<R>(text, [...parameters]);
}

/** A table's row as selected (Generated/ColumnType unwrapped). */
export type Row<T extends keyof DB> = Selectable<DB[T]>;
