import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors/app-error";
import { readJsonText } from "@/lib/http/request";
import { errorResult } from "@/lib/http/result";
import { toResponse } from "@/lib/http/web";

const handler = NextAuth(authOptions);

/**
 * A JSON body is read here first — at most 16 kB (413 beyond) and valid JSON (400) — because next-auth parses it
 * unguarded (a 500) and unbounded. Form posts, which the sign-in form sends, go straight through.
 */
async function POST(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (!req.headers.get("content-type")?.includes("application/json")) return handler(req, ctx);
  try {
    const body = await readJsonText(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length"), 16 * 1024);
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    return handler(new NextRequest(req.url, { method: "POST", headers, body }), ctx);
  } catch (e) {
    if (e instanceof AppError) return toResponse(errorResult(e));
    throw e;
  }
}

export { handler as GET, POST };
