// The public REST API (/api/v1) through its Next route handler, every route
// walked from the route table (lib/api/routes.ts): a route added there is
// checked here for another merchant's key (404), its scope (403), its
// responses against their schemas and its presence in the OpenAPI document.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api/keys";
import { openApiDocument } from "@/lib/api/openapi";
import { API_ROUTES, type ApiRoute } from "@/lib/api/routes";
import { ErrorResponse } from "@/lib/api/schemas";
import { API_SCOPES, type ApiScope } from "@/lib/api/scopes";
import { ownerDb as db } from "@/lib/db/owner";
import { makeMerchant, newCard, errorKey, type Merchant } from "./helpers";

type Handler = (req: Request) => Promise<Response>;
let handler: Handler;

let a: Merchant;
let b: Merchant;
let keyA: string;
let keyB: string;

type Res = { status: number; headers: Headers; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  method: string,
  p: string,
  options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers = new Headers(options.headers);
  if (options.key !== null) headers.set("authorization", `Bearer ${options.key ?? keyA}`);
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(new Request(`http://localhost/api/v1${p}`, { method, headers, body }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const allScopes = (m: Merchant, name = "Alles") => createApiKey(m.ctx(), { name, scopes: [...API_SCOPES] }).then((k) => k.key);

/** The path of `route` with `m`'s ids: a customer, a card, the program, the location. */
function pathFor(route: ApiRoute, m: Merchant, card: { serial: string }): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "serial") return card.serial;
    if (route.path.startsWith("/customers/")) return m.histories[1].customer.id;
    if (route.path.startsWith("/programs/")) return m.program.id;
    if (route.path.startsWith("/locations/")) return m.location.id;
    throw new Error(`api-v1.test.ts: give ${route.method} ${route.path} a sample for {${name}}`);
  });
}

/** A valid body for each route that takes one. */
const BODIES: Record<string, unknown> = {
  createCustomer: { name: "Femke", email: `femke-${Date.now()}@example.nl`, marketingConsent: true },
  updateCustomer: { name: "Nieuwe naam" },
  stampCard: { amount: 1 },
  redeemReward: { reward: "reward" },
  correctCard: { stamps: 1, reason: "Papieren kaart" },
};
const QUERIES: Record<string, string> = { findCardByQr: "?qr=" };

beforeAll(async () => {
  handler = (await import("@/app/api/v1/[...path]/route")).GET as Handler;
  a = await makeMerchant("Koffie A");
  b = await makeMerchant("Koffie B");
  keyA = await allScopes(a);
  keyB = await allScopes(b);
});

describe("API keys", () => {
  it("are made by owners and managers, shown once, stored hashed with a visible prefix, revoked at once, and audited", async () => {
    const made = await createApiKey(a.ctx("MANAGER"), { name: "Webshop", scopes: ["read", "stamp"] });
    expect(made.key).toMatch(/^stk_[A-Za-z0-9_-]{43}$/);
    expect(made.key.startsWith(made.prefix)).toBe(true);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.hash).not.toContain(made.key.slice(4));
    expect(row.scopes).toEqual(["read", "stamp"]);
    expect(await errorKey(createApiKey(a.ctx("STAFF"), { name: "x", scopes: ["read"] }))).toBe("FORBIDDEN");
    expect(await errorKey(createApiKey(a.ctx(), { name: "", scopes: [] }))).toBe("VALIDATION");
    expect(await errorKey(createApiKey(a.ctx(), { name: "x", scopes: ["admin"] }))).toBe("VALIDATION");
    const listed = (await listApiKeys(a.ctx())).find((k) => k.id === made.id)!;
    expect(listed).toMatchObject({ name: "Webshop", prefix: made.prefix, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.key);

    const ok = await call("GET", "/programs", { key: made.key, headers: { "x-stempel-peer": "203.0.113.9" } });
    expect(ok.status).toBe(200);
    const used = await db().apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(used.lastUsedAt).not.toBeNull();

    expect(await errorKey(revokeApiKey(b.ctx(), made.id))).toBe("NOT_FOUND");
    await revokeApiKey(a.ctx(), made.id);
    const refused = await call("GET", "/programs", { key: made.key });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: "unauthorized", details: { reason: "apiKeyInvalid" } });
    const trail = await db().auditEvent.findMany({ where: { organizationId: a.org.id, subjectId: made.id }, orderBy: { createdAt: "asc" } });
    expect(trail.map((t) => t.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
  });

  it("refuses a missing or malformed key with 401 in the one error shape, with a request id", async () => {
    for (const key of [null, "nope", "stk_" + "x".repeat(43)]) {
      const r = await call("GET", "/customers", { key });
      expect(r.status).toBe(401);
      expect(ErrorResponse.parse(r.body).error.code).toBe("unauthorized");
      expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const echoed = await call("GET", "/programs", { headers: { "x-request-id": "order-4711-abc" } });
    expect(echoed.headers.get("x-request-id")).toBe("order-4711-abc");
  });
});

describe("every route", () => {
  it("is a route of the table: app/api/v1 holds only the catch-all that dispatches it", () => {
    const dir = path.resolve(import.meta.dirname, "../../app/api/v1");
    expect(fs.readdirSync(dir)).toEqual(["[...path]"]);
    expect(fs.readdirSync(path.join(dir, "[...path]"))).toEqual(["route.ts"]);
  });

  it("answers its happy path with a body that matches its response schema", async () => {
    const card = await newCard(a, "Happy");
    await db().card.update({ where: { id: card.id }, data: { rewardsAvailable: 1 } });
    for (const route of API_ROUTES) {
      const q = QUERIES[route.operationId] !== undefined ? `${QUERIES[route.operationId]}${encodeURIComponent(card.serial.toLowerCase())}` : "";
      const r = await call(route.method, pathFor(route, a, card) + q, { body: BODIES[route.operationId] });
      expect([route.operationId, r.status]).toEqual([route.operationId, expect.any(Number)]);
      const schema = route.responses[r.status];
      expect(schema, `${route.operationId} answered ${r.status}: ${JSON.stringify(r.body)}`).toBeDefined();
      const parsed = schema.safeParse(r.body);
      expect(parsed.success, `${route.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(r.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("gives another merchant's key a 404 for each of this merchant's resources (and lists show none of them)", async () => {
    const card = await newCard(a, "Niet van B");
    const customerBefore = await db().customer.findUniqueOrThrow({ where: { id: a.histories[1].customer.id } });
    for (const route of API_ROUTES) {
      const p = pathFor(route, a, card);
      if (p === route.path && route.operationId !== "findCardByQr") {
        // A list: B's key sees only B's rows.
        if (route.method !== "GET" || !route.scope) continue;
        const r = await call("GET", p, { key: keyB });
        expect(r.status, route.operationId).toBe(200);
        expect(JSON.stringify(r.body), route.operationId).not.toContain(a.org.id);
        for (const id of [card.id, a.histories[0].customer.id, a.program.id, a.location.id])
          expect(JSON.stringify(r.body), route.operationId).not.toContain(id);
        continue;
      }
      const q = route.operationId === "findCardByQr" ? `?qr=${card.serial}` : "";
      const r = await call(route.method, p + q, { key: keyB, body: BODIES[route.operationId] });
      expect([route.operationId, r.status]).toEqual([route.operationId, 404]);
      expect(ErrorResponse.parse(r.body).error.code).toBe("not_found");
    }
    // Nothing of A's changed.
    expect(await db().card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ stampCount: 0 });
    expect(await db().customer.findUniqueOrThrow({ where: { id: a.histories[1].customer.id } })).toEqual(customerBefore);
  });

  it("needs its scope: a key with every other scope gets 403", async () => {
    const card = await newCard(a, "Scopes");
    for (const route of API_ROUTES.filter((r) => r.scope)) {
      const others = API_SCOPES.filter((s) => s !== route.scope) as ApiScope[];
      const { key } = await createApiKey(a.ctx(), { name: `Zonder ${route.scope}`, scopes: others });
      const q = route.operationId === "findCardByQr" ? `?qr=${card.serial}` : "";
      const r = await call(route.method, pathFor(route, a, card) + q, { key, body: BODIES[route.operationId] });
      expect([route.operationId, r.status]).toEqual([route.operationId, 403]);
      expect(r.body.error).toMatchObject({ code: "forbidden", details: { reason: "scopeMissing" } });
    }
    expect(await db().card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ stampCount: 0, rewardsAvailable: 0 });
  });

  it("is in the OpenAPI document, and the document is a consistent OpenAPI 3.1 document", async () => {
    const r = await call("GET", "/openapi.json", { key: null });
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(API_ROUTES.map((rt) => `${rt.method} ${rt.path}`).sort());
    const ids = new Set<string>();
    type Op = { operationId: string; responses: object; parameters?: { in: string; name: string }[] };
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
      for (const op of Object.values(ops)) {
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((x: { in: string }) => x.in === "path").map((x: { name: string }) => x.name);
        expect(declared.sort()).toEqual(inPath.sort());
      }
    }
    // Every $ref resolves inside the document.
    for (const ref of JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref[1].split("/").reduce<Record<string, unknown> | undefined>((o, k) => o?.[k] as Record<string, unknown> | undefined, doc);
      expect(target, ref[1]).toBeTruthy();
    }
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is on the docs page (rendered from the same document, no script)", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { ApiReference } = await import("@/components/api-keys/api-reference");
    const labels = { auth: "a", scope: "s", public: "p", parameters: "pa", body: "b", responses: "r", required: "req", idempotency: "i" };
    const html = renderToStaticMarkup(createElement(ApiReference, { doc: openApiDocument() as never, labels }));
    expect(html.match(/data-testid="api-operation"/g)).toHaveLength(API_ROUTES.length);
    for (const route of API_ROUTES) expect(html).toContain(`id="${route.operationId}"`);
    expect(html).not.toContain("<script");
  });
});

describe("card actions", () => {
  it("stamp with the tablet's rules and ledger: the key is the actor, spend and location recorded", async () => {
    const card = await newCard(a, "Stempel");
    const r = await call("POST", `/cards/${card.serial.toLowerCase().replaceAll("-", "")}/stamp`, {
      body: { amount: 3, spendCents: 1250, locationId: a.location.id },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: "STAMP", replayed: false, card: { serial: card.serial, stampCount: 3 } });
    const event = await db().cardEvent.findUniqueOrThrow({ where: { id: r.body.eventId } });
    const key = await db().apiKey.findFirstOrThrow({ where: { organizationId: a.org.id, name: "Alles" } });
    expect(event).toMatchObject({ type: "STAMP", amount: 3, spendCents: 1250, locationId: a.location.id, apiKeyId: key.id, deviceId: null, actorUserId: null });
    const events = await call("GET", `/events?type=stamp&cardId=${card.id}`);
    expect(events.body.data).toEqual([expect.objectContaining({ id: event.id, source: "api", apiKeyId: key.id })]);

    // The visit rule (10 in 30 minutes by default) refuses as on the tablet.
    await call("POST", `/cards/${card.serial}/stamp`, { body: { amount: 7 } });
    const blocked = await call("POST", `/cards/${card.serial}/stamp`, { body: { amount: 1 } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: "rule_blocked", details: { rule: "maxPerVisit", limit: 10 } });
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).rewardsAvailable).toBe(1);

    const redeemed = await call("POST", `/cards/${card.serial}/redeem`, { body: {} });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.card.rewardsAvailable).toBe(0);
    const none = await call("POST", `/cards/${card.serial}/redeem`, { body: {}, headers: { "accept-language": "nl-NL,nl;q=0.9" } });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: "conflict", details: { reason: "noRewardAvailable" } });
    expect(none.body.error.message).toMatch(/beloning/);
  });

  it("refuses bad input with 4xx and field details, never a 500", async () => {
    const card = await newCard(a, "Fout");
    const cases: [string, string, { body?: unknown; raw?: string; headers?: Record<string, string> }, number, string][] = [
      ["POST", `/cards/${card.serial}/stamp`, { body: { amount: 0 } }, 422, "validation_failed"],
      ["POST", `/cards/${card.serial}/stamp`, { body: { amount: "1" } }, 422, "validation_failed"],
      ["POST", `/cards/${card.serial}/stamp`, { raw: "{not json" }, 400, "bad_request"],
      ["POST", `/cards/${card.serial}/stamp`, { raw: JSON.stringify({ amount: 1, pad: "x".repeat(20_000) }) }, 413, "payload_too_large"],
      ["POST", `/cards/${card.serial}/stamp`, { body: { locationId: b.location.id } }, 422, "validation_failed"],
      ["POST", `/cards/${card.serial}/stamp`, { body: {}, headers: { "idempotency-key": "bad key with spaces" } }, 422, "validation_failed"],
      ["POST", "/cards/NOT-A-CARD/stamp", { body: {} }, 404, "not_found"],
      ["POST", `/cards/${card.serial}/correct`, { body: { stamps: 1 } }, 422, "validation_failed"],
      ["POST", `/cards/${card.serial}/correct`, { body: { stamps: -5, reason: "Te veel" } }, 409, "conflict"],
      ["POST", "/customers", { body: { name: "Zonder toestemming" } }, 422, "validation_failed"],
      ["POST", "/customers", { body: { name: "X", marketingConsent: false, email: "geen-mail" } }, 422, "validation_failed"],
      ["POST", "/customers", { body: { name: "X", marketingConsent: false, programId: b.program.id } }, 422, "validation_failed"],
      ["PATCH", `/customers/${a.histories[0].customer.id}`, { body: {} }, 422, "validation_failed"],
      ["GET", "/customers?limit=0", {}, 422, "validation_failed"],
      ["GET", "/customers?cursor=garbage", {}, 422, "validation_failed"],
      ["GET", "/events?type=STAMP,NOPE", {}, 422, "validation_failed"],
      ["GET", "/events?since=yesterday", {}, 422, "validation_failed"],
      ["GET", "/insights/summary?period=decade", {}, 422, "validation_failed"],
      ["GET", "/nothing-here", {}, 404, "not_found"],
      ["PUT", "/customers", {}, 405, "method_not_allowed"],
      ["GET", "/customers/%E0%A4%A", {}, 400, "bad_request"],
    ];
    for (const [method, p, options, status, code] of cases) {
      const r = await call(method, p, options);
      expect([method, p, r.status, r.body?.error?.code]).toEqual([method, p, status, code]);
      ErrorResponse.parse(r.body);
    }
    const r = await call("POST", "/customers", { body: { name: "Zonder toestemming" } });
    expect(r.body.error.details.fields).toHaveProperty("marketingConsent");
    expect((await call("PUT", "/customers")).headers.get("allow")).toBe("GET, POST, HEAD");
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(0);
  });

  it("honours Idempotency-Key: the same body answers the first result, another body is a 422", async () => {
    const card = await newCard(a, "Idem");
    const stamp = (body: unknown, key = "order-1001") => call("POST", `/cards/${card.serial}/stamp`, { body, headers: { "idempotency-key": key } });
    const first = await stamp({ amount: 2, spendCents: 500 });
    expect(first.status).toBe(201);
    const again = await stamp({ spendCents: 500, amount: 2 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ eventId: first.body.eventId, replayed: true, card: { stampCount: 2 } });
    const other = await stamp({ amount: 3 });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    // Concurrent retries of one request stamp once.
    const burst = await Promise.all(Array.from({ length: 5 }, () => stamp({ amount: 1 }, "order-1002")));
    expect(burst.map((x) => x.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(3);
    // The same header on another key is another request.
    const otherKey = await allScopes(a, "Tweede");
    expect(
      (await call("POST", `/cards/${card.serial}/stamp`, { key: otherKey, body: { amount: 1 }, headers: { "idempotency-key": "order-1001" } })).status,
    ).toBe(201);

    const correct = (body: unknown) => call("POST", `/cards/${card.serial}/correct`, { body, headers: { "idempotency-key": "fix-1" } });
    const c1 = await correct({ stamps: 2, reason: "Papieren kaart" });
    expect(c1.status).toBe(201);
    const c2 = await correct({ stamps: 2, reason: "Papieren kaart" });
    expect(c2.body).toMatchObject({ eventId: c1.body.eventId, replayed: true });
    expect((await correct({ stamps: 3, reason: "Papieren kaart" })).status).toBe(422);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(6);

    const create = (body: unknown) => call("POST", "/customers", { body, headers: { "idempotency-key": "signup-77" } });
    const body = { name: "Joris", phone: "06 12345678", marketingConsent: false, programId: a.program.id };
    const made = await create(body);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "Joris", phone: "+31612345678", source: "API", marketingConsentAt: null });
    const replay = await create(body);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(made.body.id);
    expect((await create({ ...body, name: "Joris B" })).status).toBe(422);
    const cards = await call("GET", `/customers/${made.body.id}/cards`);
    expect(cards.body.data).toHaveLength(1);
  });
});

describe("customers", () => {
  it("list with filters and a cursor, create with consent, update, and erase as the dashboard does", async () => {
    const made = await call("POST", "/customers", {
      body: { name: "Sanne", email: "Sanne@Example.nl", marketingConsent: true, externalId: "shop-42", programId: a.program.id, birthday: "1990-04-12" },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ email: "sanne@example.nl", marketingConsent: true, externalId: "shop-42", birthday: "1990-04-12" });
    expect(made.body.marketingConsentAt).not.toBeNull();
    const dup = await call("POST", "/customers", { body: { name: "Ander", email: "sanne@example.nl", marketingConsent: false } });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details).toMatchObject({ reason: "emailTaken" });

    const byExternal = await call("GET", "/customers?externalId=shop-42");
    expect(byExternal.body.data.map((c: { id: string }) => c.id)).toEqual([made.body.id]);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const r: Res = await call("GET", `/customers?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.data.map((c: { id: string }) => c.id));
      cursor = r.body.nextCursor;
    }
    const all = await db().customer.findMany({ where: { organizationId: a.org.id }, select: { id: true } });
    expect(seen.sort()).toEqual(all.map((c) => c.id).sort());

    const patched = await call("PATCH", `/customers/${made.body.id}`, { body: { marketingConsent: false, phone: "0612345670" } });
    expect(patched.body).toMatchObject({ marketingConsent: false, marketingConsentAt: null, phone: "+31612345670", name: "Sanne" });

    const erased = await call("DELETE", `/customers/${made.body.id}`);
    expect(erased.body).toEqual({ id: made.body.id, erased: true });
    const after = await call("GET", `/customers/${made.body.id}`);
    expect(after.body).toMatchObject({ name: "", email: null, phone: null, externalId: null, erased: true });
    expect((await call("DELETE", `/customers/${made.body.id}`)).status).toBe(200);
    expect((await call("PATCH", `/customers/${made.body.id}`, { body: { name: "Terug" } })).status).toBe(409);
    const trail = await db().auditEvent.findMany({ where: { organizationId: a.org.id, subjectId: made.body.id }, select: { action: true } });
    expect(trail.map((t) => t.action).sort()).toEqual(["customer.erase", "customer.update"]);
  });
});

describe("rate limits", () => {
  it("sends RateLimit-* headers and answers 429 with Retry-After past the key's limit", async () => {
    const { id, key } = await createApiKey(a.ctx(), { name: "Klein", scopes: ["read", "stamp"] });
    await db().apiKey.update({ where: { id }, data: { requestsPerMinute: 3 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call("GET", "/locations", { key }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers[0].headers.get("ratelimit-limit")).toBe("3");
    expect(answers[0].headers.get("ratelimit-policy")).toBe("3;w=60");
    expect(Number(answers[0].headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(Number(answers[3].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answers[3].body.error.code).toBe("rate_limited");
    // A stamp counts against the same limit, and is refused before anything is written.
    const card = await newCard(a, "Limiet");
    const r = await call("POST", `/cards/${card.serial}/stamp`, { key, body: {} });
    expect(r.status).toBe(429);
    expect(r.headers.get("ratelimit-limit")).toBe("3");
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).stampCount).toBe(0);
  });

  it("shares the count through PostgreSQL: another instance's requests count too", async () => {
    const { id, key } = await createApiKey(a.ctx(), { name: "Gedeeld", scopes: ["read"] });
    await db().apiKey.update({ where: { id }, data: { requestsPerMinute: 5 } });
    const { hashApiKey } = await import("@/lib/api/keys");
    const bucket = `api:key:${hashApiKey(key)}`;
    const settle = () => new Promise((r) => setTimeout(r, 250));
    expect((await call("GET", "/programs", { key })).status).toBe(200);
    expect((await call("GET", "/programs", { key })).status).toBe(200);
    await settle();
    expect((await db().rateLimitBucket.findUniqueOrThrow({ where: { key: bucket } })).count).toBe(2);
    // Another instance served three more in this window.
    await db().rateLimitBucket.update({ where: { key: bucket }, data: { count: { increment: 3 } } });
    expect((await call("GET", "/programs", { key })).status).toBe(200); // judged before this process has seen them
    await settle();
    const refused = await call("GET", "/programs", { key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
  });
});
