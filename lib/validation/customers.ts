// The customer list's state (dashboard → Klanten), kept in the URL so a filtered
// list can be bookmarked and shared: search, filters, sort and page. Parsed
// leniently, field by field: a value that makes no sense is dropped (or clamped
// to the nearest sensible one), never an error — a hand-edited or outdated link
// still opens the list. `customerListSearch` writes the state back (defaults
// left out), for links to other pages, sorts and filters.
import { z } from "zod";
import { AcquisitionSource, LoyaltyCell, LoyaltyRung, RfmSegment } from "@/lib/generated/prisma/enums";
import { EntityId } from "./ids";

export const CUSTOMER_SORTS = ["name", "joined", "lastVisit"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export type SortDir = "asc" | "desc";
/** Each column's natural first direction: names A→Z, newest first. */
export const DEFAULT_DIR: Record<CustomerSort, SortDir> = { name: "asc", joined: "desc", lastVisit: "desc" };
export const PAGE_SIZES = [25, 50, 100] as const;
export const MAX_PAGE = 10_000;
export const SOURCES = Object.values(AcquisitionSource) as AcquisitionSource[];
/** The Insights groups a list can be narrowed to (CustomerScore, lib/insights/refresh-insights.ts). */
export const SEGMENTS = Object.values(RfmSegment) as RfmSegment[];
export const RUNGS = Object.values(LoyaltyRung) as LoyaltyRung[];
export const CELLS = Object.values(LoyaltyCell) as LoyaltyCell[];

export type CustomerListParams = {
  /** Free text: name, email, phone or card number fragments. */
  q?: string;
  program?: string;
  source?: AcquisitionSource;
  /** Location of the customer's last visit. */
  location?: string;
  consent?: "yes" | "no";
  reward?: "yes" | "no";
  /** Calendar days (YYYY-MM-DD) in the merchant's time zone, both ends included. */
  lastVisitFrom?: string;
  lastVisitTo?: string;
  joinedFrom?: string;
  joinedTo?: string;
  tag?: string;
  /** Insights: the RFM segment, loyalty-ladder rung or loyalty-matrix cell of the latest score refresh. */
  segment?: RfmSegment;
  rung?: LoyaltyRung;
  cell?: LoyaltyCell;
  sort: CustomerSort;
  dir: SortDir;
  page: number;
  /** One of PAGE_SIZES when parsed from a URL. */
  size: number;
};

export const DEFAULT_LIST: CustomerListParams = { sort: "joined", dir: "desc", page: 1, size: 25 };

const text = (max: number) =>
  z
    .string()
    // NUL cannot be stored or compared in PostgreSQL text (a search with %00 was a 500): dropped.
    .transform((s) => s.normalize("NFC").replace(/\0/g, "").replace(/\s+/g, " ").trim().slice(0, max))
    .pipe(z.string().min(1));
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
  });
const yesNo = z.enum(["yes", "no"]);

const FIELDS = {
  q: text(100),
  program: EntityId,
  source: z.enum(SOURCES as [AcquisitionSource, ...AcquisitionSource[]]),
  location: EntityId,
  consent: yesNo,
  reward: yesNo,
  lastVisitFrom: day,
  lastVisitTo: day,
  joinedFrom: day,
  joinedTo: day,
  tag: text(40),
  segment: z.enum(SEGMENTS as [RfmSegment, ...RfmSegment[]]),
  rung: z.enum(RUNGS as [LoyaltyRung, ...LoyaltyRung[]]),
  cell: z.enum(CELLS as [LoyaltyCell, ...LoyaltyCell[]]),
} satisfies Partial<Record<keyof CustomerListParams, z.ZodType>>;

type Input = URLSearchParams | Record<string, string | string[] | undefined>;

function first(input: Input, key: string): string | undefined {
  const v = input instanceof URLSearchParams ? (input.get(key) ?? undefined) : input[key];
  return Array.isArray(v) ? v[0] : v;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** The list's state from the URL's search params (a page's `searchParams`, or URLSearchParams). */
export function parseCustomerListParams(input: Input): CustomerListParams {
  const out: CustomerListParams = { ...DEFAULT_LIST };
  for (const [key, schema] of Object.entries(FIELDS)) {
    const r = schema.safeParse(first(input, key));
    if (r.success) (out as Record<string, unknown>)[key] = r.data;
  }
  // A range typed backwards is meant the right way round.
  for (const [from, to] of [
    ["lastVisitFrom", "lastVisitTo"],
    ["joinedFrom", "joinedTo"],
  ] as const) {
    if (out[from] && out[to] && out[from]! > out[to]!) [out[from], out[to]] = [out[to], out[from]];
  }
  const sort = first(input, "sort");
  out.sort = (CUSTOMER_SORTS as readonly string[]).includes(sort ?? "") ? (sort as CustomerSort) : DEFAULT_LIST.sort;
  const dir = first(input, "dir");
  out.dir = dir === "asc" || dir === "desc" ? dir : DEFAULT_DIR[out.sort];
  const page = Number.parseInt(first(input, "page") ?? "", 10);
  out.page = Number.isFinite(page) ? clamp(page, 1, MAX_PAGE) : 1;
  const size = Number.parseInt(first(input, "size") ?? "", 10);
  // The nearest offered page size at or above the one asked (at most the largest).
  out.size = Number.isFinite(size) ? (PAGE_SIZES.find((s) => s >= size) ?? PAGE_SIZES[PAGE_SIZES.length - 1]) : DEFAULT_LIST.size;
  return out;
}

/** Only the filters (no sort or page): what "apply to everyone in this list" acts on. */
export type CustomerFilter = Omit<CustomerListParams, "sort" | "dir" | "page" | "size">;

/** Whether any search or filter narrows the list. */
export const isFiltered = (p: CustomerFilter) => (Object.keys(FIELDS) as (keyof CustomerFilter)[]).some((k) => p[k] !== undefined);

/**
 * The state as a query string (without "?"), defaults left out, with `changes`
 * applied: a changed filter or sort goes back to page 1 unless a page is given.
 */
export function customerListSearch(params: CustomerListParams, changes: Partial<CustomerListParams> = {}): string {
  const next = { ...params, ...changes };
  if (!("page" in changes) && Object.keys(changes).length) next.page = 1;
  const out = new URLSearchParams();
  for (const key of Object.keys(FIELDS) as (keyof CustomerFilter)[]) {
    const v = next[key];
    if (v !== undefined && v !== "") out.set(key, String(v));
  }
  if (next.sort !== DEFAULT_LIST.sort) out.set("sort", next.sort);
  if (next.dir !== DEFAULT_DIR[next.sort]) out.set("dir", next.dir);
  if (next.page !== 1) out.set("page", String(next.page));
  if (next.size !== DEFAULT_LIST.size) out.set("size", String(next.size));
  return out.toString();
}

// ---------------------------------------------------------------- tags and notes

/** A tag as the merchant types it: one line, spaces collapsed, 1–40 characters. */
export const TagInput = z
  .string({ message: "tagRequired" })
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "tagRequired").max(40, "tooLong"));

/** The free-text note on a customer; empty clears it. */
export const NoteInput = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\r\n/g, "\n").trim())
  .pipe(z.string().max(2000, "tooLong"))
  .transform((s) => (s === "" ? null : s));
