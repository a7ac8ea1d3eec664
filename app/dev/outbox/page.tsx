import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { listOutbox } from "@/lib/email/send-email";
import { devOutboxEnabled } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function DevOutboxPage() {
  if (!devOutboxEnabled()) notFound();
  const t = await getTranslations("outbox");
  const tEmail = await getTranslations("email.outbox");
  const format = await getFormatter();
  const emails = await listOutbox();
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-4 p-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-stone-600">{t("lead")}</p>
      {emails.length === 0 && <p>{t("empty")}</p>}
      {emails.map((e) => (
        <Card key={e.id} className="space-y-2" data-testid="outbox-email">
          <p className="text-sm text-stone-500">
            {format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "medium" })} · {e.transport}
            {e.sentAt ? " · ✓" : ""}
          </p>
          <p>
            <strong>{t("to")}:</strong> <span data-testid="outbox-to">{e.to}</span>
          </p>
          <p>
            <strong>{t("subject")}:</strong> {e.subject}
          </p>
          {e.html ? (
            // The email as a mail client shows it: its own document, no scripts, links open in a new tab.
            <iframe
              title={`${tEmail("html")}: ${e.subject}`}
              srcDoc={e.html}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              className="h-[32rem] w-full rounded border border-stone-200 bg-white"
              data-testid="outbox-html"
            />
          ) : (
            <p className="text-sm text-stone-500">{tEmail("noHtml")}</p>
          )}
          <h2 className="text-sm font-medium">{tEmail("text")}</h2>
          <pre className="whitespace-pre-wrap break-all rounded bg-stone-100 p-3 text-sm" data-testid="outbox-text">
            {e.text}
          </pre>
        </Card>
      ))}
    </main>
  );
}
