"use client";
// The message as it will look, side by side, for the sample customer: the Apple
// lock-screen notification and the pass's back, the Google Wallet message, the
// email (its real html in a sandboxed iframe) and the web card. Each channel
// cuts the body where it would (TEXT_LIMITS).
import { useTranslations } from "next-intl";
import { TEXT_LIMITS } from "@/lib/validation/messages";
import { clip } from "./compose";

export type PreviewCard = { merchant: string; programName: string; background: string; foreground: string; label: string };
export type PreviewEmail = { subject: string; html: string | null; text: string } | null;

type Props = { card: PreviewCard; title: string; body: string; link: string | null; email: PreviewEmail; emailLoading: boolean };

function Frame({ title, testId, wide, children }: { title: string; testId: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <figure className={wide ? "min-w-0 space-y-2 sm:col-span-2" : "min-w-0 space-y-2"} data-testid={testId}>
      <figcaption className="text-sm font-medium text-stone-600">{title}</figcaption>
      {children}
    </figure>
  );
}

export function MessagePreviews({ card, title, body, link, email, emailLoading }: Props) {
  const t = useTranslations("messages.previews");
  const shownTitle = title || t("emptyTitle");
  const shownBody = body || t("emptyBody");
  return (
    <div className="grid gap-6 sm:grid-cols-2" data-testid="message-previews">
      <Frame title={t("appleLock")} testId="preview-apple-lock">
        <div className="rounded-[2rem] bg-gradient-to-b from-indigo-900 via-slate-800 to-stone-900 p-4 pb-10">
          <p className="pb-4 pt-2 text-center text-4xl font-light tabular-nums text-white/90">9:41</p>
          <div className="rounded-2xl bg-white/80 p-3 text-stone-900 shadow backdrop-blur">
            <div className="flex items-center gap-2 text-xs text-stone-600">
              <span aria-hidden className="inline-block size-5 rounded-md" style={{ backgroundColor: card.background }} />
              <span className="min-w-0 flex-1 truncate font-medium uppercase">{card.merchant}</span>
              <span>{t("now")}</span>
            </div>
            <p className="mt-1 break-words text-sm font-semibold">{shownTitle}</p>
            <p className="break-words text-sm" data-testid="preview-apple-lock-body">
              {clip(shownBody, TEXT_LIMITS.apple)}
            </p>
          </div>
        </div>
      </Frame>

      <Frame title={t("appleBack")} testId="preview-apple-back">
        <div className="rounded-2xl border border-stone-200 bg-stone-50 p-4 text-stone-900">
          <p className="text-center text-xs text-stone-500">{card.programName}</p>
          <div className="mt-3 rounded-xl bg-white p-3 shadow-sm">
            <p className="text-xs font-medium uppercase text-stone-500">{shownTitle}</p>
            <p className="mt-1 whitespace-pre-line break-words text-sm">{shownBody}</p>
            {link && <p className="mt-2 break-all text-sm text-sky-700 underline">{link}</p>}
          </div>
        </div>
      </Frame>

      <Frame title={t("google")} testId="preview-google">
        <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white text-stone-900 shadow-sm">
          <div className="px-4 py-3" style={{ backgroundColor: card.background, color: card.foreground }}>
            <p className="text-sm font-medium">{card.merchant}</p>
            <p className="text-xs opacity-80">{card.programName}</p>
          </div>
          <div className="space-y-1 p-4">
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{t("googleMessages")}</p>
            <p className="break-words font-medium">{shownTitle}</p>
            <p className="whitespace-pre-line break-words text-sm text-stone-700" data-testid="preview-google-body">
              {clip(shownBody, TEXT_LIMITS.google)}
            </p>
            {link && <p className="break-all text-sm text-sky-700 underline">{link}</p>}
          </div>
        </div>
      </Frame>

      <Frame title={t("web")} testId="preview-web">
        <div className="overflow-hidden rounded-2xl shadow-sm" style={{ backgroundColor: card.background, color: card.foreground }}>
          <div className="px-4 py-3">
            <p className="text-xs uppercase" style={{ color: card.label }}>
              {card.merchant}
            </p>
            <p className="font-semibold">{card.programName}</p>
          </div>
          <div className="m-3 rounded-xl bg-white p-3 text-stone-900">
            <p className="text-xs font-medium uppercase text-amber-800">{t("webLatest")}</p>
            <p className="mt-1 break-words font-medium">{shownTitle}</p>
            <p className="whitespace-pre-line break-words text-sm">{shownBody}</p>
            {link && <p className="mt-1 break-all text-sm text-sky-700 underline">{link}</p>}
          </div>
        </div>
      </Frame>

      <Frame title={t("email")} testId="preview-email" wide>
        <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white" aria-busy={emailLoading}>
          <p className="border-b border-stone-200 px-4 py-2 text-sm">
            <span className="text-stone-500">{t("subject")}: </span>
            <span className="font-medium" data-testid="preview-email-subject">
              {email?.subject || shownTitle}
            </span>
          </p>
          {email?.html ? (
            <iframe title={t("email")} sandbox="" srcDoc={email.html} className="h-96 w-full bg-white" data-testid="preview-email-frame" />
          ) : (
            <p className="whitespace-pre-line break-words p-4 text-sm text-stone-700">{email ? email.text : emailLoading ? t("emailLoading") : shownBody}</p>
          )}
        </div>
      </Frame>
    </div>
  );
}
