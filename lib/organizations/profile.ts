// Instellingen → Bedrijf and Regio & taal: the shop's business profile (on
// invoices, passes and the enrollment page), its time zone and the language of
// its passes. A change customers see on their card (name, address, contact,
// language) gives every installed pass a new version, as a design change does.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { dropKeptPanels } from "@/lib/insights/kept";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { walletProgramChanged } from "@/lib/wallet/card-changes";
import { imageUrl } from "@/lib/images/process-upload";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .transform((s) => s || null);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable().optional());
const squeeze = (v: unknown) => (typeof v === "string" ? v.replace(/[\s.-]/g, "").toUpperCase() : v);

/** KvK: eight digits (spaces and dots allowed while typing). */
const kvk = z.preprocess(squeeze, z.string().regex(/^\d{8}$/, "kvk"));
/** An EU VAT number: a Dutch one strictly (NL + 9 digits + B + 2 digits), others by shape. */
const vat = z.preprocess(
  squeeze,
  z.string().regex(/^(NL\d{9}B\d{2}|(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z]{2,12})$/, "vat"),
);
const email = z.string().trim().toLowerCase().max(200, "tooLong").email("email");
const phone = z
  .string()
  .trim()
  .max(30, "tooLong")
  .refine((s) => /^\+?[0-9][0-9 ()-]{6,}$/.test(s) && s.replace(/\D/g, "").length >= 8, "phone");
const website = z
  .string()
  .trim()
  .max(200, "tooLong")
  .transform((s) => (/^https?:\/\//i.test(s) ? s : `https://${s}`))
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".");
    } catch {
      return false;
    }
  }, "url");

export const BusinessProfileRequest = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(80, "tooLong"),
    legalName: optional(text(120)),
    addressLine: optional(text(120)),
    postalCode: optional(z.string().trim().toUpperCase().max(12, "tooLong")),
    city: optional(text(80)),
    kvkNumber: optional(kvk),
    vatNumber: optional(vat),
    contactEmail: optional(email),
    contactPhone: optional(phone),
    website: optional(website),
    privacyContactEmail: optional(email),
    billingEmail: optional(email),
    /** A logo just uploaded (processUpload's key), or "" to remove it; absent keeps the current one. */
    logoKey: z.string().max(200).optional(),
  })
  .superRefine((v, issue) => {
    // The profile is Dutch (the country is NL): "1234 AB".
    if (v.postalCode && !/^[1-9]\d{3} ?[A-Z]{2}$/.test(v.postalCode)) issue.addIssue({ code: "custom", path: ["postalCode"], message: "postalCode" });
  })
  .transform((v) => ({ ...v, postalCode: v.postalCode ? `${v.postalCode.slice(0, 4)} ${v.postalCode.slice(-2)}` : v.postalCode }));

/** Parsed, or an AppError("VALIDATION") with a message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

export type BusinessProfileInput = z.input<typeof BusinessProfileRequest>;

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));
export const RegionRequest = z.object({
  timezone: z.string().refine((tz) => TIME_ZONES.has(tz) || tz === "UTC", "timezone"),
  locale: z.enum(["nl", "en"], { message: "locale" }),
});

/** What Instellingen shows and edits. */
const PROFILE = {
  name: true,
  legalName: true,
  logoUrl: true,
  addressLine: true,
  postalCode: true,
  city: true,
  kvkNumber: true,
  vatNumber: true,
  contactEmail: true,
  contactPhone: true,
  website: true,
  privacyContactEmail: true,
  billingEmail: true,
  timezone: true,
  locale: true,
  country: true,
} as const;

/** Fields a pass or the web card shows: a change to one gives every pass a new version. */
const ON_PASS = ["name", "addressLine", "postalCode", "city", "contactEmail", "contactPhone", "website", "locale"] as const;

export function getBusinessProfile(ctx: TenantContext) {
  return tenantDb(ctx).organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: PROFILE });
}

type Changes = Record<string, unknown>;

/** Writes `data`, audits what changed (before/after) and moves the passes when a field they show changed. */
async function save(ctx: TenantContext, data: Changes) {
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const current = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: PROFILE });
    const before: Changes = {};
    const after: Changes = {};
    for (const [k, v] of Object.entries(data)) {
      if (v !== undefined && (current as Changes)[k] !== v) {
        before[k] = (current as Changes)[k] ?? null;
        after[k] = v;
      }
    }
    if (Object.keys(after).length === 0) return { changed: [] as string[], passesUpdated: false };
    await tx.organization.update({ where: { id: ctx.orgId }, data: after });
    // A big merchant's kept Inzichten figures are days in the old time zone.
    if ("timezone" in after) await dropKeptPanels(tx);
    await recordAudit(tx, ctx, {
      action: "organization.update",
      subjectType: "organization",
      subjectId: ctx.orgId,
      before: before as never,
      after: after as never,
    });
    const passesUpdated = ON_PASS.some((k) => k in after);
    if (passesUpdated) {
      const programs = await tx.cardProgram.findMany({ where: { status: { not: "DRAFT" } }, select: { id: true } });
      for (const p of programs) await walletProgramChanged(sql, ctx.orgId, p.id);
    }
    return { changed: Object.keys(after), passesUpdated };
  });
}

export async function updateBusinessProfile(ctx: TenantContext, input: unknown) {
  requireRole(ctx, "OWNER");
  const { logoKey, ...data } = parseInput(BusinessProfileRequest, input);
  let logoUrl: string | null | undefined;
  if (logoKey === "") logoUrl = null;
  else if (logoKey !== undefined) {
    // Only a logo this organization uploaded (lib/images/process-upload.ts names it org/<id>/logo-…).
    if (!logoKey.startsWith(`org/${ctx.orgId}/logo-`) || !/^[A-Za-z0-9/_-]+$/.test(logoKey)) throw new AppError("VALIDATION", "logo", { logo: ["logo"] });
    logoUrl = imageUrl(logoKey, 3);
  }
  return save(ctx, { ...data, logoUrl });
}

export async function updateRegion(ctx: TenantContext, input: unknown) {
  requireRole(ctx, "OWNER");
  return save(ctx, parseInput(RegionRequest, input));
}
