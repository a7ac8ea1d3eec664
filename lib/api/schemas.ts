// One zod schema per request and response of the public API. The route table
// (./routes.ts) names them, the router parses with them, and the OpenAPI
// document (./openapi.ts) is generated from them — so the document cannot
// drift from what the API accepts and answers (tests/integration/api-v1*.test.ts).
import { z } from "zod";
import { SerialInput } from "@/lib/validation/serial";
import { normalizePhone } from "@/lib/validation/enrollment";
import { ERROR_CODES } from "./errors";

const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "invalid")
  .describe("An id as returned by the API.");
const Timestamp = z.iso.datetime().describe("ISO 8601, UTC.");
const Day = z.iso.date().describe("YYYY-MM-DD.");
const nullable = <T extends z.ZodType>(s: T) => s.nullable();

// ------------------------------------------------------------------ common

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).describe("`reason` (a stable key), `fields` (validation messages per field), a refused rule's facts."),
    }),
  })
  .meta({ id: "Error" });

export const Limit = z.coerce.number().int().min(1).max(200).default(50).describe("Items per page (1–200, default 50).");
export const Cursor = z.string().max(200).optional().describe("`nextCursor` of the previous page.");
const Page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable().describe("null on the last page.") });

export const IdParams = z.object({ id: Id });
export const SerialParams = z.object({ serial: SerialInput.describe("The card number, e.g. K7QM-2XHD-9P (any case, dashes optional).") });

// ------------------------------------------------------------------ customers

const Email = z.string().trim().toLowerCase().max(200, "tooLong").email("emailInvalid");
const Phone = z
  .string()
  .max(40, "phoneInvalid")
  .transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: "phoneInvalid" }), z.NEVER));
const Locale = z.enum(["nl", "en"]);
const ExternalId = z.string().trim().min(1).max(100).describe("Your own id for this customer (till, webshop, CRM); unique per business.");

export const Customer = z
  .object({
    id: z.string(),
    name: z.string().describe("Empty for an erased customer."),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    birthday: Day.nullable(),
    marketingConsent: z.boolean(),
    marketingConsentAt: Timestamp.nullable(),
    termsAcceptedAt: Timestamp.nullable(),
    locale: z.string(),
    externalId: z.string().nullable(),
    source: z.string(),
    lastVisitAt: Timestamp.nullable(),
    erased: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Customer" });

export const CustomerListQuery = z.object({
  limit: Limit,
  cursor: Cursor,
  email: Email.optional(),
  phone: Phone.optional(),
  externalId: ExternalId.optional(),
  marketingConsent: z.enum(["true", "false"]).optional().describe("Only customers who did (true) or did not (false) consent to marketing."),
  createdSince: Timestamp.optional().describe("Created at or after this time."),
  updatedSince: Timestamp.optional().describe("Changed at or after this time."),
});
export const CustomerList = Page(Customer).meta({ id: "CustomerList" });

export const CreateCustomer = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(80, "tooLong"),
    email: Email.optional(),
    phone: Phone.optional(),
    birthday: Day.optional(),
    marketingConsent: z.boolean().describe("Whether the customer agreed to receive marketing; required, as on the join form."),
    marketingConsentAt: Timestamp.optional().describe("When they agreed (default: now, when marketingConsent is true)."),
    termsAcceptedAt: Timestamp.optional().describe("When they accepted the program's terms, if they did."),
    locale: Locale.default("nl"),
    externalId: ExternalId.optional(),
    programId: Id.optional().describe("A published program: the customer gets a card for it at once."),
  })
  .meta({ id: "CreateCustomer" });

export const UpdateCustomer = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(80, "tooLong"),
    email: Email.nullable(),
    phone: Phone.nullable(),
    birthday: Day.nullable(),
    marketingConsent: z.boolean(),
    locale: Locale,
    externalId: ExternalId.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothingToUpdate" })
  .meta({ id: "UpdateCustomer" });

export const Deleted = z.object({ id: z.string(), erased: z.literal(true) }).meta({ id: "Erased" });

// ------------------------------------------------------------------ cards

export const Card = z
  .object({
    id: z.string(),
    serial: z.string(),
    programId: z.string(),
    customerId: z.string(),
    stampCount: z.number().int(),
    rewardsAvailable: z.number().int(),
    intermediateAvailable: z.number().int(),
    totalStamps: z.number().int(),
    totalRedeemed: z.number().int(),
    lastStampAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Card" });
export const CardList = z.object({ data: z.array(Card) }).meta({ id: "CardList" });
export const CardLookupQuery = z.object({
  qr: z.string().min(1).max(500).describe("What a scanner read from the pass or web card (the card number, or a text containing it)."),
});

const LocationId = Id.optional().describe("Where it happened (a location id); recorded in the ledger like a tablet's.");
export const StampRequest = z
  .object({
    amount: z.number().int().min(1, "amountRange").max(30, "amountRange").default(1),
    spendCents: z.number().int().min(0).max(1_000_000).optional().describe("Amount spent, in cents."),
    locationId: LocationId,
  })
  .meta({ id: "StampRequest" });
export const RedeemRequest = z.object({ reward: z.enum(["reward", "intermediate"]).default("reward"), locationId: LocationId }).meta({ id: "RedeemRequest" });
export const CorrectRequest = z
  .object({
    stamps: z.number().int().min(-100).max(100).default(0),
    rewards: z.number().int().min(-100).max(100).default(0),
    intermediate: z.number().int().min(-100).max(100).default(0),
    reason: z.string().trim().min(3, "reasonRequired").max(200, "tooLong"),
  })
  .meta({ id: "CorrectRequest" });

const Counters = z.object({ serial: z.string(), stampCount: z.number().int(), rewardsAvailable: z.number().int(), intermediateAvailable: z.number().int() });
export const CardActionResponse = z
  .object({
    eventId: z.string(),
    kind: z.enum(["STAMP", "REDEEM", "UNDO", "ADJUST"]),
    replayed: z.boolean().describe("true when this Idempotency-Key was already applied: nothing new happened."),
    card: Counters,
  })
  .meta({ id: "CardActionResult" });

// ------------------------------------------------------------------ programs, locations

export const Program = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]),
    stampsRequired: z.number().int(),
    rewardText: z.string(),
    intermediateStamp: z.number().int().nullable(),
    intermediateRewardText: z.string().nullable(),
    stampExpiryMonths: z.number().int().nullable(),
    rules: z.object({
      visitMinutes: z.number().int(),
      maxStampsPerVisit: z.number().int(),
      maxStampsPerDay: z.number().int(),
      requirePinToRedeem: z.boolean(),
      undoWindowSeconds: z.number().int(),
    }),
    publishedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Program" });
export const ProgramList = z.object({ data: z.array(Program) }).meta({ id: "ProgramList" });

export const Location = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    archivedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Location" });
export const LocationList = z.object({ data: z.array(Location) }).meta({ id: "LocationList" });

// ------------------------------------------------------------------ events (the ledger)

export const EVENT_TYPES = ["ENROLL", "STAMP", "REDEEM", "UNDO", "ADJUST", "EXPIRE", "ERASE", "IMPORT", "MERGE", "BONUS"] as const;
export const Event = z
  .object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    cardId: z.string(),
    customerId: z.string(),
    amount: z.number().int(),
    stampDelta: z.number().int(),
    rewardDelta: z.number().int(),
    intermediateDelta: z.number().int(),
    spendCents: z.number().int().nullable(),
    locationId: z.string().nullable(),
    reversesId: z.string().nullable().describe("For UNDO: the event it takes back."),
    source: z.enum(["tablet", "api", "dashboard", "system"]).describe("Who made it: a tablet, an API key, the dashboard, or Stempel itself."),
    apiKeyId: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Event" });
export const EventListQuery = z.object({
  limit: Limit,
  cursor: Cursor,
  type: z
    .string()
    .max(200)
    .transform((s) => s.split(",").map((t) => t.trim().toUpperCase()))
    .pipe(z.array(z.enum(EVENT_TYPES)))
    .optional()
    .describe("One or more types, comma-separated: STAMP,REDEEM."),
  since: Timestamp.optional().describe("Events at or after this time."),
  until: Timestamp.optional().describe("Events before this time."),
  cardId: Id.optional(),
});
export const EventList = Page(Event).meta({ id: "EventList" });

// ------------------------------------------------------------------ insights

const Pair = <T extends z.ZodType>(t: T) => z.object({ current: t, previous: t });
export const InsightsQuery = z.object({ period: z.enum(["week", "month", "quarter", "year"]).default("month") });
export const InsightsSummary = z
  .object({
    period: z.object({ key: z.string(), from: Day, to: Day.describe("The day after the last day."), timezone: z.string() }),
    newCustomers: Pair(z.number().int()),
    activeCustomers: Pair(z.number().int()),
    returningRate: Pair(z.number().nullable()),
    visits: Pair(z.number().int()),
    stamps: Pair(z.number().int()),
    visitsPerCustomer: Pair(z.number().nullable()),
    medianDaysBetweenVisits: Pair(z.number().nullable()),
    regularsShare: Pair(z.number().nullable()),
    rewardsRedeemed: z.array(
      z.object({
        programId: z.string(),
        programName: z.string(),
        kind: z.enum(["main", "intermediate"]),
        reward: z.string(),
        current: z.number().int(),
        previous: z.number().int(),
      }),
    ),
  })
  .meta({ id: "InsightsSummary" });

export const OpenApiDocument = z.record(z.string(), z.unknown());
export { nullable };
