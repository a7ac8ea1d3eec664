// The client's address for rate limits. The production server (scripts/server.ts)
// writes the socket's peer address into PEER_HEADER on every request, replacing
// anything a client sent. X-Forwarded-For is believed only as far as
// TRUSTED_PROXIES says: unset = no proxy (the header is ignored); a number n =
// n proxy hops in front of us; a list of addresses/CIDRs = those proxies.
// The client is the right-most hop that is not a trusted proxy.
import { BlockList, isIP } from "node:net";
import { envVar } from "@/lib/env";

export const PEER_HEADER = "x-stempel-peer";
/** Requests that reached the app without the server's peer header (e.g. `next dev`) share this subject. */
const NO_PEER = "no-peer-address";

type Trust = { kind: "none" } | { kind: "hops"; n: number } | { kind: "list"; list: BlockList };
let cached: { spec: string; trust: Trust } | undefined;

function trust(): Trust {
  const spec = (envVar("TRUSTED_PROXIES") ?? "").trim();
  if (cached?.spec === spec) return cached.trust;
  let t: Trust = { kind: "none" };
  if (/^\d+$/.test(spec)) t = Number(spec) > 0 ? { kind: "hops", n: Number(spec) } : t;
  else if (spec) {
    const list = new BlockList();
    for (const item of spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [addr, bits] = item.split("/");
      const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
      if (bits) list.addSubnet(addr, Number(bits), type);
      else list.addAddress(addr, type);
    }
    t = { kind: "list", list };
  }
  cached = { spec, trust: t };
  return t;
}

const normalize = (a: string) => a.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

function trusted(list: BlockList, addr: string): boolean {
  const v = isIP(addr);
  return v !== 0 && list.check(addr, v === 6 ? "ipv6" : "ipv4");
}

export function clientIp(get: (name: string) => string | null | undefined): string {
  const peer = get(PEER_HEADER) ? normalize(get(PEER_HEADER)!) : NO_PEER;
  const t = trust();
  if (t.kind === "none") return peer;
  const hops = (get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  const chain = [...hops, peer];
  if (t.kind === "hops") return chain[Math.max(0, chain.length - 1 - t.n)];
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(t.list, chain[i])) return chain[i];
  return chain[0];
}

/** The rate-limit subject of an address: IPv6 by its /64 (one subscriber holds a whole prefix). */
export function rateSubject(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const full = ip.includes("::") ? expand(ip) : ip.split(":");
  return `${full
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function expand(ip: string): string[] {
  const [head, tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  return [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
}
