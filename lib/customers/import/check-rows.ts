// The rows of an import file, checked and normalised as they will be stored: the
// dry run shows what this finds, and the import job stores only the rows it
// accepts (a bad row never stops the good ones). Pure: no database.
import { z } from "zod";
import { normalizePhone } from "@/lib/validation/enrollment";
import type { ImportField, Mapping } from "./fields";

export type ImportRow = {
  /** The row's line in the file (the header is line 1). */
  row: number;
  name: string;
  email: string | null;
  phone: string | null;
  birthday: Date | null;
  /** Open stamps (a full card already turned into a reward). */
  stamps: number;
  rewards: number;
  joinedAt: Date | null;
  consent: boolean;
  externalId: string | null;
};

/** A row's problem: a key under customerImport.rowErrors, the field it concerns and the value as read. */
export type RowError = { row: number; field: ImportField | null; code: string; value?: string };

export type CheckedRows = { valid: ImportRow[]; errors: RowError[]; failedRows: number };

/** Limits that catch a wrong column (a phone number mapped to stamps), not real balances. */
export const MAX_STAMPS = 1000;
export const MAX_REWARDS = 100;

const email = z.string().max(200).email();

/** 31-12-2024, 31/12/2024, 31.12.2024 (day first, as in the Netherlands) or 2024-12-31 → that day at 00:00 UTC. */
export function parseDate(raw: string): Date | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : (m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s)) ? [m[3], m[2], m[1]] : [];
  if (!y) return null;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return real && date.getUTCFullYear() >= 1900 ? date : null;
}

const YES = new Set(["ja", "j", "yes", "y", "true", "waar", "1", "x", "akkoord", "aan"]);
const NO = new Set(["nee", "n", "no", "false", "onwaar", "0", "", "-", "uit"]);

/** Marketing consent: yes/no in Dutch or English; empty means no. Anything else: null (an error, never a guess). */
export function parseConsent(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  return YES.has(s) ? true : NO.has(s) ? false : null;
}

/** A whole number from 0 to max (empty is 0). */
function parseCount(raw: string, max: number): number | null {
  const s = raw.trim();
  if (s === "") return 0;
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

/**
 * Checks every row against `mapping`. Stamps beyond a full card become rewards
 * (`stampsRequired`). A customer may appear only once: the second row with an
 * email, phone or customer number seen before fails as a duplicate.
 */
export function checkRows(rows: readonly (readonly string[])[], mapping: Mapping, opts: { stampsRequired: number; firstRow: number }): CheckedRows {
  const valid: ImportRow[] = [];
  const errors: RowError[] = [];
  const seen = { email: new Map<string, number>(), phone: new Map<string, number>(), externalId: new Map<string, number>() };
  let failedRows = 0;

  rows.forEach((cells, i) => {
    const row = opts.firstRow + i;
    const rowErrors: RowError[] = [];
    const cell = (f: ImportField) => (mapping[f] === undefined ? "" : String(cells[mapping[f]] ?? "").trim());
    const fail = (field: ImportField | null, code: string, value?: string) => rowErrors.push({ row, field, code, ...(value ? { value } : {}) });

    const name = cell("name").replace(/\s+/g, " ");
    if (!name) fail("name", "nameRequired");
    else if (name.length > 80) fail("name", "tooLong", name);

    let mail: string | null = cell("email").toLowerCase() || null;
    if (mail && !email.safeParse(mail).success) {
      fail("email", "emailInvalid", cell("email"));
      mail = null;
    }
    let phone: string | null = null;
    if (cell("phone")) {
      phone = normalizePhone(cell("phone"));
      if (!phone) fail("phone", "phoneInvalid", cell("phone"));
    }
    const externalId = cell("externalId") || null;
    if (externalId && externalId.length > 64) fail("externalId", "tooLong", externalId);

    const date = (f: "birthday" | "joinedAt") => {
      if (!cell(f)) return null;
      const d = parseDate(cell(f));
      if (!d || d.getTime() > Date.now()) fail(f, "dateInvalid", cell(f));
      return d;
    };
    const birthday = date("birthday");
    const joinedAt = date("joinedAt");

    const count = (f: "stamps" | "rewards", max: number) => {
      const n = parseCount(cell(f), max);
      if (n === null) fail(f, "numberInvalid", cell(f));
      return n ?? 0;
    };
    const stamps = count("stamps", MAX_STAMPS);
    const rewards = count("rewards", MAX_REWARDS);

    const consent = parseConsent(cell("consent"));
    if (consent === null) fail("consent", "consentInvalid", cell("consent"));

    if (!rowErrors.some((e) => e.field === "email" || e.field === "phone") && !mail && !phone && !externalId) fail(null, "contactRequired");

    // Duplicates inside the file: only rows that are otherwise fine claim their keys.
    if (rowErrors.length === 0) {
      const keys = [
        ["email", mail],
        ["phone", phone],
        ["externalId", externalId],
      ] as const;
      const dup = keys.find(([f, v]) => v !== null && seen[f].has(v));
      if (dup) fail(dup[0], "duplicateInFile", dup[1] ?? undefined);
      else for (const [f, v] of keys) if (v !== null) seen[f].set(v, row);
    }

    if (rowErrors.length) {
      failedRows++;
      errors.push(...rowErrors);
      return;
    }
    valid.push({
      row,
      name,
      email: mail,
      phone,
      birthday,
      stamps: stamps % opts.stampsRequired,
      rewards: rewards + Math.floor(stamps / opts.stampsRequired),
      joinedAt,
      consent: consent ?? false,
      externalId,
    });
  });
  return { valid, errors, failedRows };
}
