// Every email is written to the OutboxEmail table first. With SMTP_URL set it is
// then sent with nodemailer; without, it stays in the dev outbox (/dev/outbox)
// and is printed to the log, so no message is ever silently lost.
//
// - `sendEmail`: written and sent now (callers that must not keep anyone waiting
//   call it after answering, without awaiting it). With SMTP, the row is written
//   together with an `email-retry` job, due after the attempt's deadline: if the
//   attempt failed (SMTP down, slow, garbage) or the process died, the job sends
//   it then, retried with backoff; if it was sent, the job finds it sent.
// - `sendEmailOnce`: for a job (and its retries): the email known by one id is
//   written once and, once sent, never sent again; a failed delivery throws, so
//   the job is retried with backoff (lib/jobs).
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { env, serviceTimeoutMs } from "@/lib/env";
import type { OutboxEmail } from "@/lib/generated/prisma/client";
import { enqueue, QUEUES, type EmailRetryJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { countDelivery } from "@/lib/metrics/metrics";
import { inLanes } from "@/lib/lanes";
import { globalDb } from "@/lib/tenancy/global-db";
import { withGlobalTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";

/** `headers`: extra mail headers (List-Unsubscribe), kept with the outbox row so a retry sends them too. */
export type Email = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };
type Delivery = { id: string; delivered: boolean; error?: string };

const transport = () => (env().SMTP_URL ? "smtp" : "outbox");

export async function sendEmail(email: Email): Promise<Delivery> {
  if (transport() === "outbox") return deliver(await globalDb().outboxEmail.create({ data: { ...email, transport: "outbox" } }));
  return deliver(await writeWithRetry(email), undefined, ATTEMPT_DEADLINE());
}

/** sendEmail's own attempt ends by then; its retry job is due well after it (and after recording the outcome). */
const ATTEMPT_DEADLINE = () => 2 * serviceTimeoutMs();

/** The outbox row and its retry job, in one transaction: neither is written without the other. */
function writeWithRetry(email: Email): Promise<OutboxEmail> {
  return withGlobalTransaction(async (sql) => {
    const [row] = await insertOutbox(sql, [{ ...email, id: randomUUID(), transport: "smtp" }]);
    // Due once this attempt has surely ended (its deadline, then recording the outcome), so the two never send at once.
    const startAfter = new Date(Date.now() + ATTEMPT_DEADLINE() + serviceTimeoutMs() + 30_000);
    await enqueue(QUEUES.emailRetry, { emailId: row.id }, row.id, sql, { startAfter });
    return row;
  });
}

type OutboxRow = Email & { id: string; transport: string };

/** Writes outbox rows in one statement; an id already there is left as it is (not returned). Returns the rows written. */
function insertOutbox(sql: TenantSql, emails: OutboxRow[]): Promise<OutboxEmail[]> {
  return sql<OutboxEmail>(
    `INSERT INTO "OutboxEmail" (id, "to", subject, text, html, headers, transport)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[]) ON CONFLICT (id) DO NOTHING RETURNING *`,
    [
      emails.map((e) => e.id),
      emails.map((e) => e.to),
      emails.map((e) => e.subject),
      emails.map((e) => e.text),
      emails.map((e) => e.html ?? null),
      emails.map((e) => (e.headers ? JSON.stringify(e.headers) : null)),
      emails.map((e) => e.transport),
    ],
  );
}

/** Job `email-retry`: the email sent again unless it was sent; a failed delivery throws, so pg-boss retries it with backoff. */
export const retryEmail = (job: EmailRetryJob) => sendEmailOnce(job.emailId, async () => null);

type Once = "sent" | "alreadySent" | "kept" | "nothingToSend";

/** Sends the email `id` once: `build` writes it on the first call (null: nothing to send); later calls only retry an unsent row. */
export async function sendEmailOnce(id: string, build: () => Promise<Email | null>): Promise<Once> {
  const result = (await sendEmailsOnce([{ id, build }])).get(id)!;
  if (result instanceof Error) throw result;
  return result;
}

/**
 * sendEmailOnce for many (a campaign's batch): one read and one write of the
 * outbox for all of them, then `lanes` deliveries at a time. Per id its outcome,
 * or the Error of a build or delivery that failed (the others are not held up).
 */
export async function sendEmailsOnce(items: { id: string; build: () => Promise<Email | null> }[], lanes = 1): Promise<Map<string, Once | Error>> {
  const out = new Map<string, Once | Error>();
  if (!items.length) return out;
  const ids = items.map((i) => i.id);
  // Raw SQL, not Prisma: its query compiler spends ~20 ms of CPU a campaign batch on a createMany of 40 emails' HTML.
  const known = new Map(
    (
      await withGlobalTransaction((sql) => sql<{ id: string; sentAt: Date | null }>(`SELECT id, "sentAt" FROM "OutboxEmail" WHERE id = ANY($1::text[])`, [ids]))
    ).map((r) => [r.id, r]),
  );
  const fresh: OutboxRow[] = [];
  for (const { id, build } of items) {
    const row = known.get(id);
    if (row?.sentAt) out.set(id, "alreadySent");
    if (row) continue;
    const email = await build().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (email instanceof Error || !email) out.set(id, email ?? "nothingToSend");
    else fresh.push({ id, ...email, transport: transport() });
  }
  const unsent = ids.filter((id) => !out.has(id));
  const rows = unsent.length
    ? await withGlobalTransaction(async (sql) => {
        // ON CONFLICT DO NOTHING: a row another run wrote meanwhile is that run's, read back below like any unsent one.
        if (fresh.length) await insertOutbox(sql, fresh);
        return sql<OutboxEmail>(`SELECT * FROM "OutboxEmail" WHERE id = ANY($1::text[]) AND "sentAt" IS NULL`, [unsent]);
      })
    : [];
  const toSend = new Set(rows.map((r) => r.id));
  for (const id of unsent) if (!toSend.has(id)) out.set(id, "alreadySent");
  // A batch shares one pool of SMTP connections (one per lane) instead of opening one for each email.
  const { SMTP_URL } = env();
  const pool = SMTP_URL && rows.length > 1 ? smtpTransport(SMTP_URL, Math.min(lanes, rows.length)) : undefined;
  try {
    await inLanes(rows, lanes, async (row) => {
      const result = await deliver(row, pool);
      out.set(row.id, result.error ? new Error(`email ${row.id} not delivered: ${result.error}`) : result.delivered ? "sent" : "kept");
    });
  } finally {
    pool?.close();
  }
  return out;
}

/**
 * nodemailer waits up to 2 min to connect, 30 s for the greeting and 10 min on a silent socket: a job must give up
 * sooner (settings in SMTP_URL's query string still win). `connections` > 1: a pool that keeps them open (close it).
 */
function smtpTransport(url: string, connections = 1) {
  const timeout = serviceTimeoutMs();
  const timeouts = { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout };
  return connections > 1
    ? nodemailer.createTransport({ ...timeouts, pool: true, maxConnections: connections, ...parseConnectionUrl(url) })
    : nodemailer.createTransport({ ...timeouts, ...parseConnectionUrl(url) });
}

/**
 * `deadlineMs`: the whole attempt is given up after it, whatever the server's pace (nodemailer's socket timeout
 * restarts with every reply, and SMTP_URL may set its own): sendEmail's retry job is due only after it.
 */
async function deliver(row: OutboxEmail, transport?: ReturnType<typeof smtpTransport>, deadlineMs?: number): Promise<Delivery> {
  const headers = (row.headers ?? undefined) as Email["headers"];
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    logger.info({ emailId: row.id, to: row.to, subject: row.subject, text: row.text }, "email kept in dev outbox (SMTP_URL not set)");
    countDelivery("email", "kept");
    return { id: row.id, delivered: false };
  }
  let deadline: NodeJS.Timeout | undefined;
  try {
    const smtp = transport ?? smtpTransport(SMTP_URL);
    // A stable Message-ID: an email sent again after a crash between "sent" and "recorded" can be recognised by the receiver.
    const sending = smtp.sendMail({
      from: MAIL_FROM,
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html ?? undefined,
      headers,
      messageId: `<${row.id}@stempel.outbox>`,
    });
    if (deadlineMs === undefined) await sending;
    else {
      sending.catch(() => undefined);
      await Promise.race([
        sending,
        new Promise((_, reject) => {
          deadline = setTimeout(() => {
            smtp.close();
            reject(new Error(`SMTP: no delivery within ${deadlineMs} ms`));
          }, deadlineMs);
        }),
      ]);
    }
    await globalDb().outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date(), error: null } });
    countDelivery("email", "sent");
    logger.debug({ emailId: row.id }, "email sent");
    return { id: row.id, delivered: true };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await globalDb().outboxEmail.update({ where: { id: row.id }, data: { error } });
    logger.error({ emailId: row.id, error }, "email delivery failed; kept in outbox");
    countDelivery("email", "failed");
    return { id: row.id, delivered: false, error };
  } finally {
    clearTimeout(deadline);
  }
}

export function listOutbox(limit = 50) {
  return globalDb().outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
