// The background job of a customer import (queue "customer-import"): reads the
// stored file again, checks every row, and writes the good ones in batches. Each
// batch commits together with the import's progress, so after a crash or restart
// the retried job goes on from the last committed batch, and a batch written
// twice would still change nothing (rows are matched, balances added once per card).
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { logger } from "@/lib/log/logger";
import { enqueue, jobBudgetMs, QUEUES, type CustomerImportJob } from "@/lib/jobs/queue";
import { withRunLock } from "@/lib/jobs/run-lock";
import { checkRows, type RowError } from "./check-rows";
import { readMapping } from "./mapping";
import { readImportFile } from "./read-file";
import { writeRows, type WriteContext } from "./write-rows";

export const BATCH_ROWS = 2000;

type Options = {
  batchRows?: number;
  /** Tests: stop (as a crash would) after this many batches. */
  stopAfterBatches?: number;
  budgetMs?: number;
};

type Run = { status: string; processed: number };

/** One run per import at a time (lib/jobs/run-lock.ts): a second is refused with RunBusy, and pg-boss retries it. */
export function runCustomerImport(job: CustomerImportJob, options: Options = {}): Promise<Run> {
  return withRunLock(`import:${job.importId}`, (stillHeld) => runImport(job, options, stillHeld));
}

async function runImport(job: CustomerImportJob, options: Options, stillHeld: () => void): Promise<Run> {
  const { orgId, importId } = job;
  const t = tenantDb({ orgId });
  const imp = await t.customerImport.findFirst({ where: { id: importId } });
  if (!imp || (imp.status !== "QUEUED" && imp.status !== "RUNNING")) return { status: imp?.status ?? "missing", processed: imp?.processed ?? 0 };
  const program = imp.programId
    ? await t.cardProgram.findFirst({ where: { id: imp.programId }, select: { id: true, version: true, stampsRequired: true } })
    : null;
  const mapping = readMapping(imp.mapping);
  if (!program || !mapping || !imp.fileData) {
    await t.customerImport.update({ where: { id: importId }, data: { status: "FAILED", finishedAt: new Date() } });
    return { status: "FAILED", processed: imp.processed };
  }
  if (imp.status === "QUEUED") await t.customerImport.update({ where: { id: importId }, data: { status: "RUNNING", startedAt: imp.startedAt ?? new Date() } });

  const table = await readImportFile(imp.fileData);
  // The whole file is checked each time (duplicates inside the file need all of it); cheap next to the writes.
  const checked = checkRows(table.rows, mapping, { stampsRequired: program.stampsRequired, firstRow: 2 });
  const w: WriteContext = { orgId, program, actorUserId: imp.createdByUserId, now: new Date() };
  const size = options.batchRows ?? BATCH_ROWS;
  const total = table.rows.length;
  let batches = 0;
  const started = Date.now();

  for (let start = imp.processed; start < total; start += size) {
    if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) return { status: "RUNNING", processed: start };
    if (batches > 0 && Date.now() - started > (options.budgetMs ?? jobBudgetMs())) {
      // Out of time (lib/jobs/queue.ts jobBudgetMs): a fresh job goes on from the last committed batch.
      await withTenantTransaction(orgId, (sql) => enqueue(QUEUES.customerImport, job, importId, sql));
      return { status: "RUNNING", processed: start };
    }
    stillHeld();
    const end = Math.min(start + size, total);
    // File rows start..end-1 are lines start+2..end+1.
    const inBatch = (row: number) => row >= start + 2 && row < end + 2;
    const rows = checked.valid.filter((r) => inBatch(r.row));
    const invalid = checked.errors.filter((e) => inBatch(e.row));
    const invalidRows = new Set(invalid.map((e) => e.row)).size;
    await withTenantTransaction(orgId, async (sql) => {
      const outcome = await writeBatchOrRows(orgId, sql, w, rows);
      const errors: RowError[] = [...invalid, ...outcome.errors].sort((a, b) => a.row - b.row);
      const failedWrites = new Set(outcome.errors.map((e) => e.row)).size;
      await sql(
        `UPDATE "CustomerImport" SET processed = $3, imported = imported + $4, updated = updated + $5, skipped = skipped + $6, failed = failed + $7,
                errors = errors || $8::jsonb, "updatedAt" = now()
          WHERE id = $1 AND "organizationId" = $2`,
        [importId, orgId, end, outcome.imported, outcome.updated, outcome.skipped, invalidRows + failedWrites, JSON.stringify(errors)],
      );
    });
    batches++;
  }
  // The file held personal data: it is not kept once imported.
  await t.customerImport.update({ where: { id: importId }, data: { status: "DONE", finishedAt: new Date(), fileData: null } });
  return { status: "DONE", processed: total };
}

/**
 * The batch in one go; if the database refuses it (a customer who signed up
 * meanwhile with the same email, say), each row on its own, inside a savepoint,
 * so one bad row fails alone.
 */
async function writeBatchOrRows(
  orgId: string,
  sql: Parameters<Parameters<typeof withTenantTransaction>[1]>[0],
  w: WriteContext,
  rows: Parameters<typeof writeRows>[2],
) {
  await sql("SAVEPOINT batch");
  try {
    const out = await writeRows(sql, w, rows);
    await sql("RELEASE SAVEPOINT batch");
    return out;
  } catch (e) {
    await sql("ROLLBACK TO SAVEPOINT batch");
    logger.warn({ orgId, error: (e as Error).message }, "import batch refused; writing its rows one by one");
  }
  const total = { imported: 0, updated: 0, skipped: 0, errors: [] as RowError[] };
  for (const row of rows) {
    await sql("SAVEPOINT one");
    try {
      const out = await writeRows(sql, w, [row]);
      await sql("RELEASE SAVEPOINT one");
      total.imported += out.imported;
      total.updated += out.updated;
      total.skipped += out.skipped;
      total.errors.push(...out.errors);
    } catch {
      await sql("ROLLBACK TO SAVEPOINT one");
      total.errors.push({ row: row.row, field: null, code: "saveFailed" });
    }
  }
  return total;
}
