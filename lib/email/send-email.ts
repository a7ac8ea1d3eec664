// Every email is written to the OutboxEmail table first. With SMTP_URL set it is
// then sent with nodemailer; without, it stays in the dev outbox (/dev/outbox)
// and is printed to the log, so no message is ever silently lost.
import nodemailer from "nodemailer";
import { globalDb } from "@/lib/tenancy/global-db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

export type Email = { to: string; subject: string; text: string; html?: string };

export async function sendEmail(email: Email): Promise<{ id: string; delivered: boolean }> {
  const { SMTP_URL, MAIL_FROM } = env();
  const row = await globalDb().outboxEmail.create({
    data: { ...email, transport: SMTP_URL ? "smtp" : "outbox" },
  });
  if (!SMTP_URL) {
    logger.info({ emailId: row.id, to: email.to, subject: email.subject, text: email.text }, "email kept in dev outbox (SMTP_URL not set)");
    return { id: row.id, delivered: false };
  }
  try {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...email });
    await globalDb().outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date() } });
    return { id: row.id, delivered: true };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await globalDb().outboxEmail.update({ where: { id: row.id }, data: { error } });
    logger.error({ emailId: row.id, error }, "email delivery failed; kept in outbox");
    return { id: row.id, delivered: false };
  }
}

export function listOutbox(limit = 50) {
  return globalDb().outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
