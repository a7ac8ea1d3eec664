// The one error → HTTP mapping and the one wire encoding, which both the Next
// route handlers and the server's fast path answer with.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { encode, errorResult, run } from "@/lib/http/result";
import { RuleBlocked } from "@/lib/stamping/card-action";

describe("errorResult", () => {
  it.each([
    ["BAD_REQUEST", 400],
    ["VALIDATION", 422],
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["METHOD_NOT_ALLOWED", 405],
    ["CONFLICT", 409],
    ["PAYLOAD_TOO_LARGE", 413],
    ["RATE_LIMITED", 429],
  ] as const)("%s → %i with the code and message key", (code, status) => {
    expect(errorResult(new AppError(code, "someKey"))).toEqual({
      status,
      body: { error: code, message: "someKey", fieldErrors: undefined },
      headers: undefined,
    });
  });

  it("a zod error is a 422 with the issues per field", () => {
    const parsed = z.object({ pin: z.string().min(4, "pinShort") }).safeParse({ pin: "1" });
    expect(errorResult(parsed.error)).toMatchObject({ status: 422, body: { error: "VALIDATION", fieldErrors: { pin: ["pinShort"] } } });
  });

  it("rate limited: Retry-After in seconds", () => {
    expect(errorResult(new AppError("RATE_LIMITED", "pinLocked", undefined, 30)).headers).toEqual({ "Retry-After": "30" });
  });

  it("a stamp rule's refusal: 409 with the rule's details", () => {
    const retryAt = new Date("2026-01-01T10:00:00Z");
    expect(errorResult(new RuleBlocked({ rule: "maxPerVisit", limit: 10, minutes: 30, retryAt }))).toEqual({
      status: 409,
      body: { error: "RULE_BLOCKED", message: "rule.maxPerVisit", rule: "maxPerVisit", limit: 10, minutes: 30, retryAt },
    });
  });

  it("anything else: a generic 500 that tells the client nothing", () => {
    const r = errorResult(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    expect(r).toEqual({ status: 500, body: { error: "INTERNAL", message: "INTERNAL", fieldErrors: undefined }, headers: undefined });
    expect(JSON.stringify(r)).not.toContain("hunter2");
  });
});

describe("run", () => {
  it("passes a result through and turns a throw into its error result", async () => {
    expect(await run(async () => ({ status: 201 }))).toEqual({ status: 201 });
    expect(await run(async () => Promise.reject(new AppError("NOT_FOUND", "cardNotFound")))).toMatchObject({ status: 404, body: { message: "cardNotFound" } });
  });
});

describe("encode", () => {
  it("JSON for values (dates as ISO strings), bytes as they are, nothing for 204/304 or no body", () => {
    expect(encode({ status: 200, body: { at: new Date("2026-01-01T00:00:00Z"), n: null } })).toEqual({
      bytes: '{"at":"2026-01-01T00:00:00.000Z","n":null}',
      contentType: "application/json",
    });
    expect(encode({ status: 200, body: "text" })).toEqual({ bytes: '"text"', contentType: "application/json" });
    const png = Buffer.from([0x89, 0x50]);
    expect(encode({ status: 200, body: png })).toEqual({ bytes: png });
    expect(encode({ status: 204, body: { ignored: true } })).toEqual({ bytes: null });
    expect(encode({ status: 304, body: png })).toEqual({ bytes: null });
    expect(encode({ status: 201 })).toEqual({ bytes: null });
  });
});
