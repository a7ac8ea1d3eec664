// The customer import's use cases (dashboard → Klanten → Importeren), for owners
// and managers: upload a file, dry run a column mapping, start the background
// job, follow its progress, download the per-row error report.
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { checkRows, type ImportRow, type RowError } from "./check-rows";
import { guessMapping, type Mapping } from "./fields";
import { DryRunRequest } from "./mapping";
import { readImportFile } from "./read-file";
import { findMatches } from "./write-rows";
import { recordAudit } from "@/lib/audit/audit";

const PREVIEW_ROWS = 10;
/** Errors sent to the page; the download has them all. */
const ERRORS_SHOWN = 200;

const allowed = (ctx: TenantContext) => requireRole(ctx, "MANAGER");

async function publishedPrograms(ctx: TenantContext) {
  return tenantDb(ctx).cardProgram.findMany({
    where: { status: "PUBLISHED" },
    select: { id: true, name: true, stampsRequired: true, version: true },
    orderBy: { createdAt: "asc" },
  });
}

async function findImport(ctx: TenantContext, id: string) {
  const imp = await tenantDb(ctx).customerImport.findFirst({ where: { id } });
  if (!imp) throw new AppError("NOT_FOUND");
  return imp;
}

export type UploadResult = {
  id: string;
  fileName: string;
  headers: string[];
  guess: Mapping;
  sample: string[][];
  total: number;
  programs: { id: string; name: string }[];
};

export async function uploadImport(ctx: TenantContext, input: { fileName: string; bytes: Uint8Array }): Promise<UploadResult> {
  allowed(ctx);
  const fileName = input.fileName.replace(/[\\/\r\n"]/g, "").slice(-120) || "import";
  const table = await readImportFile(input.bytes);
  const imp = await tenantDb(ctx).customerImport.create({
    data: {
      organizationId: ctx.orgId,
      fileName,
      fileType: table.type,
      fileData: Buffer.from(input.bytes),
      headers: table.headers,
      total: table.rows.length,
      createdByUserId: ctx.userId,
    },
    select: { id: true },
  });
  const programs = await publishedPrograms(ctx);
  return {
    id: imp.id,
    fileName,
    headers: table.headers,
    guess: guessMapping(table.headers),
    sample: table.rows.slice(0, 5),
    total: table.rows.length,
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
  };
}

export type PreviewRow = {
  row: number;
  values: Omit<ImportRow, "row" | "birthday" | "joinedAt"> & { birthday: string | null; joinedAt: string | null };
  errors: RowError[];
};
export type DryRunResult = {
  total: number;
  valid: number;
  failed: number;
  /** Valid rows that match a customer already on file (filled in, never duplicated). */
  existing: number;
  preview: (PreviewRow | { row: number; values: null; errors: RowError[] })[];
  errors: RowError[];
  errorCount: number;
};

/** Checks every row with the merchant's mapping, stores mapping and program, and says what the import would do. Writes no customer. */
export async function dryRunImport(ctx: TenantContext, id: string, input: unknown): Promise<DryRunResult> {
  allowed(ctx);
  const req = DryRunRequest.parse(input);
  const imp = await findImport(ctx, id);
  if (imp.status !== "UPLOADED" && imp.status !== "CHECKED") throw new AppError("CONFLICT", "importStarted");
  if (!imp.fileData) throw new AppError("CONFLICT", "importStarted");
  const program = (await publishedPrograms(ctx)).find((p) => p.id === req.programId);
  if (!program) throw new AppError("VALIDATION", "programRequired", { programId: ["programRequired"] });
  const table = await readImportFile(imp.fileData);
  if (Object.values(req.mapping).some((c) => c !== undefined && c >= table.headers.length))
    throw new AppError("VALIDATION", "columnMissing", { _form: ["columnMissing"] });

  const checked = checkRows(table.rows, req.mapping, { stampsRequired: program.stampsRequired, firstRow: 2 });
  // Against the customers on file: rows that would match two different ones fail already here.
  const match = await withTenantTransaction(ctx.orgId, (sql) => findMatches(sql, ctx.orgId, checked.valid));
  let existing = 0;
  const errors = [...checked.errors];
  for (const r of checked.valid) {
    const m = match(r);
    if (m === "conflict") errors.push({ row: r.row, field: null, code: "conflictingMatch" });
    else if (m) existing++;
  }
  errors.sort((a, b) => a.row - b.row);
  const failedRows = new Set(errors.map((e) => e.row));
  // The new customers (valid rows that match no one on file) must fit the plan.
  const adding = checked.valid.filter((r) => !failedRows.has(r.row)).length - existing;
  if (adding > 0) await assertWithinLimit(ctx, "customers", adding);
  await tenantDb(ctx).customerImport.update({
    where: { id },
    data: { mapping: req.mapping, programId: program.id, status: "CHECKED", total: table.rows.length, failed: failedRows.size, errors: errors as object[] },
  });

  const validByRow = new Map(checked.valid.map((r) => [r.row, r]));
  const preview = table.rows.slice(0, PREVIEW_ROWS).map((_, i) => {
    const row = i + 2;
    const v = validByRow.get(row);
    const rowErrors = errors.filter((e) => e.row === row);
    if (!v || rowErrors.length) return { row, values: null, errors: rowErrors };
    const { row: _r, birthday, joinedAt, ...rest } = v;
    return {
      row,
      values: { ...rest, birthday: birthday?.toISOString().slice(0, 10) ?? null, joinedAt: joinedAt?.toISOString().slice(0, 10) ?? null },
      errors: [],
    };
  });
  return {
    total: table.rows.length,
    valid: table.rows.length - failedRows.size,
    failed: failedRows.size,
    existing,
    preview,
    errors: errors.slice(0, ERRORS_SHOWN),
    errorCount: errors.length,
  };
}

/** Queues the import job (after a dry run), in the same transaction as the status change. A failed import resumes. */
export async function startImport(ctx: TenantContext, id: string): Promise<ImportProgress> {
  allowed(ctx);
  const imp = await findImport(ctx, id);
  if (imp.status !== "CHECKED" && imp.status !== "FAILED") throw new AppError("CONFLICT", imp.status === "UPLOADED" ? "dryRunFirst" : "importStarted");
  await tenantDb(ctx).$transaction(async (tx, sql) => {
    // The dry run checked the file's new customers fit; a plan already full refuses here too.
    await assertWithinLimit(tx, "customers");
    // Counts start again from where the job is (0 after a dry run; a failed run keeps what it wrote).
    const fresh = imp.status === "CHECKED";
    const claimed = await tx.customerImport.updateMany({
      where: { id, status: imp.status },
      data: {
        status: "QUEUED",
        finishedAt: null,
        ...(fresh ? { processed: 0, imported: 0, updated: 0, skipped: 0, failed: 0, errors: [] } : {}),
      },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "importStarted");
    await enqueue(QUEUES.customerImport, { orgId: ctx.orgId, importId: id }, id, sql);
    await recordAudit(tx, ctx, { action: "customer.import", subjectType: "customers", subjectId: id, details: { fileName: imp.fileName, rows: imp.total } });
  });
  return importProgress(ctx, id);
}

export type ImportProgress = {
  id: string;
  fileName: string;
  status: string;
  total: number;
  processed: number;
  percent: number;
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
};

export async function importProgress(ctx: TenantContext, id: string): Promise<ImportProgress> {
  allowed(ctx);
  const imp = await tenantDb(ctx).customerImport.findFirst({
    where: { id },
    select: { id: true, fileName: true, status: true, total: true, processed: true, imported: true, updated: true, skipped: true, failed: true },
  });
  if (!imp) throw new AppError("NOT_FOUND");
  const percent = imp.status === "DONE" ? 100 : imp.total ? Math.floor((imp.processed / imp.total) * 100) : 0;
  return { ...imp, percent };
}

/** The per-row problems of the last dry run or import, as CSV (UTF-8 with BOM, `;` for Dutch Excel). */
export async function errorReportCsv(ctx: TenantContext, id: string, t: (key: string) => string, locale: string): Promise<{ fileName: string; csv: string }> {
  allowed(ctx);
  const imp = await findImport(ctx, id);
  const headers = (imp.headers as string[]) ?? [];
  const mapping = (imp.mapping ?? {}) as Mapping;
  const errors = (imp.errors as RowError[]) ?? [];
  const sep = locale === "en" ? "," : ";";
  // A value a spreadsheet would run as a formula is shown as text.
  const cell = (raw: string) => {
    const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[";,\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [[t("report.row"), t("report.column"), t("report.value"), t("report.problem")].map(cell).join(sep)];
  for (const e of errors) {
    const column = e.field ? (mapping[e.field] !== undefined ? (headers[mapping[e.field]!] ?? "") : t(`fields.${e.field}`)) : "";
    lines.push([String(e.row), column, e.value ?? "", t(`rowErrors.${e.code}`)].map(cell).join(sep));
  }
  const base = imp.fileName.replace(/\.[^.]+$/, "");
  return { fileName: `${base}-${t("report.suffix")}.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}
