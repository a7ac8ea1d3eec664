"use client";
/* eslint-disable react-hooks/set-state-in-effect -- this hook mirrors browser-only stores (localStorage,
   sessionStorage, the IndexedDB queue, the server's staff list) into React state; they do not exist while
   the server renders, so they are read after mount, in effects. */
// The tablet's one door to its API (app/api/tablet/**) and to its offline queue.
// Every answer is parsed with lib/validation/tablet.ts, so a malformed one is an
// error the screen shows, not a crash. Taps without network wait in IndexedDB and
// are sent later, in order, each once (the server dedupes by idempotency key).
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import {
  CardActionResponse,
  FindCardsResponse,
  PairDeviceResponse,
  TabletCardResponse,
  TabletErrorResponse,
  TabletStaffResponse,
  UnlockResponse,
  type CardActionInput,
  type TabletStaffMember,
} from "@/lib/validation/tablet";
import { useExplain } from "./feedback";
import { queue, type QueuedAction } from "./offline-queue";
import { useIdleLock } from "./use-idle-lock";

/** An answer: the parsed body, no network at all, or the server's error. */
export type Answer<T> = { ok: true; data: T } | { ok: false; offline: true } | { ok: false; offline: false; status: number; error: TabletErrorResponse };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** One tap as a screen asks for it; the hook adds the card, an idempotency key and the time. */
export type Tap = DistributiveOmit<CardActionInput, "serial" | "idempotencyKey" | "occurredAt">;

// What the tablet keeps between visits: its pairing (localStorage) and the staff session (sessionStorage).
// The device token is rotated at every unlock: the tablet proposes `next` and keeps it until an unlock
// succeeds (then it is the token), so an unlock whose answer was lost is simply sent again.
const Device = z.object({ token: z.string(), locationName: z.string(), next: z.string().optional() });
const Session = z.object({ token: z.string(), staffName: z.string(), locationName: z.string(), idleMinutes: z.number() });
export type Device = z.infer<typeof Device>;
export type Session = z.infer<typeof Session>;
export type StaffMember = TabletStaffMember;
const DEVICE_KEY = "stempel.device";
const SESSION_KEY = "stempel.session";

/** The answer to a PIN-carrying tap without network (never queued: PINs are not stored on the tablet). */
const NEEDS_NETWORK: Answer<never> = { ok: false, offline: false, status: 0, error: { error: "OFFLINE", message: "offline" } };

/** The answer when there is no pairing to use. */
const UNPAIRED: Answer<never> = { ok: false, offline: false, status: 401, error: { error: "UNAUTHENTICATED", message: "deviceRevoked" } };

// Not JSON, or not the shape we expect (e.g. a proxy's error page).
const BAD_RESPONSE: TabletErrorResponse = { error: "BAD_RESPONSE", message: "badResponse" };

/** A saved value, or null when absent or unreadable (saved by another version, edited by hand). */
function stored<T>(schema: z.ZodType<T>, storage: Storage, key: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(storage.getItem(key) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new device token: 32 random bytes, base64url (as the server makes the first). */
function newDeviceToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** fetch → JSON → schema. Never throws. */
export async function request<T>(
  schema: z.ZodType<T>,
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown; token?: string } = {},
): Promise<Answer<T>> {
  let res: Response;
  try {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) };
    res = await fetch(path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    return { ok: false, offline: true };
  }
  // The server or its database briefly away (a restart, a deploy): like no network — queued, replayed with its key.
  if (res.status === 502 || res.status === 503 || res.status === 504) return { ok: false, offline: true };
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = TabletErrorResponse.safeParse(json);
    return { ok: false, offline: false, status: res.status, error: error.success ? error.data : BAD_RESPONSE };
  }
  const data = schema.safeParse(json);
  return data.success ? { ok: true, data: data.data } : { ok: false, offline: false, status: res.status, error: BAD_RESPONSE };
}

export function useTabletApi() {
  const explain = useExplain();
  const [ready, setReady] = useState(false);
  const [device, setDevice] = useState<Device | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  // The name tiles: who of this tablet's business has a PIN (null until loaded).
  const [staff, setStaff] = useState<TabletStaffMember[] | null>(null);
  const [queued, setQueued] = useState<QueuedAction[]>([]);
  const reloadQueue = useCallback(async () => setQueued(await queue.all()), []);

  const saveDevice = useCallback((d: Device | null) => {
    if (d) localStorage.setItem(DEVICE_KEY, JSON.stringify(d));
    else localStorage.removeItem(DEVICE_KEY);
    setDevice(d);
  }, []);

  /** The tablet was unpaired (or its token is no longer valid): back to pairing. */
  const forget = useCallback(() => {
    saveDevice(null);
    setStaff(null);
  }, [saveDevice]);

  const loadStaff = useCallback(async () => {
    if (!device) return;
    const r = await request(TabletStaffResponse, "/api/tablet/staff", { method: "POST", body: { deviceToken: device.token, nextDeviceToken: device.next } });
    if (r.ok) setStaff(r.data.members);
    else if (!r.offline && r.error.message === "deviceRevoked") forget();
    return r;
  }, [device, forget]);

  // The names for the lock screen (and the manager tiles of an override), whenever the token changes.
  useEffect(() => {
    if (device) void loadStaff();
  }, [device?.token, loadStaff]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    setDevice(stored(Device, localStorage, DEVICE_KEY));
    setSession(stored(Session, sessionStorage, SESSION_KEY));
    setReady(true);
    void reloadQueue();
  }, [reloadQueue]);

  const lock = useCallback(() => {
    sessionStorage.removeItem(SESSION_KEY);
    setSession(null);
  }, []);

  useIdleLock(session, lock);

  // Send queued taps in order, each once; stop at the first network failure.
  const sync = useCallback(async () => {
    for (const item of await queue.all()) {
      if (item.status !== "pending") continue;
      // Any 2xx means the server applied it; its body is not needed here.
      const r = await request(z.unknown(), "/api/tablet/actions", { method: "POST", body: item.body, token: item.sessionToken });
      if (!r.ok && r.offline) break;
      if (r.ok) await queue.remove(item.idempotencyKey);
      else await queue.add({ ...item, status: "rejected", error: explain(r.error) });
    }
    await reloadQueue();
  }, [explain, reloadQueue]);

  useEffect(() => {
    const onOnline = () => void sync();
    window.addEventListener("online", onOnline);
    const timer = setInterval(() => navigator.onLine && void sync(), 10_000);
    return () => {
      window.removeEventListener("online", onOnline);
      clearInterval(timer);
    };
  }, [sync]);

  // Someone just unlocked: send what waited.
  useEffect(() => {
    if (session && navigator.onLine) void sync();
  }, [session, sync]);

  /** Requests as the unlocked staff member; a refused session goes back to the PIN pad. */
  async function asStaff<T>(schema: z.ZodType<T>, path: string, init: { method?: "GET" | "POST"; body?: unknown } = {}) {
    const r = await request(schema, path, { ...init, token: session?.token });
    if (!r.ok && !r.offline && r.status === 401) lock();
    return r;
  }

  return {
    ready,
    device,
    session,
    staff,
    queued,
    lock,
    loadStaff,

    /**
     * Pairs the tablet: with the one-time code from the dashboard (`{code, name?}`, no sign-in), or as a
     * manager signed in on this browser (`{locationId, name}`). A new pairing replaces the one kept before.
     */
    async pair(input: { code: string; name?: string } | { locationId: string; name: string }) {
      const r = await request(PairDeviceResponse, "/api/tablet/pair", { method: "POST", body: input });
      if (r.ok) {
        saveDevice({ token: r.data.deviceToken, locationName: r.data.locationName });
        setStaff(null);
        lock();
      }
      return r;
    },

    /** `memberId` (the tile they tapped) unlocks with their PIN; the device token moves on to the next one. */
    async unlock(memberId: string, pin: string) {
      if (!device) return UNPAIRED;
      const next = device.next ?? newDeviceToken();
      if (!device.next) saveDevice({ ...device, next });
      const r = await request(UnlockResponse, "/api/tablet/unlock", {
        method: "POST",
        body: { deviceToken: device.token, nextDeviceToken: next, memberId, pin },
      });
      if (!r.ok && !r.offline && r.error.message === "deviceRevoked") forget();
      if (r.ok) {
        saveDevice({ token: next, locationName: device.locationName });
        const s = { token: r.data.sessionToken, staffName: r.data.staffName, locationName: r.data.locationName, idleMinutes: r.data.idleMinutes };
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
        setSession(s);
      }
      return r;
    },

    findCards: (q: string) => asStaff(FindCardsResponse, `/api/tablet/cards?q=${encodeURIComponent(q)}`),

    getCard: (serial: string) => asStaff(TabletCardResponse, `/api/tablet/cards/${encodeURIComponent(serial)}`),

    /** Sends one tap; without network it is queued under `label` and the answer says offline. */
    async act(serial: string, tap: Tap, label: string) {
      const body: CardActionInput = { ...tap, serial, idempotencyKey: newKey(), occurredAt: new Date().toISOString() };
      const r = await asStaff(CardActionResponse, "/api/tablet/actions", { method: "POST", body });
      // A tap carrying a PIN (an override, a redeem) is not kept on the tablet: it needs the network now.
      if (!r.ok && r.offline && (body.overridePin || ("pin" in body && body.pin))) return NEEDS_NETWORK;
      if (!r.ok && r.offline && session) {
        await queue.add({ idempotencyKey: body.idempotencyKey, sessionToken: session.token, body, queuedAt: Date.now(), status: "pending", label });
        await reloadQueue();
      }
      return r;
    },

    async dismiss(idempotencyKey: string) {
      await queue.remove(idempotencyKey);
      await reloadQueue();
    },
  };
}

export type TabletApi = ReturnType<typeof useTabletApi>;
