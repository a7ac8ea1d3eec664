// Issue 11 §7: per-IP limits trusted the first X-Forwarded-For value a client
// sent. Forwarded headers count only from configured proxies (TRUSTED_PROXIES),
// the right-most untrusted hop is the client, and without a header it is the
// socket address the server saw — never one shared bucket.
import { afterEach, describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER, rateSubject } from "@/lib/auth/client-ip";

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const saved = process.env.TRUSTED_PROXIES;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = saved;
});

describe("clientIp", () => {
  it("ignores X-Forwarded-For and X-Real-IP when no proxy is trusted (the default)", () => {
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(headers({ [PEER_HEADER]: "203.0.113.7", "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }))).toBe("203.0.113.7");
  });

  it("22 sign-ins with a new forged value each time all count as one address", () => {
    delete process.env.TRUSTED_PROXIES;
    const seen = new Set(Array.from({ length: 22 }, (_, i) => clientIp(headers({ [PEER_HEADER]: "198.51.100.9", "x-forwarded-for": `10.9.${i}.1` }))));
    expect([...seen]).toEqual(["198.51.100.9"]);
  });

  it("with one trusted proxy hop, takes the right-most forwarded address", () => {
    process.env.TRUSTED_PROXIES = "1";
    expect(clientIp(headers({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.50" }))).toBe("203.0.113.50");
  });

  it("with trusted CIDRs, skips trusted hops from the right", () => {
    process.env.TRUSTED_PROXIES = "10.0.0.0/8, 192.0.2.1";
    expect(clientIp(headers({ [PEER_HEADER]: "10.1.2.3", "x-forwarded-for": "6.6.6.6, 203.0.113.50, 192.0.2.1" }))).toBe("203.0.113.50");
    // A peer that is not a trusted proxy: its headers are not believed.
    expect(clientIp(headers({ [PEER_HEADER]: "198.51.100.1", "x-forwarded-for": "6.6.6.6" }))).toBe("198.51.100.1");
  });

  it("normalizes IPv4-mapped IPv6 and never falls back to a shared bucket", () => {
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(headers({ [PEER_HEADER]: "::ffff:203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(headers({}))).not.toBe("local");
  });
});

describe("rateSubject", () => {
  it("counts an IPv6 client by its /64 (one subscriber's whole prefix)", () => {
    expect(rateSubject("2001:db8:1:2:aaaa::1")).toBe(rateSubject("2001:db8:1:2:bbbb::9"));
    expect(rateSubject("2001:db8:1:3::1")).not.toBe(rateSubject("2001:db8:1:2::1"));
    expect(rateSubject("203.0.113.7")).toBe("203.0.113.7");
  });
});
