// A local server that speaks Twilio's Programmable Messaging API (the part the
// SMS channel uses, lib/messages/sms.ts), for tests and local runs. Like Twilio
// it checks POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic
// auth AccountSid:AuthToken (401 code 20003 otherwise), a form-encoded body with
// To (E.164), From (the configured sender) and Body, and answers 201 with the
// message resource ("sid": SM…), or an error {code, message, more_info, status}.
// Tests steer it: make the next answers fail (429, 500, 503) or take it down.
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { listenDownable, Received } from "./stand-in";

export type ReceivedSms = { sid: string; to: string; from: string; body: string; at: number };

export type LocalSms = {
  /** SMS_PROVIDER_URL for the app. */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  messages: ReceivedSms[];
  /** Requests refused with 401 (wrong account or token). */
  unauthorized: () => number;
  /** The next `times` requests get `status` (429, 500, 503 …). */
  failNext: (status: number, times: number) => void;
  setDown: (down: boolean) => Promise<void>;
  waitForSms: (to: string, timeoutMs?: number) => Promise<ReceivedSms>;
  /** The variables that point the app at this server (the same the production configuration uses). */
  env: () => Record<"SMS_PROVIDER_URL" | "SMS_ACCOUNT_SID" | "SMS_AUTH_TOKEN" | "SMS_FROM", string>;
  close: () => Promise<void>;
};

export type LocalSmsOptions = {
  accountSid?: string;
  authToken?: string;
  from?: string;
  port?: number;
  /** Called with a line per accepted SMS (npm start prints it). */
  log?: (line: string) => void;
};

const ERRORS: Record<number, { code: number; message: string }> = {
  429: { code: 20429, message: "Too Many Requests" },
  500: { code: 20500, message: "An internal server error has occurred" },
  503: { code: 20503, message: "Service unavailable" },
};

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function startLocalSms(opts: LocalSmsOptions = {}): Promise<LocalSms> {
  const accountSid = opts.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = opts.authToken ?? randomBytes(16).toString("hex");
  const from = opts.from ?? "Stempel";
  const accepted = new Received<ReceivedSms>();
  const failures: number[] = [];
  let unauthorized = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const send = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) =>
        send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(new URL(req.url ?? "/", "http://local").pathname);
      if (!m) return error(404, 20404, "The requested resource was not found");
      const [user, ...pass] = Buffer.from(/^Basic (.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "", "base64")
        .toString()
        .split(":");
      if (!same(user ?? "", accountSid) || !same(pass.join(":"), authToken) || decodeURIComponent(m[1]) !== accountSid) {
        unauthorized++;
        return error(401, 20003, "Authenticate");
      }
      if (req.method !== "POST") return error(405, 20004, "Method not allowed");
      const fail = failures.shift();
      if (fail) return error(fail, ERRORS[fail]?.code ?? 20500, ERRORS[fail]?.message ?? "An internal server error has occurred");
      if ((req.headers["content-type"] ?? "").split(";")[0].trim() !== "application/x-www-form-urlencoded")
        return error(400, 21602, "Message body is required.");
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const to = form.get("To") ?? "";
      const sender = form.get("From") ?? "";
      const body = form.get("Body") ?? "";
      if (!to) return error(400, 21604, "A 'To' phone number is required.");
      if (!/^\+[1-9]\d{7,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!sender) return error(400, 21603, "A 'From' phone number is required.");
      if (sender !== from) return error(400, 21212, `The 'From' number ${sender} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
      if (!body) return error(400, 21602, "Message body is required.");
      if (body.length > 1600) return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      const sms: ReceivedSms = { sid: `SM${randomBytes(16).toString("hex")}`, to, from: sender, body, at: Date.now() };
      accepted.add(sms);
      opts.log?.(`SMS to ${to}: ${JSON.stringify(body)}`);
      const now = new Date().toUTCString();
      send(201, {
        sid: sms.sid,
        account_sid: accountSid,
        to,
        from: sender,
        body,
        status: "queued",
        direction: "outbound-api",
        num_segments: "1",
        date_created: now,
        date_updated: now,
        api_version: "2010-04-01",
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sms.sid}.json`,
      });
    });
  });

  const { port, stop, setDown } = await listenDownable(server, opts.port);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    accountSid,
    authToken,
    from,
    messages: accepted.items,
    unauthorized: () => unauthorized,
    failNext: (status, times) => failures.push(...Array<number>(times).fill(status)),
    setDown,
    waitForSms: (to, timeoutMs = 15_000) => accepted.waitFor((s) => s.to === to, timeoutMs, `no SMS to ${to}`),
    env: () => ({ SMS_PROVIDER_URL: url, SMS_ACCOUNT_SID: accountSid, SMS_AUTH_TOKEN: authToken, SMS_FROM: from }),
    close: stop,
  };
}

/**
 * Local runs: with no SMS provider configured, start the stand-in and point the
 * app at it (SMS_* variables, inherited by the app), so the SMS channel works
 * end to end and every SMS is printed instead of sent. `npm start` does this
 * on its embedded database unless SMS_LOCAL=0; elsewhere only with SMS_LOCAL=1.
 */
export async function startDevSmsIfAsked(log: (msg: string) => void = () => {}, byDefault = false): Promise<LocalSms | null> {
  const asked = process.env.SMS_LOCAL === "1" || (byDefault && process.env.SMS_LOCAL !== "0");
  if (!asked || process.env.SMS_ACCOUNT_SID) return null;
  const sms = await startLocalSms({ log });
  Object.assign(process.env, sms.env());
  log(`SMS: local Twilio stand-in on ${sms.url} (SMS_LOCAL): messages are printed here, not sent`);
  return sms;
}
