// The tablet's API contract: the server's answers fit the response schemas in
// lib/validation/tablet.ts (checked by tsc below), and the client's request()
// turns every kind of answer into a typed outcome instead of throwing.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { request } from "@/components/tablet/use-tablet-api";
import type { CardActionResult } from "@/lib/stamping/card-action";
import type { pairDevice, unlockDevice } from "@/lib/stamping/devices";
import type { findCards, getCardForTablet } from "@/lib/stamping/find-cards";
import {
  CardActionResponse,
  FindCardsResponse,
  TabletCardResponse,
  TabletErrorResponse,
  type PairDeviceResponse,
  type UnlockResponse,
} from "@/lib/validation/tablet";

// What JSON.stringify makes of a server value (dates become strings).
type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Fits<Server, Client> = [Json<Server>] extends [z.input<Client extends z.ZodType ? Client : never>] ? true : false;
type Assert<T extends true> = T;
export type ServerAnswersFit = [
  Assert<Fits<Awaited<ReturnType<typeof pairDevice>>, typeof PairDeviceResponse>>,
  Assert<Fits<Awaited<ReturnType<typeof unlockDevice>>, typeof UnlockResponse>>,
  Assert<Fits<{ cards: Awaited<ReturnType<typeof findCards>> }, typeof FindCardsResponse>>,
  Assert<Fits<{ card: NonNullable<Awaited<ReturnType<typeof getCardForTablet>>> }, typeof TabletCardResponse>>,
  Assert<Fits<CardActionResult, typeof CardActionResponse>>,
];

const stamped = {
  eventId: "e1",
  kind: "STAMP",
  replayed: false,
  card: { serial: "ABCD-EFGH-JK", stampCount: 3, rewardsAvailable: 0, intermediateAvailable: 0 },
};

function answer(status: number, body: string) {
  const fetch = vi.fn(async () => new Response(body, { status, headers: { "Content-Type": "application/json" } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("tablet request()", () => {
  it("parses a good answer and sends the staff token", async () => {
    const fetch = answer(200, JSON.stringify(stamped));
    const r = await request(CardActionResponse, "/api/tablet/actions", { method: "POST", body: { kind: "undo" }, token: "tok" });
    expect(r).toEqual({ ok: true, data: stamped });
    expect(fetch).toHaveBeenCalledWith(
      "/api/tablet/actions",
      expect.objectContaining({ method: "POST", body: '{"kind":"undo"}', headers: expect.objectContaining({ Authorization: "Bearer tok" }) }),
    );
  });

  it("turns a malformed success into an error, not a crash", async () => {
    answer(200, JSON.stringify({ ...stamped, kind: "STOMP" }));
    expect(await request(CardActionResponse, "/x")).toEqual({
      ok: false,
      offline: false,
      status: 200,
      error: { error: "BAD_RESPONSE", message: "badResponse" },
    });
    answer(200, "<html>");
    expect(await request(CardActionResponse, "/x")).toMatchObject({ ok: false, error: { message: "badResponse" } });
  });

  it("keeps the server's error, a rule refusal's details included", async () => {
    const blocked = { error: "RULE_BLOCKED", message: "rule.minInterval", rule: "minInterval", retryAt: "2026-01-01T10:00:00.000Z" };
    answer(409, JSON.stringify(blocked));
    expect(await request(CardActionResponse, "/x")).toEqual({ ok: false, offline: false, status: 409, error: blocked });
    // The server's last-resort 500 has no message key.
    answer(500, '{"error":"INTERNAL"}');
    expect(await request(CardActionResponse, "/x")).toEqual({ ok: false, offline: false, status: 500, error: { error: "INTERNAL" } });
    answer(400, "Bad request");
    expect(await request(CardActionResponse, "/x")).toMatchObject({ ok: false, status: 400, error: { message: "badResponse" } });
  });

  it("reports no network as offline", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    expect(await request(CardActionResponse, "/x")).toEqual({ ok: false, offline: true });
  });

  it("treats a server or database that is briefly away (502, 503, 504) as offline, so the tap is queued and replayed", async () => {
    for (const status of [502, 503, 504]) {
      answer(status, JSON.stringify({ error: "UNAVAILABLE", message: "UNAVAILABLE" }));
      expect(await request(CardActionResponse, "/x")).toEqual({ ok: false, offline: true });
    }
    answer(500, JSON.stringify({ error: "INTERNAL", message: "INTERNAL" }));
    expect(await request(CardActionResponse, "/x")).toMatchObject({ ok: false, offline: false, status: 500 });
  });

  it("error bodies parse with the shared schema", () => {
    expect(TabletErrorResponse.safeParse({ error: "UNAUTHENTICATED", message: "deviceRevoked", fieldErrors: { pin: ["pinWrong"] } }).success).toBe(true);
    expect(TabletErrorResponse.safeParse({ message: "no code" }).success).toBe(false);
  });
});
