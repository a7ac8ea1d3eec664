import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, securityHeaders } from "@/lib/security/headers";

describe("security headers", () => {
  it("production CSP has no unsafe-eval and forbids framing", () => {
    const csp = contentSecurityPolicy(true);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("sends nosniff and a referrer policy", () => {
    const names = securityHeaders(true).map((h) => h.key);
    expect(names).toEqual(expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy"]));
  });

  it("detects https directly or behind a proxy", () => {
    expect(isHttps(null, "https:")).toBe(true);
    expect(isHttps("https, http", "http:")).toBe(true);
    expect(isHttps(null, "http:")).toBe(false);
  });
});
