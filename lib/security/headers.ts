// Security headers for every response. HSTS is added by proxy.ts only when the
// request arrived over https (directly or via a TLS-terminating proxy).

/**
 * The Content-Security-Policy. Pages get a per-request `nonce` (proxy.ts):
 * only scripts carrying it run — Next.js puts it on its own scripts, and
 * 'strict-dynamic' lets those load the app's chunks; no inline script without
 * it, ever. Everything else (APIs, files) gets no script allowance at all.
 */
export function contentSecurityPolicy(production: boolean, nonce?: string): string {
  const scripts = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  const directives = [
    "default-src 'self'",
    // eval is only needed by the dev server's hot reload.
    `script-src ${scripts}${production ? "" : " 'unsafe-eval'"}`,
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

/** Headers for every response; the CSP here is the script-free one (pages get theirs from proxy.ts). */
export function securityHeaders(production: boolean): { key: string; value: string }[] {
  return [...otherSecurityHeaders(), { key: "Content-Security-Policy", value: contentSecurityPolicy(production) }];
}

export function otherSecurityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ];
}

/** A fresh nonce per page request (128 random bits). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Pages (not APIs, not build assets) get a nonce'd policy from proxy.ts. */
export const isPagePath = (pathname: string) => !pathname.startsWith("/api/") && !pathname.startsWith("/_next/");

export const NONCE_HEADER = "x-nonce";

export const HSTS = "max-age=63072000; includeSubDomains";

export function isHttps(proto: string | null, urlProtocol: string): boolean {
  return (proto?.split(",")[0]?.trim() ?? urlProtocol.replace(":", "")) === "https";
}
