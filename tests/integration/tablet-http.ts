// The tablet API over real HTTP, for the tablet-*.test.ts files: one node:http
// server running the production request listener (fastPath, lib/http/fast-path.ts:
// POST /api/tablet/actions) and, where scripts/server.ts hands a request to Next,
// the exported Next route handlers of the other tablet routes (unlock, staff,
// cards) — so concurrent requests really run concurrently, through every layer.
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ownerDb as db } from "@/lib/db/owner";
import type { Role } from "@/lib/generated/prisma/enums";
import { fastPath } from "@/lib/http/fast-path";
import { pairDevice, setPin } from "@/lib/stamping/devices";
import type { TenantContext } from "@/lib/tenancy/context";
import { addMember, type Merchant } from "./helpers";

type Handler = (req: Request) => Promise<Response>;

// Loaded when first asked for (a route that does not exist answers 404).
const NEXT_ROUTES: [RegExp, string, "GET" | "POST"][] = [
  [/^\/api\/tablet\/unlock$/, "@/app/api/tablet/unlock/route", "POST"],
  [/^\/api\/tablet\/staff$/, "@/app/api/tablet/staff/route", "POST"],
  [/^\/api\/tablet\/cards$/, "@/app/api/tablet/cards/route", "GET"],
];

async function nextRoute(path: string): Promise<Handler | null> {
  const found = NEXT_ROUTES.find(([re]) => re.test(path));
  if (!found) return null;
  const mod = (await import(/* @vite-ignore */ found[1]).catch(() => null)) as Record<string, Handler> | null;
  return mod?.[found[2]] ?? null;
}

/** What scripts/server.ts does with a request that is not on its fast path: Next answers it (here: its route handler). */
async function toNext(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const handler = await nextRoute(url.pathname);
  if (!handler) return void res.writeHead(404, { "Content-Type": "application/json" }).end('{"error":"NOT_FOUND"}');
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const answer = await handler(new Request(url, { method: req.method, headers, body }));
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

export type Answer<B = Record<string, unknown>> = { status: number; body: B & { error?: string; message?: string } };

export async function startTabletServer() {
  const server = http.createServer(fastPath((req, res) => void toNext(req, res).catch(() => res.writeHead(500).end())));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call<B = Record<string, unknown>>(method: "GET" | "POST", path: string, body?: unknown, token?: string): Promise<Answer<B>> {
    const res = await fetch(base + path, {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  return {
    base,
    post: <B = Record<string, unknown>>(path: string, body: unknown, token?: string) => call<B>("POST", path, body, token),
    get: <B = Record<string, unknown>>(path: string, token?: string) => call<B>("GET", path, undefined, token),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type TabletServer = Awaited<ReturnType<typeof startTabletServer>>;

/** A device token as the tablet makes its next one (32 random bytes, base64url). */
export const newDeviceToken = () => randomBytes(32).toString("base64url");

// --- tablets, members and sessions of a test merchant --------------------------------

export type Member = { userId: string; name: string; membershipId: string; ctx: TenantContext };

/** A new member of `m` with `role`; with `pin`, set by the owner. */
export async function member(m: Merchant, role: Role, pin?: string): Promise<Member> {
  const user = await addMember(m.org.id, role);
  const ms = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
  if (pin) await setPin(m.ctx("OWNER"), { membershipId: ms.id, pin });
  return { userId: user.id, name: user.name, membershipId: ms.id, ctx: { orgId: m.org.id, userId: user.id, role } };
}

/** The owner of `m` as a member. */
export async function ownerOf(m: Merchant): Promise<Member> {
  const ms = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: m.owner.id } });
  return { userId: m.owner.id, name: m.owner.name, membershipId: ms.id, ctx: m.ctx("OWNER") };
}

/** A tablet paired to `m`'s location, holding its device token and the next one it will propose. */
export type PairedTablet = { deviceId: string; token: string; next: string };

export async function pairedTablet(m: Merchant): Promise<PairedTablet> {
  const { deviceToken, deviceId } = await pairDevice(m.ctx("MANAGER"), { locationId: m.location.id, name: "Tablet" });
  return { deviceId, token: deviceToken, next: newDeviceToken() };
}

/** POST /api/tablet/unlock as the tablet sends it: its token, its next token, who, and the PIN. */
export const unlockBody = (d: PairedTablet, memberId: string, pin: string) => ({ deviceToken: d.token, nextDeviceToken: d.next, memberId, pin });

/** An unlock; when it succeeds the tablet keeps its next token (as the tablet does). */
export async function unlock(api: TabletServer, d: PairedTablet, memberId: string, pin: string) {
  const a = await api.post<{ sessionToken: string; staffName: string }>("/api/tablet/unlock", unlockBody(d, memberId, pin));
  if (a.status === 200) Object.assign(d, { token: d.next, next: newDeviceToken() });
  return a;
}

/** A member with a PIN, unlocked on a new tablet of `m`: the session a staff member works in. */
export async function staffSession(api: TabletServer, m: Merchant, pin: string, role: Role = "STAFF") {
  const who = await member(m, role, pin);
  const device = await pairedTablet(m);
  const a = await unlock(api, device, who.membershipId, pin);
  if (a.status !== 200) throw new Error(`unlock failed: ${JSON.stringify(a)}`);
  return { ...who, device, token: a.body.sessionToken };
}

/** A stamp given at `at` (by `deviceId`), written straight into the ledger (counters kept equal to its sums). */
export async function pastStamp(card: { id: string; organizationId: string }, at: Date, amount = 1, deviceId?: string) {
  await db().$transaction([
    db().cardEvent.create({
      data: { organizationId: card.organizationId, cardId: card.id, type: "STAMP", amount, stampDelta: amount, deviceId, createdAt: at },
    }),
    db().card.update({ where: { id: card.id }, data: { stampCount: { increment: amount }, totalStamps: { increment: amount }, lastStampAt: at } }),
  ]);
}
