// The request as an endpoint sees it on either path (Next's Web Request in
// ./web.ts, node's IncomingMessage in ./node.ts), and the one body reader both use.
import { AppError } from "@/lib/errors/app-error";

export type HttpRequest = {
  method: string;
  /** The path as sent, percent-escapes intact. */
  path: string;
  query: URLSearchParams;
  header(name: string): string | null;
  /**
   * The body as JSON, at most `maxBytes` (the route's limit): 413 beyond, 400 when it
   * is not JSON. Untrusted, like Request.json(): the domain function it goes to parses it.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Request.json(): untrusted, and parsed by the domain function's own schema.
  json(maxBytes: number): Promise<any>;
};

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "tooLarge");

/** Reads no more than `maxBytes`: refused by Content-Length when declared, else while streaming. */
async function readText(body: AsyncIterable<Uint8Array> | null, contentLength: string | null, maxBytes: number): Promise<string> {
  if (Number(contentLength) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "malformedJson");
  }
}

/** The body as JSON, at most `maxBytes` (413), malformed → 400. */
export async function readJson(body: AsyncIterable<Uint8Array> | null, contentLength: string | null, maxBytes: number): Promise<unknown> {
  return parseJson(await readText(body, contentLength, maxBytes));
}

/** The same checks, but the text itself, for a library that parses it again. */
export async function readJsonText(body: AsyncIterable<Uint8Array> | null, contentLength: string | null, maxBytes: number): Promise<string> {
  const text = await readText(body, contentLength, maxBytes);
  parseJson(text);
  return text;
}

/** `Authorization: Bearer <token>` → the token. */
export const bearer = (req: HttpRequest) => req.header("authorization")?.replace(/^Bearer\s+/i, "");
