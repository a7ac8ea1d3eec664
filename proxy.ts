import { NextResponse, type NextRequest } from "next/server";
import { HSTS, isHttps } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  if (isHttps(request.headers.get("x-forwarded-proto"), request.nextUrl.protocol)) {
    response.headers.set("Strict-Transport-Security", HSTS);
  }
  return response;
}

export const config = { matcher: "/:path*" };
