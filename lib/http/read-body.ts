import { AppError } from "@/lib/errors/app-error";

/**
 * The request body as text, refusing more than `maxBytes` (413) without
 * reading it all: by Content-Length when given, else while streaming.
 */
export async function readBodyLimited(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", "tooLarge");
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", "tooLarge");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON body within `maxBytes`; malformed JSON is a 422, not a 500. */
export async function readJsonLimited(req: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyLimited(req, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "malformedJson");
  }
}
