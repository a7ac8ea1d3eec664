import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, isHttps, isPagePath, newNonce, NONCE_HEADER } from "@/lib/security/headers";

// Per request: pages get a Content-Security-Policy with a fresh nonce (Next.js
// reads it from the request's CSP header and puts it on its scripts; our own
// HTML routes read NONCE_HEADER), and https responses get HSTS.
export function proxy(request: NextRequest) {
  const page = isPagePath(request.nextUrl.pathname);
  const nonce = page ? newNonce() : null;
  const csp = nonce ? contentSecurityPolicy(process.env.NODE_ENV === "production", nonce) : null;
  const headers = new Headers(request.headers);
  if (nonce && csp) {
    headers.set(NONCE_HEADER, nonce);
    headers.set("Content-Security-Policy", csp);
  }
  const response = NextResponse.next({ request: { headers } });
  if (csp) response.headers.set("Content-Security-Policy", csp);
  if (isHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol)) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

// The tablet API is the hot path and never navigated to by a browser; HSTS is for pages.
export const config = { matcher: "/((?!api/tablet/|_next/static/).*)" };
