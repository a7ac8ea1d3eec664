// A real SMTP server on a local port, configured through SMTP_URL exactly as in
// production (docs/testing.md). It keeps every message it accepts and can answer
// slowly (so a test can tell whether anyone waited for delivery) or refuse mail.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  /** The raw MIME message. */
  raw: string;
  subject: string;
  /** The decoded text/plain and text/html parts ("" when absent). */
  text: string;
  html: string;
  /** Content-Type of the message itself (multipart/alternative for text + HTML). */
  contentType: string;
};

export type TestSmtp = {
  received: ReceivedMail[];
  url: string;
  /** Milliseconds to wait before accepting each message. */
  delayMs: number;
  /** While true, every message is refused (a mail server that is down for mail). */
  refusing: boolean;
  /** Connections opened so far. */
  connections: number;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
};

/** Starts the server and points SMTP_URL at it (`close` unsets it again). */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const smtp: TestSmtp = {
    received,
    url: "",
    delayMs: 0,
    refusing: false,
    connections: 0,
    to: (address) => received.filter((m) => m.to.includes(address)),
    close: async () => {
      delete process.env.SMTP_URL;
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, callback) {
      smtp.connections++;
      callback();
    },
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        setTimeout(() => {
          if (smtp.refusing) return done(Object.assign(new Error("mailbox unavailable"), { responseCode: 451 }));
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...parse(raw) });
          done();
        }, smtp.delayMs);
      });
    },
  });
  // A client that went away mid-conversation (a worker killed by a fault test) is its problem, not the test process's.
  server.on("error", () => {});
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.SMTP_URL = smtp.url;
  return smtp;
}

/** Runs `fn` against a fresh server, closed afterwards whatever happens. */
export async function withSmtp<T>(fn: (smtp: TestSmtp) => Promise<T>): Promise<T> {
  const smtp = await startSmtp();
  try {
    return await fn(smtp);
  } finally {
    await smtp.close();
  }
}

/** Quoted-printable decoded (soft breaks and =XX escapes), as UTF-8. */
export function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const flat = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === "=" && /^[0-9A-F]{2}$/i.test(flat.slice(i + 1, i + 3))) {
      bytes.push(parseInt(flat.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(flat[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHeaders(part: string): { headers: Record<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? "" : part.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** RFC 2047 encoded words in a header (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

function parse(raw: string): Omit<ReceivedMail, "to" | "raw"> {
  const { headers, body } = splitHeaders(raw);
  const contentType = headers["content-type"] ?? "text/plain";
  const parts: { type: string; content: string }[] = [];
  const boundary = contentType.match(/boundary="?([^";]+)"?/)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = splitHeaders(chunk.replace(/^\r?\n/, ""));
      parts.push({ type: (part.headers["content-type"] ?? "").split(";")[0].trim(), content: decodeBody(part.headers, part.body) });
    }
  } else {
    parts.push({ type: contentType.split(";")[0].trim(), content: decodeBody(headers, body) });
  }
  return {
    subject: decodeHeader(headers.subject ?? ""),
    contentType: contentType.split(";")[0].trim(),
    text: parts.find((p) => p.type === "text/plain")?.content ?? "",
    html: parts.find((p) => p.type === "text/html")?.content ?? "",
  };
}
