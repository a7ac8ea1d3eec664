// Security headers for every response. HSTS is added by proxy.ts only when the
// request arrived over https (directly or via a TLS-terminating proxy).

export function contentSecurityPolicy(production: boolean): string {
  const directives = [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; eval is only needed by the dev server's HMR.
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join("; ");
}

export function securityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(production) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ];
}

export const HSTS = "max-age=63072000; includeSubDomains";

export function isHttps(proto: string | null, urlProtocol: string): boolean {
  return (proto?.split(",")[0]?.trim() ?? urlProtocol.replace(":", "")) === "https";
}
