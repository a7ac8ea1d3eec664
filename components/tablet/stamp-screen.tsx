"use client";
// The unlocked tablet: who is on duty, what waits to sync, finding a card and acting on it.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SERIAL_FORMAT } from "@/lib/validation/stamping";
import type { TabletCard } from "@/lib/validation/tablet";
import { CardPanel } from "./card-panel";
import { CardSearch } from "./card-search";
import { FeedbackLine, useExplain, type Feedback } from "./feedback";
import { Scanner } from "./scanner";
import type { Session, TabletApi } from "./use-tablet-api";

export function StampScreen({ api, session }: { api: TabletApi; session: Session }) {
  const t = useTranslations("tablet");
  const explain = useExplain();
  const [card, setCard] = useState<TabletCard | null>(null);
  const [results, setResults] = useState<TabletCard[]>([]);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [scanning, setScanning] = useState(false);

  async function openCard(serial: string) {
    const r = await api.getCard(serial);
    if (r.ok) {
      setCard(r.data.card);
      setResults([]);
      setFeedback(null);
    } else setFeedback({ tone: "error", text: r.offline ? t("errors.offline") : explain(r.error) });
  }

  async function search(q: string) {
    const r = await api.findCards(q);
    if (!r.ok && r.offline) return setFeedback({ tone: "error", text: t("offlineSearch") });
    setResults(r.ok ? r.data.cards : []);
    if (!r.ok) setFeedback({ tone: "error", text: explain(r.error) });
    else setFeedback(r.data.cards.length ? null : { tone: "warn", text: t("noResults") });
  }

  function scanned(code: string) {
    setScanning(false);
    // The QR holds the card number, or a URL that contains it.
    const serial = code.trim().toUpperCase().match(SERIAL_FORMAT)?.[0];
    if (serial) void openCard(serial);
    else setFeedback({ tone: "error", text: t("unknownCode") });
  }

  const pendingCount = api.queued.filter((q) => q.status === "pending").length;
  const rejected = api.queued.filter((q) => q.status === "rejected");
  return (
    <div className="flex min-h-dvh flex-col bg-stone-100">
      <header className="flex flex-wrap items-center justify-between gap-3 bg-stone-900 px-4 py-3 text-white">
        <p className="text-lg">
          <strong>{session.staffName}</strong> · {session.locationName}
        </p>
        <div className="flex items-center gap-3">
          {pendingCount > 0 && (
            <span className="rounded-full bg-amber-400 px-3 py-1 font-semibold text-stone-950" data-testid="pending-count">
              {t("pending", { count: pendingCount })}
            </span>
          )}
          <button type="button" onClick={api.lock} className="min-h-12 rounded-lg bg-white/10 px-4 text-lg">
            {t("lock")}
          </button>
        </div>
      </header>
      {rejected.length > 0 && (
        <section className="space-y-2 bg-red-50 px-4 py-3 text-red-900" aria-live="polite">
          <p className="font-semibold">{t("rejectedTitle")}</p>
          {rejected.map((r) => (
            <p key={r.idempotencyKey} className="flex items-center justify-between gap-3">
              <span>
                {r.label}: {r.error}
              </span>
              <button type="button" className="min-h-12 rounded-lg bg-white px-4" onClick={() => api.dismiss(r.idempotencyKey)}>
                {t("dismiss")}
              </button>
            </p>
          ))}
        </section>
      )}
      <main id="main" className="grid flex-1 gap-4 p-4 lg:grid-cols-[22rem_1fr]">
        <CardSearch results={results} onScan={() => setScanning(true)} onSearch={search} onOpen={openCard} />
        <section aria-live="polite" className="space-y-4">
          <FeedbackLine feedback={feedback} />
          {card ? (
            // Keyed by card: a PIN prompt or amount typed for one customer never carries over to the next.
            <CardPanel
              key={card.serial}
              card={card}
              act={api.act}
              managers={(api.staff ?? []).filter((m) => m.role !== "STAFF")}
              onChange={setCard}
              onFeedback={setFeedback}
            />
          ) : (
            <p className="rounded-3xl border-2 border-dashed border-stone-300 p-10 text-center text-xl text-stone-600">{t("empty")}</p>
          )}
        </section>
      </main>
      {scanning && <Scanner onClose={() => setScanning(false)} onCode={scanned} />}
    </div>
  );
}
