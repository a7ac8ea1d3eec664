// The API's route table: every route of /api/v1 with its scope, schemas and
// handler. The router (./router.ts), the OpenAPI document (./openapi.ts) and
// the tests (which walk this table: a new route cannot skip the cross-merchant,
// scope and schema checks) all read it.
import type { z } from "zod";
import * as H from "./handlers";
import * as S from "./schemas";
import type { ApiScope } from "./scopes";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

export type ApiRoute = {
  method: Method;
  /** OpenAPI form, below /api/v1: "/customers/{id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "Customers" | "Cards" | "Card actions" | "Programs" | "Locations" | "Events" | "Insights" | "Meta";
  /** null: no key needed. */
  scope: ApiScope | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status → schema of the success answers. */
  responses: Record<number, z.ZodType>;
  /** Whether an Idempotency-Key header is honoured. */
  idempotent?: boolean;
  /** Body limit in bytes (default 16 kB). */
  maxBytes?: number;
} & (
  | { kind: "plain"; handler: (call: H.ApiCall<never, never, never>) => Promise<H.Answer> }
  | { kind: "card"; handler: (call: H.CardCall<never, never>) => Promise<H.Answer> }
  | { kind: "correct"; handler: (call: H.ApiCall<never, never, never> & { keyHash: string }) => Promise<H.Answer> }
  | { kind: "public"; handler: () => Promise<H.Answer> }
);

const action = { 200: S.CardActionResponse, 201: S.CardActionResponse };

export const API_ROUTES: ApiRoute[] = [
  {
    kind: "plain",
    method: "GET",
    path: "/customers",
    operationId: "listCustomers",
    summary: "List customers",
    description: "Oldest first, with a cursor: pass `nextCursor` as `cursor` for the next page. Filters combine.",
    tag: "Customers",
    scope: "read",
    query: S.CustomerListQuery,
    responses: { 200: S.CustomerList },
    handler: H.listCustomers,
  },
  {
    kind: "plain",
    method: "POST",
    path: "/customers",
    operationId: "createCustomer",
    summary: "Add a customer",
    description:
      "With their consent as given to you. With `programId` the customer gets a card for that published program at once (fires `customer.enrolled`). Email, phone and externalId are unique per business (422 `emailTaken`, …).",
    tag: "Customers",
    scope: "customers:write",
    body: S.CreateCustomer,
    idempotent: true,
    responses: { 201: S.Customer, 200: S.Customer },
    handler: H.createCustomer,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/customers/{id}",
    operationId: "getCustomer",
    summary: "Get a customer",
    tag: "Customers",
    scope: "read",
    params: S.IdParams,
    responses: { 200: S.Customer },
    handler: H.getCustomer,
  },
  {
    kind: "plain",
    method: "PATCH",
    path: "/customers/{id}",
    operationId: "updateCustomer",
    summary: "Change a customer",
    description: "Only the fields sent change. Turning `marketingConsent` on records now as its time; off clears it.",
    tag: "Customers",
    scope: "customers:write",
    params: S.IdParams,
    body: S.UpdateCustomer,
    responses: { 200: S.Customer },
    handler: H.updateCustomer,
  },
  {
    kind: "plain",
    method: "DELETE",
    path: "/customers/{id}",
    operationId: "eraseCustomer",
    summary: "Erase a customer",
    description:
      "As the customer's own privacy page does it (GDPR art. 17): personal data gone, cards retired, anonymous numbers kept. Cannot be undone. Erasing again answers the same.",
    tag: "Customers",
    scope: "customers:write",
    params: S.IdParams,
    responses: { 200: S.Deleted },
    handler: H.deleteCustomer,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/customers/{id}/cards",
    operationId: "listCustomerCards",
    summary: "A customer's cards",
    tag: "Cards",
    scope: "read",
    params: S.IdParams,
    responses: { 200: S.CardList },
    handler: H.customerCards,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/cards",
    operationId: "findCardByQr",
    summary: "Find a card by what its QR code says",
    tag: "Cards",
    scope: "read",
    query: S.CardLookupQuery,
    responses: { 200: S.Card },
    handler: H.lookupCard,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/cards/{serial}",
    operationId: "getCard",
    summary: "Get a card by its number",
    tag: "Cards",
    scope: "read",
    params: S.SerialParams,
    responses: { 200: S.Card },
    handler: H.getCard,
  },
  {
    kind: "card",
    method: "POST",
    path: "/cards/{serial}/stamp",
    operationId: "stampCard",
    summary: "Give stamps",
    description:
      "Exactly as a tablet does: the program's stamp rules (409 `rule_blocked` with the rule's facts), a full card turns into a reward, the ledger records the key. Send an Idempotency-Key: the same key and body again answers the first result (`replayed: true`, 200), another body is a 422.",
    tag: "Card actions",
    scope: "stamp",
    params: S.SerialParams,
    body: S.StampRequest,
    idempotent: true,
    responses: action,
    handler: H.stamp,
  },
  {
    kind: "card",
    method: "POST",
    path: "/cards/{serial}/redeem",
    operationId: "redeemReward",
    summary: "Redeem a reward",
    description:
      "One reward (`reward`, or the intermediate one). 409 `conflict` (`noRewardAvailable`) when there is none. No PIN: the key's `redeem` permission is the approval.",
    tag: "Card actions",
    scope: "redeem",
    params: S.SerialParams,
    body: S.RedeemRequest,
    idempotent: true,
    responses: action,
    handler: H.redeem,
  },
  {
    kind: "correct",
    method: "POST",
    path: "/cards/{serial}/correct",
    operationId: "correctCard",
    summary: "Correct a card's balance",
    description:
      "As _Saldo corrigeren_ in the dashboard: stamps, rewards or intermediate rewards added or taken off, with a reason; in the audit trail. Counters never go negative (409).",
    tag: "Card actions",
    scope: "correct",
    params: S.SerialParams,
    body: S.CorrectRequest,
    idempotent: true,
    responses: action,
    handler: H.correct,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/programs",
    operationId: "listPrograms",
    summary: "List programs",
    tag: "Programs",
    scope: "read",
    responses: { 200: S.ProgramList },
    handler: H.listPrograms,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/programs/{id}",
    operationId: "getProgram",
    summary: "Get a program",
    tag: "Programs",
    scope: "read",
    params: S.IdParams,
    responses: { 200: S.Program },
    handler: H.getProgram,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/locations",
    operationId: "listLocations",
    summary: "List locations",
    tag: "Locations",
    scope: "read",
    responses: { 200: S.LocationList },
    handler: H.listLocations,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/locations/{id}",
    operationId: "getLocation",
    summary: "Get a location",
    tag: "Locations",
    scope: "read",
    params: S.IdParams,
    responses: { 200: S.Location },
    handler: H.getLocation,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/events",
    operationId: "listEvents",
    summary: "The ledger: what happened to cards",
    description: "Every stamp, redeem, undo, correction … oldest first. Poll with `since` once, then follow `nextCursor`.",
    tag: "Events",
    scope: "read",
    query: S.EventListQuery,
    responses: { 200: S.EventList },
    handler: H.listEvents,
  },
  {
    kind: "plain",
    method: "GET",
    path: "/insights/summary",
    operationId: "getInsightsSummary",
    summary: "Key figures (Inzichten → Overzicht)",
    tag: "Insights",
    scope: "read",
    query: S.InsightsQuery,
    responses: { 200: S.InsightsSummary },
    handler: H.insightsSummary,
  },
  {
    kind: "public",
    method: "GET",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This API's OpenAPI 3.1 document",
    tag: "Meta",
    scope: null,
    responses: { 200: S.OpenApiDocument },
    handler: async () => ({ body: (await import("./openapi")).openApiDocument() }),
  },
];

/** "/customers/{id}" → a regular expression with named groups. */
export const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);
export const BASE = "/api/v1";
