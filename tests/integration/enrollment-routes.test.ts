// The public enrollment routes answered with real requests (issue 11 §12, §13, §16):
// whatever a client sends, the answer is a page or a redirect with a 4xx for bad
// input — never a 500 — and known or unknown details get the same answer.
import { beforeAll, describe, expect, it } from "vitest";
import * as joinRoute from "@/app/(customer)/join/[programId]/route";
import * as verifyRoute from "@/app/(customer)/join/[programId]/verify/route";
import { ownerDb as db } from "@/lib/db/owner";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { en, nl } from "@/lib/i18n/messages";
import { makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
beforeAll(async () => {
  m = await makeMerchant("Koffiebar Route", { customers: 0 });
});

let peer = 0;
const url = (programId = m.program.id, path = "") => `http://localhost/join/${programId}${path}`;
const params = (programId = m.program.id) => ({ params: Promise.resolve({ programId }) });
const aged = () => issueFormToken(m.program.id, Date.now() - 5000);
/** HTML text as the customer reads it (entities decoded). */
const text = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

function post(body: BodyInit | null, headers: Record<string, string>, programId = m.program.id, path = "") {
  const init: RequestInit & { duplex?: "half" } = { method: "POST", body, headers: { [PEER_HEADER]: `10.90.0.${++peer}`, ...headers } };
  if (body instanceof ReadableStream) init.duplex = "half";
  const req = new Request(url(programId, path), init);
  return path ? verifyRoute.POST(req, params(programId)) : joinRoute.POST(req, params(programId));
}
const form = (fields: Record<string, string>) =>
  post(new URLSearchParams({ token: aged(), termsAccepted: "on", source: "poster", ...fields }).toString(), {
    "content-type": "application/x-www-form-urlencoded",
  });

async function expectPage(res: Response, status: number, message: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  const body = text(await res.text());
  expect(body).toContain(message);
  // The form is there again, with a fresh token, so the customer can simply retry.
  expect(body).toMatch(/<input type="hidden" name="token" value="[^"]{20,}">/);
  return body;
}

describe("POST /join/<id> reads any body safely (issue 11 §16)", () => {
  it("answers the form page for GET", async () => {
    const res = await joinRoute.GET(new Request(url()), params());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="token"');
  });

  it("a JSON body → 415 with a clear message", async () => {
    const res = await post(JSON.stringify({ name: "Eve", token: aged(), termsAccepted: "on" }), { "content-type": "application/json" });
    await expectPage(res, 415, nl.join.unsupportedBody);
  });

  it("no or another content type → 415", async () => {
    await expectPage(await post("name=Eve", { "content-type": "text/plain" }), 415, nl.join.unsupportedBody);
    await expectPage(await post(null, {}), 415, nl.join.unsupportedBody);
  });

  it("malformed multipart → 400", async () => {
    const garbage = "--nope\r\nthis is not multipart at all";
    await expectPage(await post(garbage, { "content-type": "multipart/form-data; boundary=XYZ" }), 400, nl.join.badBody);
    await expectPage(await post(garbage, { "content-type": "multipart/form-data" }), 400, nl.join.badBody);
  });

  it("a well-formed multipart form is accepted like a urlencoded one", async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ token: aged(), name: "Multi", email: "multi@example.nl", termsAccepted: "on" })) fd.set(k, v);
    const res = await post(fd, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/c\/[A-Za-z0-9_-]{20,}\?welcome=1$/);
  });

  it("a body over the limit → 413, announced or streamed", async () => {
    const big = new URLSearchParams({ token: aged(), name: "x".repeat(40_000), termsAccepted: "on" }).toString();
    await expectPage(await post(big, { "content-type": "application/x-www-form-urlencoded" }), 413, nl.join.bodyTooLarge);
    const chunks = Array.from({ length: 40 }, () => new TextEncoder().encode("a".repeat(1024)));
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
    await expectPage(await post(stream, { "content-type": "application/x-www-form-urlencoded" }), 413, nl.join.bodyTooLarge);
  });

  it("remembers ?lang= in the locale cookie, as before, without Next's request scope", async () => {
    const res = await joinRoute.GET(new Request(`${url()}?lang=en&s=counter`), params());
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^NEXT_LOCALE=en; Path=\/;/);
    expect(text(await res.text())).toContain(en.join.title.replace("{merchant}", "Koffiebar Route"));
  });

  it("speaks the customer's language", async () => {
    const res = await post("{}", { "content-type": "application/json", cookie: "NEXT_LOCALE=en" });
    await expectPage(res, 415, en.join.unsupportedBody);
  });

  it("an unknown program is a 404 whatever the body", async () => {
    const res = await post("{}", { "content-type": "application/json" }, "doesnotexist00000000000");
    expect(res.status).toBe(404);
  });

  it("the retired code step answers 410 Gone with a way back, whatever the body", async () => {
    for (const [body, type] of [
      ["{}", "application/json"],
      ["--x\r\nbroken", "multipart/form-data; boundary=q"],
      ["verificationId=abc&code=123456", "application/x-www-form-urlencoded"],
    ]) {
      const res = await post(body, { "content-type": type }, m.program.id, "/verify");
      expect(res.status).toBe(410);
      const body2 = text(await res.text());
      expect(body2).toContain(nl.join.verifyGone);
      expect(body2).toContain(`href="/join/${m.program.id}"`);
    }
  });
});

describe("POST /join/<id>: the same answer for known and unknown details (issue 11 §12)", () => {
  it("redirects to a new card either way, with the same headers", async () => {
    const first = await form({ name: "Iris", email: "iris@route.test" });
    expect(first.status).toBe(303);
    const known = await form({ name: "Eve", email: "iris@route.test" });
    const unknown = await form({ name: "Eve", email: "eve@route.test" });
    for (const res of [known, unknown]) {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/c\/[A-Za-z0-9_-]{20,}\?welcome=1$/);
      expect(await res.text()).toBe("");
    }
    expect([...known.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());
    expect(known.headers.get("location")).not.toBe(first.headers.get("location"));
  });
});

describe("POST /join/<id> with a replayed token (issue 11 §13)", () => {
  it("other details → a 4xx page with a clear message, and nothing created", async () => {
    const token = aged();
    const body = (fields: Record<string, string>) => new URLSearchParams({ token, termsAccepted: "on", ...fields }).toString();
    const first = await post(body({ name: "Noor", email: "noor@route.test" }), { "content-type": "application/x-www-form-urlencoded" });
    expect(first.status).toBe(303);
    const customers = await db().customer.count();
    const res = await post(body({ name: "Eve", email: "eve-replay@route.test" }), { "content-type": "application/x-www-form-urlencoded" });
    const page = await expectPage(res, 409, nl.join.formUsed);
    expect(page).not.toContain(first.headers.get("location")!.split("?")[0]);
    expect(await db().customer.count()).toBe(customers);
    // The same details again: the same card.
    const again = await post(body({ name: "Noor", email: "noor@route.test" }), { "content-type": "application/x-www-form-urlencoded" });
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
  });
});
