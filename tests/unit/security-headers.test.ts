import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, securityHeaders } from "@/lib/security/headers";

describe("security headers", () => {
  it("production CSP has no unsafe-eval and forbids framing", () => {
    const csp = contentSecurityPolicy(true);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("pages allow only scripts with the request's nonce; everything else no inline script at all (issue 11 §18)", () => {
    const page = contentSecurityPolicy(true, "abc123");
    const scriptSrc = page.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'nonce-abc123' 'strict-dynamic'");
    const api = contentSecurityPolicy(true)
      .split("; ")
      .find((d) => d.startsWith("script-src"))!;
    expect(api).toBe("script-src 'self'");
    expect(page + api).not.toContain("unsafe-inline'" + " ");
    expect(`${page}; ${api}`.match(/script-src[^;]*unsafe-inline/)).toBeNull();
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
