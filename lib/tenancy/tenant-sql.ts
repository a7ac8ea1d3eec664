// SQL for hot paths, still inside the tenancy boundary: the transaction pins
// `app.org_id`, and PostgreSQL row-level security (fail-closed on every tenant
// table, migration 20261125195000_tenancy_fail_closed) then hides and refuses
// every other organization's rows — whatever the SQL text says. Queries should
// still name the organization for index use.
import pg, { type PoolClient, type QueryResult } from "pg";
import { pool } from "@/lib/db/pool";
import { currentRequestId } from "@/lib/log/request-context";

export type TenantSql = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;
/** Runs its (literal-only) SQL and COMMIT in one round trip; returns the rows of the first statement. */
export type CommitWith = <R = Record<string, unknown>>(text: string) => Promise<R[]>;

/** `text` with $1…$n replaced by escaped literals (for statements sent in one round trip with others). */
export function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "boolean") return v ? "true" : "false";
    return pg.escapeLiteral(String(v));
  });
}

/**
 * BEGIN, and the current request's id for the transaction (`app.request_id`):
 * rows written by triggers (webhook events) record which request caused them.
 * `statements`: how many results it adds before the opening's own.
 */
function preamble(): { text: string; statements: number } {
  const requestId = currentRequestId();
  return requestId
    ? { text: `BEGIN; SELECT set_config('app.request_id', ${pg.escapeLiteral(requestId)}, true);`, statements: 2 }
    : { text: "BEGIN;", statements: 1 };
}

/** One transaction on one pooled connection: `opening` (sent in one round trip, after the preamble) starts it; `opened` are the opening's results. */
async function transaction<T>(opening: string, fn: (opened: QueryResult[], sql: TenantSql, commitWith: CommitWith) => Promise<T>): Promise<T> {
  const client: PoolClient = await pool().connect();
  let committed = false;
  try {
    const pre = preamble();
    const opened = ((await client.query(`${pre.text} ${opening}`)) as unknown as QueryResult[]).slice(pre.statements);
    const commitWith: CommitWith = async <R>(text: string) => {
      const results = (await client.query(`${text}; COMMIT`)) as unknown as QueryResult[];
      committed = true;
      return results[0].rows as R[];
    };
    const result = await fn(opened, async (text, params) => (await client.query(text, params)).rows, commitWith);
    if (!committed) await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

export function withTenantTransaction<T>(orgId: string, fn: (sql: TenantSql, commitWith: CommitWith) => Promise<T>): Promise<T> {
  // Organization ids are cuids; checked so they can be inlined in the one-round-trip opening.
  if (!/^[a-z0-9]{10,40}$/i.test(orgId)) throw new Error("withTenantTransaction needs an organization id");
  // Begin and pin the organization (the app's login role has no BYPASSRLS).
  return transaction(`SELECT set_config('app.org_id', '${orgId}', true)`, (_opened, sql, commitWith) => fn(sql, commitWith));
}

/**
 * Raw SQL on global tables that must commit with a job (the email outbox and its
 * retry job, lib/email/send-email.ts): no organization is pinned, so row-level
 * security shows no tenant row at all.
 */
export function withGlobalTransaction<T>(fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  return transaction("SELECT set_config('app.org_id', '', true)", (_opened, sql) => fn(sql));
}

/**
 * For hot paths that learn the organization from a lookup (a tablet session):
 * the opening round trip also runs `opening` — SQL whose first statement must
 * pin the organization with `set_config('app.org_id', …, true)`, built with
 * `literal()` (values escaped, never concatenated raw). The rows of its
 * statements are passed to `fn`, which continues in the same transaction.
 */
export function withTenantTransactionOpenedBy<T>(
  opening: (literal: (value: string) => string) => string,
  fn: (openedRows: Record<string, unknown>[][], sql: TenantSql, commitWith: CommitWith) => Promise<T>,
): Promise<T> {
  return transaction(opening(pg.escapeLiteral), (opened, sql, commitWith) =>
    fn(
      opened.map((r) => r.rows),
      sql,
      commitWith,
    ),
  );
}
