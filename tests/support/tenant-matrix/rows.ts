// The tenant matrix: one row per entry of the app (tests/support/tenant-matrix/discover.ts
// finds them). A row either calls the entry as attacker B — B's dashboard session
// (with the organization cookie set to A's id), B's tablet session, B's API key or
// B's pass token — with A's ids in every id slot, and says what the refusal looks
// like; or it says why the entry holds no tenant data (`public`), or why it cannot
// be called in-process (`manual`). docs/tenancy.md → "De tenant-matrix".
import { randomBytes, randomUUID } from "node:crypto";
import { ownerDb as db } from "@/lib/db/owner";
import { unsubscribeToken } from "@/lib/messages/unsubscribe";
import { action, auth, form, page, route, type Out } from "./call";
import type { World } from "./world";

export type Row =
  | {
      /** Calls the entry (as B unless the row signs in otherwise); each answer is checked. */
      try: (w: World) => Promise<Out | Out[]>;
      /** What every answer's outcome must match: the refusal (or B's own data only, for entries without ids). */
      refuses: RegExp;
    }
  | { public: string }
  | { manual: string };

// ---- outcomes ---------------------------------------------------------------
const NOT_FOUND_PAGE = /^notFound$/;
const NOT_FOUND_ACTION = /^refused errors\.NOT_FOUND$/;
/** Entries without an id argument: they run, on B's own organization only (A unchanged, nothing of A shown). */
const OWN = /^(html|ok|200)$/;
const UNAUTHORIZED = /^401\b/;

// ---- files ------------------------------------------------------------------
const D = "app/(dashboard)/dashboard";
const C = "app/(customer)";
const A_ = "app/actions";
const pg = (file: string, params?: Record<string, string | string[]>, search?: Record<string, string>) => page(`${file}/page.tsx`, params, search);
const act = (file: string, name: string, ...args: unknown[]) => action(file, name, ...args);

/** Search parameters that name A's objects, for pages that read some (each ignores those it does not know). */
const hostileSearch = (w: World): Record<string, string> => ({
  program: w.a.m.program.id,
  location: w.a.m.location.id,
  customer: w.a.customerId,
  id: w.a.customerId,
  who: w.a.ownerMembershipId,
  filter: `program=${w.a.m.program.id}`,
  audience: "saved",
  value: w.a.ids.savedFilter,
  import: w.a.ids.customerImport,
  campaign: w.a.ids.campaign,
  tag: "VIP",
});

/** A dashboard page without an id in its path: rendered as B, with A's ids in the search parameters. */
const ownPage = (file: string): Row => ({ try: (w) => pg(file, {}, hostileSearch(w)), refuses: OWN });
/** A dashboard page with A's id in its path. */
const idPage = (file: string, param: string, id: (w: World) => string): Row => ({ try: (w) => pg(file, { [param]: id(w) }), refuses: NOT_FOUND_PAGE });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const applePass = (token: string) => ({ authorization: `ApplePass ${token}` });
const PASS_TYPE = "pass.nl.stempel.dev";

const design = {
  name: "Overgenomen kaart",
  stampsRequired: "8",
  rewardText: "Gratis brood",
  backgroundColor: "#224433",
  foregroundColor: "#ffffff",
  labelColor: "#ffdd99",
  stampIcon: "croissant",
  emailField: "required",
  phoneField: "optional",
  birthdayField: "hidden",
  marketingConsent: "true",
};

const apiCall = (method: string, path: string, body?: unknown) => (w: World) =>
  route("app/api/v1/[...path]/route.ts", method, {
    path: `/api/v1${path}`,
    headers: { ...bearer(w.b.apiKey), "idempotency-key": randomUUID() },
    body,
  });

export const MATRIX: Record<string, Row> = {
  // ================================================================ pages
  "page /": { public: "the landing page: marketing text only" },
  "page /pricing": { public: "prices: no tenant data" },
  "page /privacy": { public: "legal text" },
  "page /terms": { public: "legal text" },
  "page /verwerkersovereenkomst": { public: "legal text (the DPA)" },
  "page /signin": { public: "sign-in form" },
  "page /signup": { public: "sign-up form" },
  "page /forgot-password": { public: "asks for an email address" },
  "page /card-deleted": { public: "a fixed sentence after a customer erased their card" },
  "page /stamp": { public: "the tablet app's shell: it reads nothing until paired (the tablet API rows cover the data)" },
  "page /dev/outbox": { public: "development outbox of sent emails: global, not tenant data, answers notFound in production" },
  "page /invite/[token]": {
    // The token is the secret (only its hash is stored): A's invitation id or hash in its place finds nothing.
    try: async (w) => [
      await pg("app/(auth)/invite/[token]", { token: w.a.ids.invitation }),
      await pg("app/(auth)/invite/[token]", { token: `inv-${w.a.org.id}` }),
    ],
    refuses: /^(html|notFound)$/,
  },
  "page /reset-password/[token]": {
    try: (w) => pg("app/(auth)/reset-password/[token]", { token: w.a.m.owner.id }),
    refuses: /^(html|notFound)$/,
  },
  "page /c/[token]/privacy": {
    try: async (w) => [await pg(`${C}/c/[token]/privacy`, { token: w.a.card.id }), await pg(`${C}/c/[token]/privacy`, { token: w.a.card.serial })],
    refuses: NOT_FOUND_PAGE,
  },
  "page /dashboard": ownPage(`${D}`),
  "page /dashboard/billing": { try: (w) => pg(`${D}/billing`, {}, { payment: w.a.ids.payment }), refuses: OWN },
  "page /dashboard/campaigns": ownPage(`${D}/campaigns`),
  "page /dashboard/campaigns/[id]": idPage(`${D}/campaigns/[id]`, "id", (w) => w.a.ids.campaign),
  "page /dashboard/campaigns/automations": ownPage(`${D}/campaigns/automations`),
  "page /dashboard/campaigns/new": {
    // A's saved filter as the audience, and A's program/location inside a filter: B's own audience only.
    try: async (w) => [
      await pg(`${D}/campaigns/new`, {}, { audience: "saved", value: w.a.ids.savedFilter }),
      await pg(`${D}/campaigns/new`, {}, { audience: "filter", filter: `program=${w.a.m.program.id}&location=${w.a.m.location.id}` }),
      await pg(`${D}/campaigns/new`, {}, { audience: "location", value: w.a.m.location.id }),
    ],
    refuses: OWN,
  },
  "page /dashboard/campaigns/referrals": ownPage(`${D}/campaigns/referrals`),
  "page /dashboard/cards": ownPage(`${D}/cards`),
  "page /dashboard/cards/new": ownPage(`${D}/cards/new`),
  "page /dashboard/cards/[id]": idPage(`${D}/cards/[id]`, "id", (w) => w.a.m.program.id),
  "page /dashboard/cards/[id]/share": idPage(`${D}/cards/[id]/share`, "id", (w) => w.a.m.program.id),
  "page /dashboard/customers": ownPage(`${D}/customers`),
  "page /dashboard/customers/[id]": idPage(`${D}/customers/[id]`, "id", (w) => w.a.customerId),
  "page /dashboard/customers/import": ownPage(`${D}/customers/import`),
  "page /dashboard/insights": ownPage(`${D}/insights`),
  "page /dashboard/insights/loyalty": ownPage(`${D}/insights/loyalty`),
  "page /dashboard/insights/satisfaction": ownPage(`${D}/insights/satisfaction`),
  "page /dashboard/insights/segments": ownPage(`${D}/insights/segments`),
  "page /dashboard/insights/staff": ownPage(`${D}/insights/staff`),
  "page /dashboard/settings": ownPage(`${D}/settings`),
  "page /dashboard/settings/api": ownPage(`${D}/settings/api`),
  "page /dashboard/settings/api/docs": { public: "the API reference (the OpenAPI document): no tenant data" },
  "page /dashboard/settings/audit": ownPage(`${D}/settings/audit`),
  "page /dashboard/settings/webhooks": ownPage(`${D}/settings/webhooks`),
  "page /dashboard/settings/webhooks/[endpointId]": idPage(`${D}/settings/webhooks/[endpointId]`, "endpointId", (w) => w.a.ids.webhookEndpoint),
  "page /dashboard/tablet": ownPage(`${D}/tablet`),
  "page /dashboard/team": ownPage(`${D}/team`),

  // ================================================================ layouts
  "layout app/layout.tsx": { public: "the root layout: html shell, fonts, locale" },
  "layout app/(legal)/layout.tsx": { public: "legal pages' frame" },
  // The groups' frames: the messages their client components read (components/i18n/messages-provider.tsx), no data.
  "layout app/(auth)/layout.tsx": { public: "the messages for the sign-in and sign-up forms" },
  "layout app/(customer)/layout.tsx": { public: "the messages for the customer's privacy page" },
  "layout app/(dashboard)/layout.tsx": { public: "the messages for the dashboard; each page below checks the session" },
  "layout app/(marketing)/layout.tsx": { public: "the messages for the landing and pricing pages" },
  "layout app/(tablet)/layout.tsx": { public: "the messages for the tablet; its API checks the device" },
  "layout app/dev/layout.tsx": { public: "the messages for the development outbox (off in production)" },
  "layout app/(dashboard)/dashboard/layout.tsx": { try: () => page(`${D}/layout.tsx`), refuses: OWN },
  "layout app/(dashboard)/dashboard/campaigns/layout.tsx": { try: () => page(`${D}/campaigns/layout.tsx`), refuses: OWN },
  "layout app/(dashboard)/dashboard/insights/layout.tsx": { try: (w) => page(`${D}/insights/layout.tsx`, {}, hostileSearch(w)), refuses: OWN },

  // ================================================================ boundaries and fallbacks
  "special app/not-found.tsx": { public: "a fixed 'page not found' text" },
  "special app/error.tsx": { public: "client error boundary: a fixed text and a retry button, the error itself is not shown" },
  "special app/(dashboard)/dashboard/settings/audit/loading.tsx": { public: "a loading skeleton with a fixed text" },

  // ================================================================ route handlers
  "GET /api/health": { public: "liveness: no tenant data" },
  "GET /api/strip": { public: "draws a stamp strip from query parameters only" },
  "GET /api/wallet/logo": { public: "draws a default logo from query parameters only" },
  "GET /stamp/manifest.webmanifest": { public: "the tablet app's manifest: fixed" },
  "GET /api/auth/[...nextauth]": { public: "NextAuth's own endpoints (csrf, providers, session of the caller): tests/integration/auth.test.ts" },
  "POST /api/auth/[...nextauth]": { public: "NextAuth sign-in/out: the caller's own credentials" },
  "GET /join/[programId]/verify": { public: "gone (410) for every input" },
  "POST /join/[programId]/verify": { public: "gone (410) for every input" },
  "POST /api/billing/mollie": {
    // Mollie's webhook carries only a payment id; the state is fetched from Mollie (the local stand-in here) by that id.
    // A's payment id posted by anyone: Mollie does not know it as A's → nothing of A changes, nothing is said.
    try: async (w) => {
      const { startLocalMollie } = await import("@/scripts/lib/local-mollie");
      const mollie = await startLocalMollie();
      const saved = { key: process.env.MOLLIE_API_KEY, url: process.env.MOLLIE_API_URL };
      Object.assign(process.env, mollie.env());
      try {
        const molliePaymentId = (await db().payment.findUniqueOrThrow({ where: { id: w.a.ids.payment } })).molliePaymentId;
        return await route("app/api/billing/mollie/route.ts", "POST", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ id: molliePaymentId! }).toString(),
        });
      } finally {
        for (const [k, v] of [
          ["MOLLIE_API_KEY", saved.key],
          ["MOLLIE_API_URL", saved.url],
        ] as const) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        await mollie.close();
      }
    },
    refuses: /^200$/,
  },
  "GET /join/[programId]": {
    // The enrollment page of a published program is public by design (its poster QR); what we try is B's
    // program with A's card's referral code: nothing of A may show.
    try: (w) =>
      route(`${C}/join/[programId]/route.ts`, "GET", {
        path: `/join/${w.b.m.program.id}`,
        params: { programId: w.b.m.program.id },
        query: { ref: w.a.card.referralCode },
      }),
    refuses: /^200$/,
  },
  "POST /join/[programId]": {
    // A real enrollment at B (aged form token) naming A's card as the referrer: B's card is made, A is untouched.
    try: async (w) => {
      const { issueFormToken } = await import("@/lib/enrollment/form-token");
      const fields = { token: issueFormToken(w.b.m.program.id, Date.now() - 5000), termsAccepted: "on", source: "poster", name: "Indringer" };
      return route(`${C}/join/[programId]/route.ts`, "POST", {
        path: `/join/${w.b.m.program.id}`,
        params: { programId: w.b.m.program.id },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...fields, email: `x-${randomUUID()}@example.nl`, ref: w.a.card.referralCode }).toString(),
      });
    },
    refuses: /^303\b/,
  },
  "GET /c/[token]": {
    // The web card opens by its secret webToken only: A's card id, serial or pass token do not.
    try: async (w) => [
      await route(`${C}/c/[token]/route.ts`, "GET", { params: { token: w.a.card.id } }),
      await route(`${C}/c/[token]/route.ts`, "GET", { params: { token: w.a.card.serial } }),
      await route(`${C}/c/[token]/route.ts`, "GET", { params: { token: w.a.card.authToken } }),
    ],
    refuses: /^404\b/,
  },
  "GET /c/[token]/export": {
    try: async (w) => [
      await route(`${C}/c/[token]/export/route.ts`, "GET", { params: { token: w.a.card.id } }),
      await route(`${C}/c/[token]/export/route.ts`, "GET", { params: { token: w.a.card.serial } }),
    ],
    refuses: /^404\b/,
  },
  "GET /c/[token]/manifest.webmanifest": {
    try: (w) => route(`${C}/c/[token]/manifest.webmanifest/route.ts`, "GET", { params: { token: w.a.card.serial } }),
    refuses: /^(404|200)\b/,
  },
  "POST /c/[token]/survey": {
    try: (w) =>
      route(`${C}/c/[token]/survey/route.ts`, "POST", {
        params: { token: w.a.card.serial },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ kind: "NPS", score: "0", comment: "overgenomen" }).toString(),
      }),
    refuses: /^(404|303|400)\b/,
  },
  "GET /u/[token]": {
    try: async (w) => [
      await route(`${C}/u/[token]/route.ts`, "GET", { params: { token: forged(w) } }),
      await route(`${C}/u/[token]/route.ts`, "GET", { params: { token: w.a.customerId } }),
    ],
    refuses: /^(200|400|404)\b/,
  },
  "POST /u/[token]": {
    try: async (w) => [
      await route(`${C}/u/[token]/route.ts`, "POST", {
        params: { token: forged(w) },
        body: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      await route(`${C}/u/[token]/route.ts`, "POST", {
        params: { token: w.a.customerId },
        body: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    ],
    refuses: /^(200|400|404)\b/,
  },
  "GET /dashboard/billing/invoices/[id]": {
    try: (w) => route(`${D}/billing/invoices/[id]/route.ts`, "GET", { params: { id: w.a.ids.invoice } }),
    refuses: /^404\b/,
  },
  "GET /dashboard/settings/audit/export": {
    try: (w) => route(`${D}/settings/audit/export/route.ts`, "GET", { path: "/dashboard/settings/audit/export", query: { who: w.a.ownerMembershipId } }),
    refuses: /^200\b/,
  },
  "GET /dashboard/settings/export": { try: () => route(`${D}/settings/export/route.ts`, "GET"), refuses: /^200\b/ },
  "GET /api/campaigns/[id]/progress": {
    try: (w) => route("app/api/campaigns/[id]/progress/route.ts", "GET", { params: { id: w.a.ids.campaign } }),
    refuses: /^404\b/,
  },
  "GET /api/cards/[webToken]/apple-pass": {
    try: async (w) => [
      await route("app/api/cards/[webToken]/apple-pass/route.ts", "GET", { params: { webToken: w.a.card.serial } }),
      await route("app/api/cards/[webToken]/apple-pass/route.ts", "GET", { params: { webToken: w.a.card.id } }),
    ],
    refuses: /^404\b/,
  },
  "GET /api/cards/[webToken]/google-pass": {
    // Google Wallet configured (a throwaway service account; Google itself is never reached: the card is not found first).
    try: async (w) => {
      const { generateServiceAccount } = await import("@/lib/wallet/google/dev-service-account");
      const saved = { id: process.env.GOOGLE_WALLET_ISSUER_ID, sa: process.env.GOOGLE_WALLET_SERVICE_ACCOUNT };
      process.env.GOOGLE_WALLET_ISSUER_ID = "3388000000012345678";
      process.env.GOOGLE_WALLET_SERVICE_ACCOUNT = Buffer.from(JSON.stringify(generateServiceAccount().json)).toString("base64");
      try {
        return [
          await route("app/api/cards/[webToken]/google-pass/route.ts", "GET", { params: { webToken: w.a.card.serial } }),
          await route("app/api/cards/[webToken]/google-pass/route.ts", "GET", { params: { webToken: w.a.card.id } }),
        ];
      } finally {
        for (const [k, v] of [
          ["GOOGLE_WALLET_ISSUER_ID", saved.id],
          ["GOOGLE_WALLET_SERVICE_ACCOUNT", saved.sa],
        ] as const) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
    refuses: /^404\b/,
  },
  "GET /api/customers/export": {
    try: (w) =>
      route("app/api/customers/export/route.ts", "GET", { path: "/api/customers/export", query: { program: w.a.m.program.id, location: w.a.m.location.id } }),
    refuses: /^200\b/,
  },
  "POST /api/customers/import": {
    // An upload lands in B's organization only (an organizationId in the file is just a column).
    try: (w) =>
      route("app/api/customers/import/route.ts", "POST", {
        path: "/api/customers/import",
        query: { name: "klanten.csv" },
        headers: { "content-type": "text/csv" },
        body: `Naam,E-mail,organizationId\nIndringer,indringer@example.nl,${w.a.org.id}\n`,
      }),
    refuses: /^(200|201|202)\b/,
  },
  "GET /api/customers/import/[id]": {
    try: (w) => route("app/api/customers/import/[id]/route.ts", "GET", { params: { id: w.a.ids.customerImport } }),
    refuses: /^404\b/,
  },
  "GET /api/customers/import/[id]/errors": {
    try: (w) => route("app/api/customers/import/[id]/errors/route.ts", "GET", { params: { id: w.a.ids.customerImport } }),
    refuses: /^404\b/,
  },
  "POST /api/customers/import/[id]/dry-run": {
    try: (w) =>
      route("app/api/customers/import/[id]/dry-run/route.ts", "POST", {
        params: { id: w.a.ids.customerImport },
        body: { mapping: { name: "Naam", email: "E-mail" }, programId: w.a.m.program.id },
      }),
    refuses: /^(404|422)\b/,
  },
  "POST /api/customers/import/[id]/start": {
    try: (w) => route("app/api/customers/import/[id]/start/route.ts", "POST", { params: { id: w.a.ids.customerImport } }),
    refuses: /^404\b/,
  },
  "GET /api/files/[...key]": {
    public: "pass images: public by nature (they travel inside every pass), under random keys; no listing",
  },
  "GET /api/programs/[id]/poster": {
    try: (w) => route("app/api/programs/[id]/poster/route.ts", "GET", { params: { id: w.a.m.program.id } }),
    refuses: /^404\b/,
  },
  "GET /api/programs/[id]/qr": { try: (w) => route("app/api/programs/[id]/qr/route.ts", "GET", { params: { id: w.a.m.program.id } }), refuses: /^404\b/ },

  // ---- the tablet API: B's paired, unlocked tablet with A's serials, members and devices
  "POST /api/tablet/actions": {
    try: async (w) => {
      const send = (body: object) => route("app/api/tablet/actions/route.ts", "POST", { headers: bearer(w.b.tablet.sessionToken), body });
      const common = { serial: w.a.card.serial, idempotencyKey: randomUUID() };
      return [
        await send({ kind: "stamp", amount: 1, ...common }),
        await send({ kind: "redeem", ...common, idempotencyKey: randomUUID() }),
        await send({ kind: "undo", ...common, idempotencyKey: randomUUID() }),
        // A's manager as the override: their PIN does not work on B's tablet.
        await send({ kind: "stamp", amount: 1, serial: w.a.card.serial, idempotencyKey: randomUUID(), overrideBy: w.a.staffMembershipId, overridePin: "1357" }),
        // …nor on B's own card (their name must not show either).
        await send({ kind: "stamp", amount: 1, serial: w.b.card.serial, idempotencyKey: randomUUID(), overrideBy: w.a.staffMembershipId, overridePin: "1357" }),
      ];
    },
    refuses: /^(404|400|401|403|422)\b/,
  },
  "GET /api/tablet/cards": {
    try: async (w) => [
      await route("app/api/tablet/cards/route.ts", "GET", { headers: bearer(w.b.tablet.sessionToken), query: { q: w.marker } }),
      await route("app/api/tablet/cards/route.ts", "GET", { headers: bearer(w.b.tablet.sessionToken), query: { q: w.a.card.serial } }),
      await route("app/api/tablet/cards/route.ts", "GET", { headers: bearer(w.b.tablet.sessionToken), query: { q: "Klant" } }),
    ],
    refuses: /^200$/,
  },
  "GET /api/tablet/cards/[serial]": {
    try: (w) => route("app/api/tablet/cards/[serial]/route.ts", "GET", { headers: bearer(w.b.tablet.sessionToken), params: { serial: w.a.card.serial } }),
    refuses: /^404\b/,
  },
  "POST /api/tablet/staff": {
    // B's device token: B's staff only, whatever id is asked about.
    try: (w) => route("app/api/tablet/staff/route.ts", "POST", { body: { deviceToken: w.b.tablet.deviceToken, organizationId: w.a.org.id } }),
    refuses: /^200$/,
  },
  "POST /api/tablet/unlock": {
    // B's tablet, A's staff member and their PIN: refused, and B's tablet keeps its token.
    try: (w) =>
      route("app/api/tablet/unlock/route.ts", "POST", {
        body: { deviceToken: w.b.tablet.deviceToken, nextDeviceToken: randomBytes(32).toString("base64url"), memberId: w.a.staffMembershipId, pin: "1357" },
      }),
    refuses: /^(401|403|404)\b/,
  },
  "POST /api/tablet/pair": {
    // Signed in as B, pairing a tablet to A's location.
    try: (w) => route("app/api/tablet/pair/route.ts", "POST", { body: { locationId: w.a.m.location.id, name: "Indringer" } }),
    // "locationRequired": A's location is no location of B's.
    refuses: /^(404|422 VALIDATION)$/,
  },

  // ---- Apple's PassKit web service: B's pass token with A's serials and devices
  "GET /api/apple/v1/passes/[passTypeId]/[serial]": {
    try: (w) =>
      route("app/api/apple/v1/passes/[passTypeId]/[serial]/route.ts", "GET", {
        path: `/api/apple/v1/passes/${PASS_TYPE}/${w.a.regCard.serial}`,
        params: { passTypeId: PASS_TYPE, serial: w.a.regCard.serial },
        headers: applePass(w.b.regCard.authToken),
      }),
    refuses: UNAUTHORIZED,
  },
  "POST /api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]": {
    try: async (w) => [
      // B's iPhone registering A's pass with B's token; A's iPhone id registering A's pass with B's token.
      await route("app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route.ts", "POST", {
        params: { deviceId: w.b.deviceLibraryIdentifier, passTypeId: PASS_TYPE, serial: w.a.regCard.serial },
        headers: applePass(w.b.regCard.authToken),
        body: { pushToken: "cd".repeat(32) },
      }),
      await route("app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route.ts", "POST", {
        params: { deviceId: w.a.deviceLibraryIdentifier, passTypeId: PASS_TYPE, serial: w.a.regCard.serial },
        headers: applePass(w.b.regCard.authToken),
        body: { pushToken: "cd".repeat(32) },
      }),
    ],
    refuses: UNAUTHORIZED,
  },
  "DELETE /api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]": {
    try: (w) =>
      route("app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route.ts", "DELETE", {
        params: { deviceId: w.a.deviceLibraryIdentifier, passTypeId: PASS_TYPE, serial: w.a.regCard.serial },
        headers: applePass(w.b.regCard.authToken),
      }),
    refuses: UNAUTHORIZED,
  },
  "GET /api/apple/v1/devices/[deviceId]/registrations/[passTypeId]": {
    // Apple's spec: no token on this call; the device library identifier (chosen by the iPhone, random) is the
    // secret. B's iPhone asks: it gets B's serials only.
    try: (w) =>
      route("app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/route.ts", "GET", {
        params: { deviceId: w.b.deviceLibraryIdentifier, passTypeId: PASS_TYPE },
      }),
    refuses: /^(200|204)$/,
  },
  "POST /api/apple/v1/log": { public: "Apple's device log: written to WalletDeviceLog (global), answers nothing" },

  // ================================================================ server actions
  // ---- billing (owners; B's own organization only, whatever the org cookie says)
  "action app/(dashboard)/dashboard/billing/actions.ts#checkoutAction": {
    try: () => act(`${D}/billing/actions.ts`, "checkoutAction", { plan: "groei", interval: "month" }),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },
  "action app/(dashboard)/dashboard/billing/actions.ts#payNowAction": {
    try: () => act(`${D}/billing/actions.ts`, "payNowAction"),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },
  "action app/(dashboard)/dashboard/billing/actions.ts#previewPlanChangeAction": {
    try: () => act(`${D}/billing/actions.ts`, "previewPlanChangeAction", { plan: "pro", interval: "year" }),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },
  "action app/(dashboard)/dashboard/billing/actions.ts#changePlanAction": {
    try: () => act(`${D}/billing/actions.ts`, "changePlanAction", { plan: "pro", interval: "year" }),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },
  "action app/(dashboard)/dashboard/billing/actions.ts#cancelAction": {
    try: () => act(`${D}/billing/actions.ts`, "cancelAction"),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },
  "action app/(dashboard)/dashboard/billing/actions.ts#resumeAction": {
    try: () => act(`${D}/billing/actions.ts`, "resumeAction"),
    refuses: /^(ok|refused billing\.errors\.\w+)$/,
  },

  "action app/(dashboard)/dashboard/customers/actions.ts#addTagToListAction": {
    // Tag "every customer of A's program": B's customers only (none of B's are in A's program).
    try: (w) =>
      act(
        `${D}/customers/actions.ts`,
        "addTagToListAction",
        null,
        form({ query: `program=${w.a.m.program.id}&location=${w.a.m.location.id}`, tag: "Overgenomen" }),
      ),
    refuses: /^ok$/,
  },
  "action app/(dashboard)/dashboard/tablet/actions.ts#createPairingAction": {
    try: (w) => act(`${D}/tablet/actions.ts`, "createPairingAction", w.a.m.location.id),
    refuses: /^refused (errors|validation)\.\w+$/,
  },
  "action app/(dashboard)/dashboard/tablet/actions.ts#pairingStatusAction": {
    try: (w) => act(`${D}/tablet/actions.ts`, "pairingStatusAction", w.a.ids.tabletPairing),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/(dashboard)/dashboard/tablet/actions.ts#unpairTabletAction": {
    try: (w) => act(`${D}/tablet/actions.ts`, "unpairTabletAction", w.a.ids.device),
    refuses: NOT_FOUND_ACTION,
  },

  "action app/actions/api-keys.ts#createApiKeyAction": {
    try: (w) => act(`${A_}/api-keys.ts`, "createApiKeyAction", { name: "Overname", scopes: ["read"], organizationId: w.a.org.id }),
    refuses: /^ok$/,
  },
  "action app/actions/api-keys.ts#revokeApiKeyAction": {
    try: (w) => act(`${A_}/api-keys.ts`, "revokeApiKeyAction", { keyId: w.a.ids.apiKey }),
    refuses: NOT_FOUND_ACTION,
  },

  "action app/actions/auth.ts#signUpAction": { public: "creates a new user and organization: no existing tenant is named" },
  "action app/actions/auth.ts#requestPasswordResetAction": { public: "emails a reset link to the address typed (same answer for every address)" },
  "action app/actions/auth.ts#resetPasswordAction": {
    try: (w) =>
      act(`${A_}/auth.ts`, "resetPasswordAction", { token: w.a.m.owner.id, password: "een nieuw wachtwoord 123", passwordRepeat: "een nieuw wachtwoord 123" }),
    refuses: /^(refused|redirect)/,
  },

  "action app/actions/automations.ts#saveAutomationAction": {
    // No id argument: an automation is keyed by (the caller's organization, kind); ids in the input are not read.
    try: (w) => act(`${A_}/automations.ts`, "saveAutomationAction", { kind: "BIRTHDAY", enabled: true, organizationId: w.a.org.id, id: w.a.org.id }),
    refuses: /^(ok|refused validation\.\w+)$/,
  },
  "action app/actions/automations.ts#setAutomationEnabledAction": {
    try: () => act(`${A_}/automations.ts`, "setAutomationEnabledAction", "BIRTHDAY", true),
    refuses: /^(ok|refused \S+)$/,
  },

  // ---- a customer of A, by id: every detail-page action refuses
  "action app/actions/customers.ts#updateProfileAction": {
    try: (w) =>
      act(`${A_}/customers.ts`, "updateProfileAction", w.a.customerId, { name: "Overgenomen", email: "", phone: "", birthday: "", marketingConsent: false }),
    refuses: /^refused (errors\.NOT_FOUND|validation\.\w+)$/,
  },
  "action app/actions/customers.ts#correctBalanceAction": {
    try: (w) =>
      act(`${A_}/customers.ts`, "correctBalanceAction", w.a.customerId, { cardId: w.a.card.id, stamps: 5, rewards: 0, intermediate: 0, reason: "Overgenomen" }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/customers.ts#mergeCardsAction": {
    try: async (w) => [
      await act(`${A_}/customers.ts`, "mergeCardsAction", w.a.customerId, { survivorCardId: w.a.card.id, mergedCardId: w.a.m.histories[0].card.id }),
      // A's balance into B's card.
      await act(`${A_}/customers.ts`, "mergeCardsAction", w.b.customerId, { survivorCardId: w.b.card.id, mergedCardId: w.a.card.id }),
    ],
    refuses: /^refused (errors\.NOT_FOUND|validation\.\w+)$/,
  },
  "action app/actions/customers.ts#eraseCustomerAction": {
    try: (w) => act(`${A_}/customers.ts`, "eraseCustomerAction", w.a.customerId),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/customers.ts#exportCustomerDataAction": {
    try: (w) => act(`${A_}/customers.ts`, "exportCustomerDataAction", w.a.customerId),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/customers.ts#addTagAction": {
    try: (w) => act(`${A_}/customers.ts`, "addTagAction", w.a.customerId, "Overgenomen"),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/customers.ts#removeTagAction": {
    try: (w) => act(`${A_}/customers.ts`, "removeTagAction", w.a.customerId, "VIP"),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/customers.ts#setNoteAction": {
    try: (w) => act(`${A_}/customers.ts`, "setNoteAction", w.a.customerId, "Overgenomen"),
    refuses: NOT_FOUND_ACTION,
  },

  // ---- the customer's own web-card actions: the webToken is the key; A's card id or serial is not
  "action app/actions/enrollment.ts#withdrawConsentAction": {
    try: async (w) => [
      await act(`${A_}/enrollment.ts`, "withdrawConsentAction", w.a.card.id),
      await act(`${A_}/enrollment.ts`, "withdrawConsentAction", w.a.card.serial),
    ],
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/enrollment.ts#eraseMyDataAction": {
    try: async (w) => [
      await act(`${A_}/enrollment.ts`, "eraseMyDataAction", w.a.card.id),
      await act(`${A_}/enrollment.ts`, "eraseMyDataAction", w.a.card.serial),
    ],
    refuses: NOT_FOUND_ACTION,
  },

  "action app/actions/legal.ts#acceptDpaAction": {
    // B's owner accepts for B (the current version), whatever the org cookie says.
    try: async () => act(`${A_}/legal.ts`, "acceptDpaAction", { version: (await import("@/lib/legal/dpa")).DPA_VERSION, accepted: "on" }),
    refuses: /^(ok|refused \S+)$/,
  },

  // ---- messages
  "action app/actions/messages.ts#messageReachAction": {
    try: async (w) => [
      await act(`${A_}/messages.ts`, "messageReachAction", { kind: "saved", value: w.a.ids.savedFilter }),
      await act(`${A_}/messages.ts`, "messageReachAction", { kind: "location", value: w.a.m.location.id }),
      await act(`${A_}/messages.ts`, "messageReachAction", { kind: "filter", value: `program=${w.a.m.program.id}` }),
    ],
    // A's saved filter: "savedFilterNotFound"; A's location or program: B's customers there (none).
    refuses: /^(ok|refused errors\.NOT_FOUND|refused validation\.savedFilterNotFound)$/,
  },
  "action app/actions/messages.ts#emailPreviewAction": {
    try: () => act(`${A_}/messages.ts`, "emailPreviewAction", { locale: "nl", title: "Hoi", body: "Tekst" }),
    refuses: OWN,
  },
  "action app/actions/messages.ts#createCampaignAction": {
    try: async (w) => [
      await act(`${A_}/messages.ts`, "createCampaignAction", {
        name: "Overname",
        titleNl: "Hoi",
        bodyNl: "Tekst",
        audience: { kind: "saved", value: w.a.ids.savedFilter },
      }),
      await act(`${A_}/messages.ts`, "createCampaignAction", {
        name: "Overname",
        titleNl: "Hoi",
        bodyNl: "Tekst",
        audience: { kind: "location", value: w.a.m.location.id },
      }),
    ],
    // A's saved filter is refused; A's location is just an id no customer of B has (the campaign reaches nobody).
    refuses: /^(ok|refused validation\.savedFilterNotFound)$/,
  },
  "action app/actions/messages.ts#cancelCampaignAction": {
    try: (w) => act(`${A_}/messages.ts`, "cancelCampaignAction", w.a.ids.campaign),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/messages.ts#saveFilterAction": {
    // "The same name again replaces it": the seeded name both merchants used must not touch A's.
    try: () => act(`${A_}/messages.ts`, "saveFilterAction", { name: "Vaste klanten", query: "tag=VIP" }),
    refuses: /^ok$/,
  },
  "action app/actions/messages.ts#deleteFilterAction": {
    try: (w) => act(`${A_}/messages.ts`, "deleteFilterAction", w.a.ids.savedFilter),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/messages.ts#listFiltersAction": { try: () => act(`${A_}/messages.ts`, "listFiltersAction"), refuses: /^ok$/ },
  "action app/actions/messages.ts#setMessageCapAction": { try: () => act(`${A_}/messages.ts`, "setMessageCapAction", { cap: 3 }), refuses: /^ok$/ },

  // ---- preferences
  "action app/actions/preferences.ts#setLocaleAction": { try: () => act(`${A_}/preferences.ts`, "setLocaleAction", { locale: "nl" }), refuses: /^ok$/ },
  "action app/actions/preferences.ts#switchOrganizationAction": {
    try: (w) => act(`${A_}/preferences.ts`, "switchOrganizationAction", { organizationId: w.a.org.id }),
    refuses: NOT_FOUND_ACTION,
  },

  // ---- programs (the card designer)
  "action app/actions/programs.ts#saveProgramAction": {
    try: (w) => act(`${A_}/programs.ts`, "saveProgramAction", w.a.m.program.id, design),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/programs.ts#publishProgramAction": {
    try: (w) => act(`${A_}/programs.ts`, "publishProgramAction", w.a.m.program.id),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/programs.ts#archiveProgramAction": {
    try: (w) => act(`${A_}/programs.ts`, "archiveProgramAction", w.a.m.program.id),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/programs.ts#duplicateProgramAction": {
    try: (w) => act(`${A_}/programs.ts`, "duplicateProgramAction", w.a.m.program.id),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/programs.ts#uploadImageAction": {
    public: "stores an image under a new random key for the caller's own organization; names no existing object",
  },
  "action app/actions/referrals.ts#saveReferralSettingsAction": {
    try: (w) =>
      act(`${A_}/referrals.ts`, "saveReferralSettingsAction", w.a.m.program.id, {
        referralEnabled: true,
        referralBonusStamps: 5,
        referralFriendBonusStamps: 5,
        referralMonthlyLimit: 50,
      }),
    refuses: NOT_FOUND_ACTION,
  },

  // ---- settings
  "action app/actions/settings.ts#saveBusinessProfileAction": {
    try: (w) => act(`${A_}/settings.ts`, "saveBusinessProfileAction", { name: "Aanvaller B", id: w.a.org.id, organizationId: w.a.org.id }),
    refuses: /^(ok|refused validation\.\w+)$/,
  },
  "action app/actions/settings.ts#saveRegionAction": {
    try: (w) => act(`${A_}/settings.ts`, "saveRegionAction", { locale: "nl", timezone: "Europe/Amsterdam", organizationId: w.a.org.id }),
    refuses: /^(ok|refused validation\.\w+)$/,
  },
  "action app/actions/settings.ts#saveOwnProfileAction": {
    try: (w) => act(`${A_}/settings.ts`, "saveOwnProfileAction", { name: "Aanvaller", userId: w.a.m.owner.id, email: w.a.m.owner.email }),
    refuses: /^(ok|refused validation\.\w+)$/,
  },
  "action app/actions/settings.ts#changePasswordAction": {
    // A's owner's id in the input (ignored) and their password (the seed gives both owners the same one):
    // B's own password changes, A's user row does not.
    try: (w) =>
      act(`${A_}/settings.ts`, "changePasswordAction", {
        current: "correct horse battery",
        password: "een heel ander wachtwoord 12345",
        userId: w.a.m.owner.id,
      }),
    refuses: /^ok$/,
  },
  "action app/actions/settings.ts#endSessionAction": {
    // A's owner's session id: answered like any unknown session (ok, nothing ended: the digest covers UserSession).
    try: (w) => act(`${A_}/settings.ts`, "endSessionAction", w.aSessionId),
    refuses: /^(ok|refused errors\.NOT_FOUND)$/,
  },
  "action app/actions/settings.ts#endAllSessionsAction": {
    // No id argument: ends the caller's own sessions (B's session version moves on; A's users and sessions do not).
    try: () => act(`${A_}/settings.ts`, "endAllSessionsAction", false),
    refuses: /^ok$/,
  },
  "action app/actions/settings.ts#requestDeletionAction": {
    // Confirming with A's name: refused (B's own deletion would make the rest read-only).
    try: (w) => act(`${A_}/settings.ts`, "requestDeletionAction", { confirm: `${w.marker} Bakkerij`, organizationId: w.a.org.id }),
    refuses: /^refused \S+$/,
  },
  "action app/actions/settings.ts#restoreOrganizationAction": {
    try: () => act(`${A_}/settings.ts`, "restoreOrganizationAction"),
    refuses: /^(ok|refused \S+)$/,
  },

  // ---- team
  "action app/actions/team.ts#setPinAction": {
    try: (w) => act(`${A_}/team.ts`, "setPinAction", { membershipId: w.a.staffMembershipId, pin: "9999" }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#addTabletStaffAction": {
    try: (w) => act(`${A_}/team.ts`, "addTabletStaffAction", { name: "Overname", pin: "8642", pinRepeat: "8642", organizationId: w.a.org.id }),
    refuses: /^ok$/,
  },
  "action app/actions/team.ts#revokeDeviceAction": { try: (w) => act(`${A_}/team.ts`, "revokeDeviceAction", w.a.ids.device), refuses: NOT_FOUND_ACTION },
  "action app/actions/team.ts#addLocationAction": {
    try: (w) => act(`${A_}/team.ts`, "addLocationAction", { name: "Overname", organizationId: w.a.org.id }),
    refuses: /^(ok|refused \S+)$/,
  },
  "action app/actions/team.ts#tabletSettingsAction": { try: () => act(`${A_}/team.ts`, "tabletSettingsAction", { tabletIdleMinutes: 5 }), refuses: /^ok$/ },
  "action app/actions/team.ts#inviteAction": {
    // Inviting A's owner's address into B: a new invitation of B, nothing of A changes.
    try: (w) => act(`${A_}/team.ts`, "inviteAction", { email: w.a.m.owner.email, role: "STAFF" }),
    refuses: /^(ok|refused \S+)$/,
  },
  "action app/actions/team.ts#resendInvitationAction": {
    try: (w) => act(`${A_}/team.ts`, "resendInvitationAction", w.a.ids.invitation),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#revokeInvitationAction": {
    try: (w) => act(`${A_}/team.ts`, "revokeInvitationAction", w.a.ids.invitation),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#acceptInvitationAction": {
    try: async (w) => [
      await act(`${A_}/team.ts`, "acceptInvitationAction", { token: w.a.ids.invitation }),
      await act(`${A_}/team.ts`, "acceptInvitationAction", { token: `inv-${w.a.org.id}` }),
    ],
    refuses: /^refused \S+$/,
  },
  "action app/actions/team.ts#updateLocationAction": {
    try: (w) => act(`${A_}/team.ts`, "updateLocationAction", w.a.m.location.id, { name: "Overgenomen" }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#archiveLocationAction": {
    try: (w) => act(`${A_}/team.ts`, "archiveLocationAction", w.a.m.location.id),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#removeMemberAction": { try: (w) => act(`${A_}/team.ts`, "removeMemberAction", w.a.staffMembershipId), refuses: NOT_FOUND_ACTION },
  "action app/actions/team.ts#changeRoleAction": {
    try: (w) => act(`${A_}/team.ts`, "changeRoleAction", w.a.staffMembershipId, { role: "OWNER" }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/team.ts#transferOwnershipAction": {
    try: (w) => act(`${A_}/team.ts`, "transferOwnershipAction", w.a.ownerMembershipId),
    refuses: NOT_FOUND_ACTION,
  },

  // ---- webhooks
  "action app/actions/webhooks.ts#createWebhookAction": {
    try: () => act(`${A_}/webhooks.ts`, "createWebhookAction", { url: "https://indringer.example.com/hook", events: ["card.stamped"] }),
    refuses: /^(ok|refused \S+)$/,
  },
  "action app/actions/webhooks.ts#updateWebhookAction": {
    try: (w) =>
      act(`${A_}/webhooks.ts`, "updateWebhookAction", {
        endpointId: w.a.ids.webhookEndpoint,
        url: "https://indringer.example.com/hook",
        events: ["card.stamped"],
      }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/webhooks.ts#setWebhookEnabledAction": {
    try: (w) => act(`${A_}/webhooks.ts`, "setWebhookEnabledAction", { endpointId: w.a.ids.webhookEndpoint, enabled: false }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/webhooks.ts#deleteWebhookAction": {
    try: (w) => act(`${A_}/webhooks.ts`, "deleteWebhookAction", { endpointId: w.a.ids.webhookEndpoint }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/webhooks.ts#sendTestWebhookAction": {
    try: (w) => act(`${A_}/webhooks.ts`, "sendTestWebhookAction", { endpointId: w.a.ids.webhookEndpoint }),
    refuses: NOT_FOUND_ACTION,
  },
  "action app/actions/webhooks.ts#redeliverWebhookAction": {
    try: (w) => act(`${A_}/webhooks.ts`, "redeliverWebhookAction", { deliveryId: w.a.ids.webhookDelivery }),
    refuses: NOT_FOUND_ACTION,
  },

  // ================================================================ API v1 (B's key, A's ids)
  "GET /api/v1/[...path]": { public: "the dispatcher of every /api/v1 route: each route is its own `api …` row below" },
  "HEAD /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "POST /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "PUT /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "PATCH /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "DELETE /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "OPTIONS /api/v1/[...path]": { public: "the dispatcher (see `api …` rows)" },
  "api GET /customers": {
    try: async (w) => {
      const email = (await db().customer.findFirstOrThrow({ where: { id: w.a.customerId } })).email!;
      return [await apiCall("GET", `/customers?email=${encodeURIComponent(email)}`)(w), await apiCall("GET", "/customers?limit=100")(w)];
    },
    refuses: /^200$/,
  },
  "api POST /customers": {
    try: (w) => apiCall("POST", "/customers", { name: "Indringer", email: `i-${randomUUID()}@example.nl`, programId: w.a.m.program.id })(w),
    refuses: /^(404|422|400)\b/,
  },
  "api GET /customers/{id}": { try: (w) => apiCall("GET", `/customers/${w.a.customerId}`)(w), refuses: /^404\b/ },
  "api PATCH /customers/{id}": { try: (w) => apiCall("PATCH", `/customers/${w.a.customerId}`, { name: "Overgenomen" })(w), refuses: /^404\b/ },
  "api DELETE /customers/{id}": { try: (w) => apiCall("DELETE", `/customers/${w.a.customerId}`)(w), refuses: /^404\b/ },
  "api GET /customers/{id}/cards": { try: (w) => apiCall("GET", `/customers/${w.a.customerId}/cards`)(w), refuses: /^404\b/ },
  "api GET /cards": {
    try: async (w) => [
      await apiCall("GET", `/cards?qr=${w.a.card.serial}`)(w),
      await apiCall("GET", `/cards?qr=${encodeURIComponent(`https://x/c/${w.a.card.webToken}`)}`)(w),
    ],
    refuses: /^404\b/,
  },
  "api GET /cards/{serial}": { try: (w) => apiCall("GET", `/cards/${w.a.card.serial}`)(w), refuses: /^404\b/ },
  "api POST /cards/{serial}/stamp": { try: (w) => apiCall("POST", `/cards/${w.a.card.serial}/stamp`, { amount: 1 })(w), refuses: /^404\b/ },
  "api POST /cards/{serial}/redeem": { try: (w) => apiCall("POST", `/cards/${w.a.card.serial}/redeem`, { reward: "reward" })(w), refuses: /^404\b/ },
  "api POST /cards/{serial}/correct": {
    try: (w) => apiCall("POST", `/cards/${w.a.card.serial}/correct`, { stamps: 1, reason: "Overgenomen" })(w),
    refuses: /^404\b/,
  },
  "api GET /programs": { try: (w) => apiCall("GET", "/programs")(w), refuses: /^200\b/ },
  "api GET /programs/{id}": { try: (w) => apiCall("GET", `/programs/${w.a.m.program.id}`)(w), refuses: /^404\b/ },
  "api GET /locations": { try: (w) => apiCall("GET", "/locations")(w), refuses: /^200\b/ },
  "api GET /locations/{id}": { try: (w) => apiCall("GET", `/locations/${w.a.m.location.id}`)(w), refuses: /^404\b/ },
  "api GET /events": {
    // A cursor is opaque: A's event id or a cursor-looking value of A's gives B's events (or a 422), never A's.
    try: async (w) => [await apiCall("GET", `/events?cursor=${w.a.m.histories[0].events[0].id}`)(w), await apiCall("GET", "/events")(w)],
    refuses: /^(200|422 validation_failed)$/,
  },
  "api GET /insights/summary": { try: (w) => apiCall("GET", `/insights/summary?locationId=${w.a.m.location.id}`)(w), refuses: /^200$/ },
  "api GET /openapi.json": { public: "the API's own description: no tenant data" },
};

/** An unsubscribe token for A's customer, made with B's customer's MAC (a forgery). */
function forged(w: World): string {
  const real = unsubscribeToken(w.b.org.id, w.b.customerId).split(".");
  return ["1", w.a.org.id, w.a.customerId, real[3]].join(".");
}

/** Sign in as `userId` (null: signed out), with the organization cookie (A's id by default: a hostile switcher value). */
export function signInAs(userId: string | null, orgCookie: string | null) {
  auth.userId = userId;
  auth.cookies = new Map(orgCookie ? [["stempel_org", orgCookie]] : []);
}
