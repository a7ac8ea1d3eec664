// Simulated shop tablets for the fault tests, speaking the real HTTP API of the
// app processes: paired with a one-time code (/api/tablet/pair), unlocked with a
// PIN (/api/tablet/unlock), stamping (/api/tablet/actions). Each tablet keeps its
// taps in a queue as components/tablet/use-tablet-api.ts does offline: a tap
// keeps its idempotency key until the server acknowledged it (any 2xx), and a
// tap whose request failed (no answer, or 503: the server did not take it) is
// sent again with the same key. Other answers are recorded as refused.
import { randomBytes } from "node:crypto";
import type { Merchant } from "../integration/helpers";

export type Answer = { status: number; body: Record<string, unknown>; ms: number } | { status: 0; error: string; ms: number };

export async function call(base: string, path: string, body: unknown, opts: { token?: string; ip?: string; timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.ip ? { "X-Forwarded-For": opts.ip } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { raw: text.slice(0, 200) };
    }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (e) {
    return { status: 0, error: (e as Error).message, ms: performance.now() - started };
  }
}

export const newKey = () => randomBytes(16).toString("hex");
export const newDeviceToken = () => randomBytes(32).toString("base64url");

export type Tablet = { ip: string; deviceToken: string; sessionToken: string };

/** A tablet paired through `base` with a code the dashboard made (createPairing), then unlocked by `memberId` with `pin`. */
export async function pairAndUnlock(base: string, m: Merchant, memberId: string, pin: string, n: number): Promise<Tablet> {
  const { createPairing } = await import("@/lib/stamping/pairing");
  const { code } = await createPairing(m.ctx("MANAGER"), { locationId: m.location.id });
  const ip = `10.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  const paired = await call(base, "/api/tablet/pair", { code, name: `Tablet ${n}` }, { ip });
  if (paired.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
  const deviceToken = String((paired as { body: Record<string, unknown> }).body.deviceToken);
  const next = newDeviceToken();
  const unlocked = await call(base, "/api/tablet/unlock", { deviceToken, nextDeviceToken: next, memberId, pin }, { ip });
  if (unlocked.status !== 200) throw new Error(`unlock failed: ${JSON.stringify(unlocked)}`);
  return { ip, deviceToken: next, sessionToken: String((unlocked as { body: Record<string, unknown> }).body.sessionToken) };
}

export type Tap = { key: string; serial: string; tries: number };
export type TabletRun = {
  acknowledged: Map<string, { serial: string; eventId: string; replayed: boolean }>;
  refused: { key: string; status: number; body: unknown }[];
  /** Every failed attempt (no answer or 5xx): status, how long it took, the body. */
  failures: { status: number; ms: number; body?: unknown; error?: string }[];
  /** Keys sent at least once and never acknowledged (left in the queue). */
  pending: Tap[];
};

/**
 * Stamps on `serials` until `stop()` says so, then drains the queue (each
 * unacknowledged tap retried with its key) until `drainUntil`. `bases`: the
 * app instances, used in turn.
 */
export async function runTablet(bases: string[], t: Tablet, serials: string[], stop: () => boolean, drainUntil: () => number): Promise<TabletRun> {
  const run: TabletRun = { acknowledged: new Map(), refused: [], failures: [], pending: [] };
  const queue: Tap[] = [];
  let turn = 0;
  while (queue.length || !stop()) {
    if (stop() && Date.now() > drainUntil()) break;
    if (!queue.length) queue.push({ key: newKey(), serial: serials[Math.floor(Math.random() * serials.length)], tries: 0 });
    const tap = queue[0];
    tap.tries++;
    const base = bases[turn++ % bases.length];
    const a = await call(
      base,
      "/api/tablet/actions",
      { kind: "stamp", amount: 1, serial: tap.serial, idempotencyKey: tap.key },
      { token: t.sessionToken, timeoutMs: 15_000 },
    );
    if (a.status >= 200 && a.status < 300 && "body" in a) {
      queue.shift();
      run.acknowledged.set(tap.key, { serial: tap.serial, eventId: String(a.body.eventId), replayed: a.body.replayed === true });
    } else if (a.status === 0 || a.status >= 500) {
      run.failures.push({ status: a.status, ms: a.ms, ...("body" in a ? { body: a.body } : { error: a.error }) });
      // The tablet's queue waits before it tries again.
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
    } else {
      queue.shift();
      run.refused.push({ key: tap.key, status: a.status, body: "body" in a ? a.body : a.error });
    }
  }
  run.pending = queue;
  return run;
}
