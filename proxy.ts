import { NextResponse, type NextRequest } from "next/server";
import { requestIdOf } from "@/lib/log/request-id";
import { contentSecurityPolicy, HSTS, isHttps, isPagePath, newNonce, NONCE_HEADER } from "@/lib/security/headers";

// Per request: pages get a Content-Security-Policy with a fresh nonce (Next.js
// reads it from the request's CSP header and puts it on its scripts; our own
// HTML routes read NONCE_HEADER), https responses get HSTS, and every request an
// X-Request-Id (the one scripts/server.ts already gave it; under `next dev` a new one).
export function proxy(request: NextRequest) {
  const page = isPagePath(request.nextUrl.pathname);
  const nonce = page ? newNonce() : null;
  const csp = nonce ? contentSecurityPolicy(process.env.NODE_ENV === "production", nonce) : null;
  const headers = new Headers(request.headers);
  const requestId = requestIdOf(request.headers.get("x-request-id"));
  headers.set("x-request-id", requestId);
  if (nonce && csp) {
    headers.set(NONCE_HEADER, nonce);
    headers.set("Content-Security-Policy", csp);
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-Id", requestId);
  if (csp) response.headers.set("Content-Security-Policy", csp);
  if (isHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol)) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

// The tablet API is the hot path and never navigated to by a browser; HSTS is for pages.
export const config = { matcher: "/((?!api/tablet/|_next/static/).*)" };
