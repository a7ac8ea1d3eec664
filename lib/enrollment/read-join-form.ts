// The sign-up form's body, read defensively (issue 11 §16): the page posts a small
// urlencoded form (multipart works too), so anything else — JSON, a missing or
// unknown content type, broken multipart, a body over MAX_FORM_BYTES, streamed or
// announced — is a clear 4xx for the page to show, never an exception.

export const MAX_FORM_BYTES = 16 * 1024;

export type JoinFormBody =
  | { ok: true; values: Record<string, string> }
  | { ok: false; status: 400 | 413 | 415; messageKey: "join.badBody" | "join.bodyTooLarge" | "join.unsupportedBody" };

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

export async function readJoinForm(req: Request): Promise<JoinFormBody> {
  const type = req.headers.get("content-type") ?? "";
  const essence = type.split(";")[0].trim().toLowerCase();
  if (essence !== URLENCODED && essence !== MULTIPART) return { ok: false, status: 415, messageKey: "join.unsupportedBody" };
  if (Number(req.headers.get("content-length")) > MAX_FORM_BYTES) return { ok: false, status: 413, messageKey: "join.bodyTooLarge" };

  let bytes: Uint8Array | "tooLarge";
  try {
    bytes = await readAtMost(req.body, MAX_FORM_BYTES);
  } catch {
    return { ok: false, status: 400, messageKey: "join.badBody" }; // the client broke off mid-body
  }
  if (bytes === "tooLarge") return { ok: false, status: 413, messageKey: "join.bodyTooLarge" };

  if (essence === URLENCODED) {
    // Lenient by specification: bad escapes and bytes decode to U+FFFD, never throw.
    return { ok: true, values: Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes))) };
  }
  try {
    const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value; // files are ignored
    return { ok: true, values };
  } catch {
    return { ok: false, status: 400, messageKey: "join.badBody" };
  }
}

/** The whole body, or "tooLarge" as soon as it passes `limit` bytes (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | "tooLarge"> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return "tooLarge";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
