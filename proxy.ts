import { NextResponse, type NextRequest } from "next/server";
import { HSTS, isHttps } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (isHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol)) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

// The tablet API is the hot path and never navigated to by a browser; HSTS is for pages.
export const config = { matcher: "/((?!api/tablet/|_next/static/).*)" };
