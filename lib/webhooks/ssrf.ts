// Outbound webhook requests that cannot be pointed at the server's own network
// (SSRF). The host is resolved once, here; every address must be public, and the
// socket connects to exactly those addresses (no second lookup, so no DNS
// rebinding between check and connect). Redirects are not followed by the
// client: each hop is checked the same way, at most MAX_REDIRECTS.
// WEBHOOKS_ALLOW_PRIVATE=1 lets private addresses through (local tests, npm start).
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export const MAX_REDIRECTS = 3;
const EXCERPT = 4096;

function v4Blocked([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 192 && b === 88 && c === 99) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224
  );
}

/** The 16 bytes of an IPv6 address (with an embedded dotted IPv4 tail allowed). */
function v6Bytes(ip: string): number[] | null {
  let s = ip.split("%")[0];
  const tail = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (tail) {
    const p = tail[1].split(".").map(Number);
    s = s.slice(0, -tail[1].length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, rest] = s.split("::");
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  if (groups.length !== 8) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}

/** Whether an outbound request may go to `ip`: not private, loopback, link-local, unique-local, multicast or reserved (v4 and v6). */
export function isPublicAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return !v4Blocked(ip.split(".").map(Number));
  if (!net.isIPv6(ip)) return false;
  const b = v6Bytes(ip);
  if (!b) return false;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return !v4Blocked(v4(12)); // ::ffff:a.b.c.d (v4-mapped)
  if (zeros(0, 12)) return false; // ::, ::1 and the old v4-compatible form
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return zeros(4, 12) && !v4Blocked(v4(12)); // NAT64
  if (b[0] === 0x01 && b[1] === 0x00 && zeros(2, 8)) return false; // 100::/64 discard
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return false; // documentation
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return false; // Teredo
  if (b[0] === 0x20 && b[1] === 0x02) return !v4Blocked(v4(2)); // 6to4
  if ((b[0] & 0xfe) === 0xfc) return false; // fc00::/7 unique local
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return false; // fe80::/10 link-local
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return false; // fec0::/10 site-local
  if (b[0] === 0xff) return false; // multicast
  return true;
}

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused: ${host} resolves to ${address}, a private, loopback or link-local address`);
  }
}

export type Resolved = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<Resolved[]>;
const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export type OutboundPolicy = {
  /** Which addresses may be reached (default: public ones only). */
  allowed?: (address: string) => boolean;
  resolve?: Resolver;
  timeoutMs: number;
};

/** A `lookup` for http.request: resolve once, refuse if any address is not allowed, hand the socket exactly these. */
function guardedLookup(policy: OutboundPolicy): net.LookupFunction {
  const allowed = policy.allowed ?? isPublicAddress;
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    (policy.resolve ?? systemResolver)(hostname).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }));
        const bad = addresses.find((a) => !allowed(a.address));
        if (bad) return callback(new BlockedAddressError(hostname, bad.address));
        const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const list = usable.length ? usable : addresses;
        if (options.all) callback(null, list);
        else callback(null, list[0].address, list[0].family);
      },
      (e) => callback(e),
    );
  }) as net.LookupFunction;
}

export type OutboundResult = {
  status: number | null;
  body: string | null;
  durationMs: number;
  error: string | null;
  /** The URL that answered last (after redirects). */
  url: string;
};

function onePost(url: URL, headers: Record<string, string>, body: string, policy: OutboundPolicy, deadline: number) {
  return new Promise<{ status: number; location: string | null; body: string }>((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const allowed = policy.allowed ?? isPublicAddress;
    // An address literal is never looked up: check it here.
    if (net.isIP(host) && !allowed(host)) return reject(new BlockedAddressError(host, host));
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(policy),
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`timeout after ${policy.timeoutMs} ms`)), Math.max(1, deadline - Date.now()));
    request.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        if (size < EXCERPT) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT) });
      });
      res.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    request.end(body);
  });
}

/** POSTs `body` to `url` under `policy`: each redirect hop checked like the first, the whole exchange within the timeout. */
export async function postGuarded(url: string, headers: Record<string, string>, body: string, policy: OutboundPolicy): Promise<OutboundResult> {
  const started = performance.now();
  const deadline = Date.now() + policy.timeoutMs;
  let current = new URL(url);
  const done = (r: Omit<OutboundResult, "durationMs" | "url">): OutboundResult => ({
    ...r,
    durationMs: Math.round(performance.now() - started),
    url: current.toString(),
  });
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:")
      return done({ status: null, body: null, error: `refused: ${current.protocol} is not http(s)` });
    try {
      const r = await onePost(current, headers, body, policy, deadline);
      if ([301, 302, 303, 307, 308].includes(r.status) && r.location) {
        if (hop >= MAX_REDIRECTS) return done({ status: r.status, body: r.body, error: `more than ${MAX_REDIRECTS} redirects` });
        current = new URL(r.location, current);
        continue;
      }
      return done({ status: r.status, body: r.body, error: null });
    } catch (e) {
      return done({ status: null, body: null, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
