// Issue 18, hostile input: an HTTP fuzzer over every route handler of the app. The routes are read from the app
// (tests/support/fuzz-routes.ts walks app/**/route.ts; /api/v1's paths come from its own route table), so a new route
// is fuzzed without editing this file. Each handler gets a fixed corpus and seeded random mixes of: hostile params
// (path traversal, %00, %-escapes, injection strings, absurd ids), malformed, huge, wrongly typed and wrongly encoded
// bodies, wrong content types, garbage Authorization headers (Bearer, ApplePass, tablet tokens) and query strings —
// signed in as the owner for half the cases. Nothing may answer 5xx (or throw), a JSON 4xx has the standard error shape
// ({error, message}), no answer carries a stack trace, and no HTML answer reflects a script unescaped.
// Rerun with another seed: FUZZ_SEED=<n>; more random cases: FUZZ_RUNS=<n> (docs/security.md).
import { createRequire } from "node:module";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api/keys";
import { API_ROUTES, BASE as API_BASE } from "@/lib/api/routes";
import { ErrorResponse as ApiErrorResponse } from "@/lib/api/schemas";
import { API_SCOPES } from "@/lib/api/scopes";
import { ownerDb as db } from "@/lib/db/owner";
import type { TenantContext } from "@/lib/tenancy/context";
import { appleConfig } from "@/lib/wallet/apple/config";
import { fuzzSeed, hostileString } from "../support/fuzz";
import { paramNames, routeHandlers, urlOf, type RouteHandler } from "../support/fuzz-routes";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";

// ---- Next's request scope, stood in for: the signed-in member (or nobody), and next/headers from the request at hand ----
const scope = vi.hoisted(() => ({
  session: null as null | { ctx: TenantContext; organization: unknown; user: unknown; membership?: unknown },
  request: null as Request | null,
}));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<object>()),
  requireTenant: async () => scope.session ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => scope.session,
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
// next-auth loads next/headers with require(), past vi.mock: its CommonJS exports are pointed at the same stand-ins.
const cjsHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/compiled/@edge-runtime/cookies");
  return {
    headers: async () => scope.request?.headers ?? new Headers(),
    cookies: async () => new RequestCookies(scope.request?.headers ?? new Headers()),
  };
});

/** Handlers found today (38 route files); fewer means the walk broke. */
const HANDLERS_TODAY = 45;
const RANDOM_CASES = Number(process.env.FUZZ_RUNS ?? 8);
const MB = 1024 * 1024;

/**
 * Routes that may answer 2xx/3xx to the corpus (every other route must refuse every case with a 4xx). Each says why:
 * its answer is public or by protocol, or a case carries the real token/session the route needs.
 */
const MAY_SUCCEED: Record<string, string> = {
  "GET app/api/health/route.ts": "health is public and takes no input",
  "GET app/(tablet)/stamp/manifest.webmanifest/route.ts": "a static web-app manifest",
  "GET app/(customer)/c/[token]/manifest.webmanifest/route.ts": "the web card's manifest: the real card token is its only credential",
  "GET app/(customer)/c/[token]/route.ts": "the web card: the real card token is its only credential (junk query and headers are ignored)",
  "GET app/(customer)/c/[token]/export/route.ts": "the customer's own data export: the real card token is its only credential",
  "GET app/api/cards/[webToken]/apple-pass/route.ts": "the pass download from the web card: the real card token is its only credential",
  "GET app/(customer)/join/[programId]/route.ts": "the public sign-up page of a real program (ignores junk headers and query)",
  "GET app/(dashboard)/dashboard/settings/export/route.ts": "the owner's data export, for cases signed in as the owner",
  "GET app/api/customers/import/[id]/route.ts": "a real import's status, for cases signed in as the owner",
  "GET app/api/tablet/cards/[serial]/route.ts": "a real card, for the case with a real tablet session",
  "GET app/api/apple/v1/passes/[passTypeId]/[serial]/route.ts": "a real pass, for the case with its real ApplePass token",
  "DELETE app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route.ts":
    "Apple's protocol: unregistering with the real token succeeds even when nothing was registered",
  "GET app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/route.ts":
    "Apple's protocol: 204 (nothing updated) for an unknown device, unauthenticated by design",
  "GET app/(dashboard)/dashboard/settings/audit/export/route.ts": "the owner's audit trail, for cases signed in as the owner (junk filters are ignored)",
  "GET app/api/customers/import/[id]/errors/route.ts": "a real import's error report, for cases signed in as the owner",
  "GET app/api/auth/[...nextauth]/route.ts": "next-auth's own pages and redirects (sign-in, error, csrf, providers)",
  "POST app/api/auth/[...nextauth]/route.ts": "next-auth answers a bad sign-in with a redirect to its error page, by design",
  "GET app/api/customers/export/route.ts": "the customer list as CSV, for cases signed in as the owner (junk filters are ignored)",
  "POST app/api/billing/mollie/route.ts": "Mollie's protocol: 200 for any id it sends (unknown ones too, and while billing is off) so it stops retrying",
};

type Case = {
  label: string;
  params: "real" | string;
  query: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  signedIn: boolean;
};

let m: Merchant;
let real: Record<string, string>;
let auths: string[];
const results: { route: string; label: string; status: number; problem?: string }[] = [];

beforeAll(async () => {
  const headers = await import("next/headers");
  Object.assign(cjsHeaders, { headers: headers.headers, cookies: headers.cookies });
  m = await makeMerchant("Fuzz", { customers: 1 });
  const card = await newCard(m, "Fuzz Klant");
  const t = await tablet(m, "1357");
  const key = (await createApiKey(m.ctx(), { name: "Fuzz", scopes: [...API_SCOPES] })).key;
  const imp = await db().customerImport.create({ data: { organizationId: m.org.id, fileName: "klanten.csv", fileType: "csv" } });
  real = {
    token: card.webToken,
    webToken: card.webToken,
    programId: m.program.id,
    id: imp.id,
    serial: card.serial,
    deviceId: "iphone-fuzz",
    passTypeId: appleConfig().passTypeIdentifier,
    key: "logos/nothing-here.png",
    nextauth: "session",
    path: "customers",
  };
  auths = [
    "",
    "Bearer junk",
    `Bearer ${t.sessionToken}`,
    `Bearer ${key}`,
    `Bearer ${key.slice(0, -3)}xyz`,
    "ApplePass junk",
    `ApplePass ${card.authToken}`,
    "ApplePass <script>alert(1)</script>",
    "Basic Zm9vOmJhcg==",
    `Bearer ${"x".repeat(10_000)}`,
    "Bearer %00",
  ];
});

afterAll(() => {
  // What each route answered, for whoever reruns with another seed (FUZZ_REPORT=1).
  if (process.env.FUZZ_REPORT) {
    const byRoute = new Map<string, Map<number, number>>();
    for (const r of results) {
      const s = byRoute.get(r.route) ?? new Map<number, number>();
      s.set(r.status, (s.get(r.status) ?? 0) + 1);
      byRoute.set(r.route, s);
    }
    for (const [route, s] of byRoute) console.log(route, Object.fromEntries(s));
  }
});

const PARAMS = [
  "../../etc/passwd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "a\u0000b",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "9".repeat(5000),
  "-1",
  "😀",
];
const QUERIES = [
  "",
  "?q=%00&name=..%2F..%2Fx.csv&s=<script>",
  "?format=exe&size=A9&bg=zz&fg=<&stamps=-1&filled=999&scale=1e9&icon=../x",
  "?passesUpdatedSince=-1&cursor=%E0%A4%A&limit=1e9&sep=;&marketing=2",
  "?%E0%A4%A=1&q=' OR 1=1 --&ref=<img src=x onerror=alert(1)>",
  `?q=${"x".repeat(3000)}`,
];
const JSON_HEADERS = { "content-type": "application/json" };
const BODIES: { label: string; headers: Record<string, string>; body?: Case["body"] }[] = [
  { label: "no body", headers: {} },
  { label: "malformed JSON", headers: JSON_HEADERS, body: "{oops" },
  { label: "empty JSON body", headers: JSON_HEADERS, body: "" },
  { label: "JSON null", headers: JSON_HEADERS, body: "null" },
  { label: "JSON array", headers: JSON_HEADERS, body: "[1,2,3]" },
  {
    label: "JSON of wrong types",
    headers: JSON_HEADERS,
    body: JSON.stringify({ kind: 1, amount: "x", serial: [], code: {}, id: -1, pin: true, logs: "no", name: null }),
  },
  { label: "JSON number overflow", headers: JSON_HEADERS, body: '{"amount":1e999,"spendCents":-1e308}' },
  { label: "deeply nested JSON", headers: JSON_HEADERS, body: "[".repeat(5000) + "]".repeat(5000) },
  { label: "NUL in JSON strings", headers: JSON_HEADERS, body: JSON.stringify({ name: "a\u0000b", code: "\u0000", deviceToken: "%00".repeat(10) }) },
  { label: "bad UTF-8", headers: JSON_HEADERS, body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  { label: "form body", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "id=%00&code=<script>&name=%E0%A4%A&id=tr_' OR 1=1" },
  { label: "text body", headers: { "content-type": "text/plain" }, body: "hello <script>alert(1)</script>" },
  {
    label: "multipart garbage",
    headers: { "content-type": "multipart/form-data; boundary=xyz" },
    body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="../../x.csv"\r\n\r\n\u0000\u0001garbage\r\n--xy',
  },
  { label: "JSON without content type", headers: {}, body: '{"code":"ABCD-EFGH"}' },
  { label: "huge body (declared)", headers: { ...JSON_HEADERS, "content-length": String(11 * MB) }, body: () => streamOf(11 * MB) },
  { label: "huge body (streamed)", headers: JSON_HEADERS, body: () => streamOf(11 * MB) },
];

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MB).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
}

/** The fixed corpus for a handler: every body, every auth header, every param and query, rotated together. */
function corpus(r: RouteHandler): Case[] {
  const hasBody = r.method !== "GET";
  const bodies = hasBody ? BODIES : BODIES.slice(0, 1);
  const n = Math.max(bodies.length, auths.length, PARAMS.length + 1, QUERIES.length) * (paramNames(r).length ? 2 : 1);
  return Array.from({ length: n }, (_, i) => {
    const b = bodies[i % bodies.length];
    const params = paramNames(r).length && i % 2 === 0 ? PARAMS[(i / 2) % PARAMS.length] : "real";
    return {
      label: `${b.label}, auth #${i % auths.length}, params ${params === "real" ? "real" : JSON.stringify(params.slice(0, 30))}, query #${i % QUERIES.length}`,
      params,
      query: QUERIES[i % QUERIES.length],
      headers: { ...b.headers, ...(auths[i % auths.length] ? { authorization: auths[i % auths.length] } : {}) },
      body: b.body,
      signedIn: i % 3 !== 0,
    };
  });
}

const randomCase = (r: RouteHandler): fc.Arbitrary<Case> =>
  fc.record({
    label: fc.constant("random"),
    params: fc.oneof(fc.constant("real"), hostileString),
    query: fc
      .array(fc.tuple(fc.constantFrom("q", "id", "name", "format", "passesUpdatedSince", "cursor", "limit", "s"), hostileString), { maxLength: 3 })
      .map((kv) => (kv.length ? `?${kv.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, "?"))}`).join("&")}` : "")),
    headers: fc
      .record(
        {
          authorization: fc.oneof(
            fc.constantFrom(...auths),
            hostileString.map((s) => `Bearer ${s}`),
          ),
        },
        { requiredKeys: [] },
      )
      .map((h) => ({
        ...h,
        "content-type": "application/json",
      })),
    body:
      r.method === "GET"
        ? fc.constant(undefined)
        : fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
            hostileString,
          ),
    signedIn: fc.boolean(),
  });

/** Header values must be ByteStrings; a hostile one is sent percent-escaped (as a client library would fail otherwise). */
const headerSafe = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, /^[\x20-\x7e]*$/.test(v) ? v : encodeURI(v.replace(/[\uD800-\uDFFF]/g, "?"))]));

/** Next's params for the case, and the URL (a param that cannot be in a URL is escaped there, as a client sends it). */
function target(r: RouteHandler, c: Case) {
  const values: Record<string, string> = {};
  for (const name of paramNames(r)) {
    if (name === "path") values.path = (c.params === "real" ? apiPath(c) : `customers/${c.params}`).replace(/^\//, "");
    else values[name] = c.params === "real" ? real[name] : c.params;
  }
  const { path, params } = urlOf(r, values);
  const escaped = path.replace(/[^\x21-\x7e]/g, (ch) => encodeURIComponent(ch.replace(/[\uD800-\uDFFF]/g, "?")));
  return { url: `http://localhost${escaped}${c.query}`, params };
}

/** For /api/v1/[...path]: one of the API's own routes (lib/api/routes.ts), the ids in it real or hostile, chosen by the case. */
function apiPath(c: Case): string {
  const route = API_ROUTES[(c.label.length + c.query.length) % API_ROUTES.length];
  return `${API_BASE}${route.path}`
    .replace("{id}", m.program.id)
    .replace("{serial}", real.serial)
    .replace(/^\/api\/v1\//, "");
}

const STACK = /\n\s+at .+\(?.*:\d+:\d+\)?|node_modules\/|webpack-internal|\/work\/|Error: .*\n\s+at /;
const UNESCAPED = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

async function call(r: RouteHandler, c: Case) {
  const { url, params } = target(r, c);
  const body = typeof c.body === "function" ? c.body() : c.body;
  const init = { method: r.method, headers: headerSafe(c.headers), body, ...(typeof c.body === "function" ? { duplex: "half" } : {}) } as RequestInit;
  const req = new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
  scope.request = req;
  scope.session = c.signedIn ? await sessionOf(m) : null;
  const route = `${r.method} ${r.file}`;
  let res: Response;
  try {
    res = await r.handler(req, { params: Promise.resolve(params) });
  } catch (e) {
    // Next answers its own control-flow throws (redirect(), notFound()); anything else is its 500.
    const digest = String((e as { digest?: string }).digest ?? "");
    if (/^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK;404|NOT_FOUND)/.test(digest))
      return results.push({ route, label: c.label, status: digest.startsWith("NEXT_REDIRECT") ? 307 : 404 });
    return results.push({ route, label: c.label, status: 500, problem: `threw ${(e as Error)?.stack?.split("\n").slice(0, 3).join(" | ") ?? String(e)}` });
  }
  const type = res.headers.get("content-type") ?? "";
  const text = type.includes("application/pdf") || type.includes("image/") || type.includes("pkpass") || type.includes("zip") ? "" : await res.text();
  let problem: string | undefined;
  if (res.status >= 500) problem = `status ${res.status}: ${text.slice(0, 300)}`;
  else if (STACK.test(text)) problem = `stack trace in the body: ${text.slice(0, 300)}`;
  else if (type.includes("html") && UNESCAPED.some((s) => text.includes(s))) problem = "a script reflected unescaped in HTML";
  else if (res.status >= 400 && type.includes("json")) {
    const json = JSON.parse(text) as Record<string, unknown>;
    // The public API's own documented shape ({error: {code, message, details}}, lib/api/schemas.ts); everywhere else lib/http's.
    const standard = r.file.startsWith("app/api/v1/")
      ? ApiErrorResponse.safeParse(json).success
      : typeof json.error === "string" && typeof json.message === "string";
    if (!standard) problem = `not the standard error shape: ${text.slice(0, 200)}`;
  }
  results.push({ route, label: c.label, status: res.status, problem });
}

type Session = NonNullable<(typeof scope)["session"]>;
let session: Session | undefined;
async function sessionOf(merchant: Merchant): Promise<Session> {
  session ??= {
    ctx: merchant.ctx("OWNER"),
    organization: await db().organization.findUniqueOrThrow({ where: { id: merchant.org.id } }),
    user: merchant.owner,
    membership: await db().membership.findFirstOrThrow({ where: { organizationId: merchant.org.id, userId: merchant.owner.id } }),
  };
  return session;
}

const handlers = await routeHandlers();

describe("every route handler of the app, fuzzed", () => {
  it("finds the routes by walking app/ (a broken walk fails here)", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(HANDLERS_TODAY);
    expect(handlers.map((h) => `${h.method} ${h.file}`)).toContain("POST app/api/tablet/actions/route.ts");
  });

  for (const r of handlers) {
    it(`${r.method} ${r.file}`, async () => {
      for (const c of corpus(r)) await call(r, c);
      await fc.assert(
        fc.asyncProperty(randomCase(r), async (c) => void (await call(r, c))),
        { seed: fuzzSeed, numRuns: RANDOM_CASES },
      );
      const mine = results.filter((x) => x.route === `${r.method} ${r.file}`);
      expect(mine.filter((x) => x.problem).map((x) => `${x.label}: ${x.problem}`)).toEqual([]);
      const succeeded = mine.filter((x) => x.status < 400);
      if (!(`${r.method} ${r.file}` in MAY_SUCCEED))
        expect(
          succeeded.map((x) => `${x.status} ${x.label}`),
          "answered 2xx/3xx to hostile input",
        ).toEqual([]);
    });
  }
});

// ---- stored script: what a customer typed at sign-up is never rendered unescaped ----

const SCRIPTS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'];

describe("a script typed at sign-up is never rendered unescaped", () => {
  let cards: { webToken: string; name: string }[];

  beforeAll(async () => {
    const join = (await import("@/app/(customer)/join/[programId]/route")).POST;
    const { issueFormToken, MIN_AGE_MS } = await import("@/lib/enrollment/form-token");
    cards = [];
    for (const [i, name] of SCRIPTS.entries()) {
      // The real enrollment path: the sign-up form POSTed to its route handler, answered with a redirect to the card.
      const form = new URLSearchParams({
        token: issueFormToken(m.program.id, Date.now() - MIN_AGE_MS),
        name,
        email: `xss${i}@example.nl`,
        termsAccepted: "on",
        marketingConsent: "on",
      });
      const req = new NextRequest(`http://localhost/join/${m.program.id}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `203.0.113.${i + 1}` },
        body: form.toString(),
      });
      scope.request = req;
      const res = await join(req, { params: Promise.resolve({ programId: m.program.id }) });
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(300);
      const webToken = /\/c\/([^/?]+)/.exec(res.headers.get("location") ?? "")?.[1];
      expect(webToken).toBeTruthy();
      cards.push({ webToken: webToken!, name });
      // The merchant's note on the customer: a formula for the CSV export.
      await db().customer.updateMany({ where: { organizationId: m.org.id, name }, data: { note: '=HYPERLINK("http://evil.example","klik")' } });
    }
  });

  it("the web card page escapes the name", async () => {
    const { GET } = await import("@/app/(customer)/c/[token]/route");
    for (const card of cards) {
      const res = await GET(new Request(`http://localhost/c/${card.webToken}?welcome=1`), { params: Promise.resolve({ token: card.webToken }) });
      const html = await res.text();
      expect(html).not.toContain(card.name);
      expect(html).toContain(card.name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));
    }
  });

  it("the welcome email's HTML escapes the name", async () => {
    const { welcomeEmail } = await import("@/lib/enrollment/customer-emails");
    const program = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id }, include: { organization: true } });
    for (const card of cards) {
      const email = await welcomeEmail(program, { name: card.name, email: "x@example.nl" }, card.webToken, "nl");
      for (const script of SCRIPTS) expect(email.html).not.toContain(script);
    }
  });

  it("the customer's data export (JSON) and the CSV export: JSON-encoded, formulas neutralised (lib/customers/export.ts safeCell)", async () => {
    const exportRoute = (await import("@/app/(customer)/c/[token]/export/route")).GET;
    for (const card of cards) {
      const res = await exportRoute(new NextRequest(`http://localhost/c/${card.webToken}/export`), { params: Promise.resolve({ token: card.webToken }) });
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(JSON.stringify(await res.json())).toContain(JSON.stringify(card.name).slice(1, -1));
    }
    const csvRoute = (await import("@/app/api/customers/export/route")).GET;
    scope.session = await sessionOf(m);
    const csv = await (await csvRoute(new NextRequest("http://localhost/api/customers/export?sep=comma"))).text();
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).not.toMatch(/(^|[,;])"?=HYPERLINK/m);
  });
});
