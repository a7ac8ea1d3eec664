"use client";
// The staff tablet (/stamp): pair once, PIN in, find or scan a card, stamp /
// redeem / undo with big buttons. Every tap carries its own idempotency key;
// without network the tap is queued in IndexedDB and synced later, once.
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { StampStrip } from "@/components/cards/stamp-strip";
import { applyDeltas, redeemDeltas, stampDeltas } from "@/lib/cards/ledger";
import { queue, type QueuedAction } from "./offline-queue";
import { Scanner } from "./scanner";

type Card = {
  serial: string; stampCount: number; rewardsAvailable: number; intermediateAvailable: number; lastStampAt: string | null;
  customer: { name: string };
  program: { name: string; stampsRequired: number; intermediateStamp: number | null; rewardText: string; intermediateRewardText: string | null; labelColor: string; backgroundColor: string; foregroundColor: string };
};
type Session = { token: string; staffName: string; locationName: string; idleMinutes: number };
type Feedback = { tone: "ok" | "warn" | "error"; text: string } | null;
type Location = { id: string; name: string };

const DEVICE_KEY = "stempel.device";
const SESSION_KEY = "stempel.session";

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function beep(ok: boolean) {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = ok ? 880 : 220;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + (ok ? 0.12 : 0.3));
  } catch {
    /* no audio: the visual confirmation is enough */
  }
}

export function TabletApp({ pairingLocations }: { pairingLocations: Location[] | null }) {
  const t = useTranslations("tablet");
  const [device, setDevice] = useState<{ token: string; locationName: string } | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [card, setCard] = useState<Card | null>(null);
  const [results, setResults] = useState<Card[]>([]);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [pending, setPending] = useState<QueuedAction[]>([]);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [override, setOverride] = useState<Record<string, unknown> | null>(null);
  const [needPin, setNeedPin] = useState(false);
  const [spend, setSpend] = useState("");
  const lastActivity = useRef(Date.now());

  useEffect(() => {
    setDevice(JSON.parse(localStorage.getItem(DEVICE_KEY) ?? "null"));
    setSession(JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null"));
    setReady(true);
    queue.all().then(setPending);
    // Keep the app shell available offline: the service worker (public/sw.js) serves
    // these from its cache when the network is gone; prime it with what this page loaded.
    navigator.serviceWorker?.register("/sw.js", { scope: "/" }).catch(() => {});
    const assets = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/_next/static/"));
    caches?.open("stempel-tablet-v1").then((c) => c.addAll(["/stamp", ...assets])).catch(() => {});
  }, []);

  const lock = useCallback(() => {
    sessionStorage.removeItem(SESSION_KEY);
    setSession(null);
    setCard(null);
    setResults([]);
  }, []);

  // Lock after the configured idle time (default 3 minutes).
  useEffect(() => {
    const touch = () => (lastActivity.current = Date.now());
    window.addEventListener("pointerdown", touch);
    window.addEventListener("keydown", touch);
    const timer = setInterval(() => {
      const idle = (session?.idleMinutes ?? 3) * 60_000;
      if (session && Date.now() - lastActivity.current > idle) lock();
    }, 5000);
    return () => {
      window.removeEventListener("pointerdown", touch);
      window.removeEventListener("keydown", touch);
      clearInterval(timer);
    };
  }, [session, lock]);

  const api = useCallback(
    async (path: string, init: RequestInit = {}, token = session?.token) => {
      const res = await fetch(path, { ...init, headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
      if (res.status === 401) lock();
      return res;
    },
    [session, lock],
  );

  const explain = useCallback(
    (body: { message?: string; error?: string; retryAt?: string; limit?: number }) => {
      const key = body.message ?? body.error ?? "INTERNAL";
      if (key === "rule.minInterval" && body.retryAt) return t("rule.minInterval", { time: new Date(body.retryAt).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" }) });
      if (key.startsWith("rule.")) return t(key, { limit: body.limit ?? 0 });
      return t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.INTERNAL");
    },
    [t],
  );

  // Send queued actions in order, each once; stop at the first network failure.
  const sync = useCallback(async () => {
    for (const item of await queue.all()) {
      if (item.status !== "pending") continue;
      let res: Response;
      try {
        res = await fetch("/api/tablet/actions", { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${item.sessionToken}` }, body: JSON.stringify(item.body) });
      } catch {
        break;
      }
      if (res.ok) await queue.remove(item.idempotencyKey);
      else await queue.add({ ...item, status: "rejected", error: explain(await res.json().catch(() => ({}))) });
    }
    setPending(await queue.all());
  }, [explain]);

  useEffect(() => {
    window.addEventListener("online", sync);
    const timer = setInterval(() => navigator.onLine && sync(), 10_000);
    return () => {
      window.removeEventListener("online", sync);
      clearInterval(timer);
    };
  }, [sync]);

  useEffect(() => {
    if (navigator.onLine && pending.some((p) => p.status === "pending") && session) sync();
  }, [session]); // eslint-disable-line react-hooks/exhaustive-deps

  async function openCard(serial: string) {
    const res = await api(`/api/tablet/cards/${encodeURIComponent(serial)}`);
    if (res.ok) {
      setCard((await res.json()).card);
      setResults([]);
      setFeedback(null);
    } else setFeedback({ tone: "error", text: explain(await res.json().catch(() => ({}))) });
  }

  async function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (q.length < 2) return;
    const res = await api(`/api/tablet/cards?q=${encodeURIComponent(q)}`).catch(() => null);
    if (!res) return setFeedback({ tone: "error", text: t("offlineSearch") });
    const { cards } = await res.json();
    setResults(cards ?? []);
    if (!cards?.length) setFeedback({ tone: "warn", text: t("noResults") });
    else setFeedback(null);
  }

  async function act(body: Record<string, unknown>, label: string) {
    if (!card || !session) return;
    setBusy(true);
    const payload = { ...body, serial: card.serial, idempotencyKey: newKey(), occurredAt: new Date().toISOString() };
    try {
      const res = await api("/api/tablet/actions", { method: "POST", body: JSON.stringify(payload) });
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        setCard({ ...card, ...data.card, lastStampAt: body.kind === "stamp" ? new Date().toISOString() : card.lastStampAt });
        setFeedback({ tone: "ok", text: t(`done.${data.kind}`, { label }) });
        setOverride(null);
        setNeedPin(false);
        setSpend("");
        beep(true);
      } else {
        setFeedback({ tone: "error", text: explain(data) });
        if (data.error === "RULE_BLOCKED") setOverride(body);
        if (data.message === "pinRequired") setNeedPin(true);
        beep(false);
      }
    } catch {
      // No network: keep the tap, show it as pending, and apply it to the screen.
      await queue.add({ idempotencyKey: payload.idempotencyKey, sessionToken: session.token, body: payload, queuedAt: Date.now(), status: "pending", label: `${card.customer.name}: ${label}` });
      setPending(await queue.all());
      const rules = { stampsRequired: card.program.stampsRequired, intermediateStamp: card.program.intermediateStamp };
      const d = body.kind === "stamp" ? stampDeltas(card, Number(body.amount), rules) : body.kind === "redeem" ? redeemDeltas(card, "reward") : null;
      if (d) setCard({ ...card, ...applyDeltas(card, d) });
      setFeedback({ tone: "warn", text: t("queued") });
      beep(true);
    } finally {
      setBusy(false);
    }
  }

  if (!ready) return <p className="p-8 text-lg">{t("loading")}</p>;

  if (!device) {
    return <PairScreen locations={pairingLocations} onPaired={(d) => { localStorage.setItem(DEVICE_KEY, JSON.stringify(d)); setDevice(d); }} />;
  }

  if (!session) {
    return (
      <PinPad
        locationName={device.locationName}
        onUnlock={async (pin) => {
          const res = await fetch("/api/tablet/unlock", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ deviceToken: device.token, pin }) });
          const data = await res.json().catch(() => ({}));
          if (!res.ok) {
            if (data.message === "deviceRevoked") {
              localStorage.removeItem(DEVICE_KEY);
              setDevice(null);
            }
            return t.has(`errors.${data.message}`) ? t(`errors.${data.message}`) : t("errors.INTERNAL");
          }
          const s = { token: data.sessionToken, staffName: data.staffName, locationName: data.locationName, idleMinutes: data.idleMinutes };
          sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
          lastActivity.current = Date.now();
          setSession(s);
          return null;
        }}
      />
    );
  }

  const toneClass = { ok: "bg-emerald-600 text-white", warn: "bg-amber-400 text-stone-950", error: "bg-red-700 text-white" };
  const pendingCount = pending.filter((p) => p.status === "pending").length;
  const rejected = pending.filter((p) => p.status === "rejected");
  return (
    <div className="flex min-h-dvh flex-col bg-stone-100">
      <header className="flex flex-wrap items-center justify-between gap-3 bg-stone-900 px-4 py-3 text-white">
        <p className="text-lg">
          <strong>{session.staffName}</strong> · {session.locationName}
        </p>
        <div className="flex items-center gap-3">
          {pendingCount > 0 && <span className="rounded-full bg-amber-400 px-3 py-1 font-semibold text-stone-950" data-testid="pending-count">{t("pending", { count: pendingCount })}</span>}
          <button type="button" onClick={lock} className="min-h-12 rounded-lg bg-white/10 px-4 text-lg">{t("lock")}</button>
        </div>
      </header>
      {rejected.length > 0 && (
        <section className="space-y-2 bg-red-50 px-4 py-3 text-red-900" aria-live="polite">
          <p className="font-semibold">{t("rejectedTitle")}</p>
          {rejected.map((r) => (
            <p key={r.idempotencyKey} className="flex items-center justify-between gap-3">
              <span>{r.label}: {r.error}</span>
              <button type="button" className="min-h-10 rounded bg-white px-3" onClick={async () => { await queue.remove(r.idempotencyKey); setPending(await queue.all()); }}>{t("dismiss")}</button>
            </p>
          ))}
        </section>
      )}
      <main id="main" className="grid flex-1 gap-4 p-4 lg:grid-cols-[22rem_1fr]">
        <section className="space-y-3">
          <button type="button" onClick={() => setScanning(true)} className="min-h-16 w-full rounded-2xl bg-stone-900 text-xl font-semibold text-white">{t("scan")}</button>
          <form onSubmit={search} className="flex gap-2" role="search">
            <label htmlFor="q" className="sr-only">{t("searchLabel")}</label>
            <input id="q" name="q" placeholder={t("searchPlaceholder")} className="h-14 min-w-0 flex-1 rounded-xl border border-stone-300 px-4 text-lg" autoComplete="off" />
            <button type="submit" className="min-h-14 rounded-xl bg-amber-500 px-5 text-lg font-semibold">{t("search")}</button>
          </form>
          <ul className="space-y-2">
            {results.map((r) => (
              <li key={r.serial}>
                <button type="button" onClick={() => openCard(r.serial)} className="flex min-h-14 w-full items-center justify-between rounded-xl bg-white px-4 text-left text-lg shadow-sm">
                  <span>{r.customer.name}</span>
                  <span className="text-stone-500">{r.stampCount}/{r.program.stampsRequired}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-live="polite" className="space-y-4">
          {feedback && <p className={`rounded-2xl px-5 py-4 text-xl font-semibold ${toneClass[feedback.tone]}`} role="status" data-testid="feedback">{feedback.text}</p>}
          {card ? (
            <div className="space-y-5 rounded-3xl bg-white p-5 shadow">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h1 className="text-3xl font-bold" data-testid="tablet-customer">{card.customer.name}</h1>
                <p className="text-stone-500">{card.program.name} · {card.serial}</p>
              </div>
              <div className="rounded-2xl p-4" style={{ backgroundColor: card.program.backgroundColor }}>
                <StampStrip filled={card.stampCount} total={card.program.stampsRequired} color={card.program.labelColor} />
              </div>
              <p className="text-xl" data-testid="tablet-stamps">{t("stamps", { count: card.stampCount, total: card.program.stampsRequired })}</p>
              {card.rewardsAvailable > 0 && <p className="rounded-xl bg-emerald-100 px-4 py-3 text-xl font-semibold text-emerald-900" data-testid="tablet-rewards">{t("rewards", { count: card.rewardsAvailable, reward: card.program.rewardText })}</p>}
              {card.lastStampAt && <p className="text-stone-500">{t("lastVisit", { date: new Date(card.lastStampAt).toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" }) })}</p>}
              <div className="grid grid-cols-3 gap-3">
                {[1, 2, 3].map((n) => (
                  <button key={n} type="button" disabled={busy} onClick={() => act({ kind: "stamp", amount: n, ...(spend ? { spendCents: Math.round(Number(spend.replace(",", ".")) * 100) } : {}) }, `+${n}`)} className="min-h-24 rounded-2xl bg-amber-500 text-4xl font-black text-stone-950 active:scale-95 disabled:opacity-50">+{n}</button>
                ))}
              </div>
              <label className="flex items-center gap-3 text-stone-600">
                <span>{t("spend")}</span>
                <input value={spend} onChange={(e) => setSpend(e.target.value.replace(/[^\d,.]/g, ""))} inputMode="decimal" placeholder="0,00" className="h-12 w-32 rounded-lg border border-stone-300 px-3 text-lg" aria-label={t("spend")} />
              </label>
              <div className="grid grid-cols-2 gap-3">
                <button type="button" disabled={busy || card.rewardsAvailable < 1} onClick={() => act({ kind: "redeem", reward: "reward" }, t("redeem"))} className="min-h-16 rounded-2xl bg-emerald-600 text-xl font-semibold text-white disabled:opacity-40">{t("redeem")}</button>
                <button type="button" disabled={busy} onClick={() => act({ kind: "undo" }, t("undo"))} className="min-h-16 rounded-2xl border-2 border-stone-300 bg-white text-xl font-semibold">{t("undo")}</button>
              </div>
              {needPin && <PinPrompt label={t("redeemPinLabel")} action={t("redeem")} onPin={(pin) => act({ kind: "redeem", reward: "reward", pin }, t("redeem"))} />}
              {override && <PinPrompt label={t("overrideLabel")} action={t("override")} onPin={(overridePin) => act({ ...override, overridePin }, t("override"))} />}
            </div>
          ) : (
            <p className="rounded-3xl border-2 border-dashed border-stone-300 p-10 text-center text-xl text-stone-500">{t("empty")}</p>
          )}
        </section>
      </main>
      {scanning && (
        <Scanner
          onClose={() => setScanning(false)}
          onCode={(code) => {
            setScanning(false);
            const serial = code.trim().toUpperCase().match(/[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}/)?.[0];
            if (serial) openCard(serial);
            else setFeedback({ tone: "error", text: t("unknownCode") });
          }}
        />
      )}
    </div>
  );
}

/** A PIN asked for one action: the staff PIN to redeem, or a manager PIN to override a rule. */
function PinPrompt({ label, action, onPin }: { label: string; action: string; onPin: (pin: string) => void }) {
  return (
    <form
      className="flex flex-wrap items-end gap-2 rounded-xl bg-stone-100 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onPin(String(new FormData(e.currentTarget).get("pin")));
      }}
    >
      <label className="flex-1">
        <span className="block text-sm">{label}</span>
        <input name="pin" inputMode="numeric" type="password" maxLength={6} className="h-12 w-full rounded-lg border border-stone-300 px-3 text-lg" autoFocus />
      </label>
      <button type="submit" className="min-h-12 rounded-lg bg-stone-900 px-4 text-white">{action}</button>
    </form>
  );
}

function PinPad({ locationName, onUnlock }: { locationName: string; onUnlock: (pin: string) => Promise<string | null> }) {
  const t = useTranslations("tablet");
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (value: string) => {
    setBusy(true);
    const err = await onUnlock(value);
    setBusy(false);
    setPin("");
    setError(err);
  };
  const press = (d: string) => {
    if (busy) return;
    const next = (pin + d).slice(0, 6);
    setPin(next);
    setError(null);
  };
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-stone-900 p-6 text-white">
      <p className="text-xl text-stone-300">{locationName}</p>
      <h1 className="text-3xl font-bold">{t("pinTitle")}</h1>
      <p className="h-10 text-4xl tracking-[0.5em]" aria-live="polite" aria-label={t("pinEntered", { count: pin.length })}>{"•".repeat(pin.length)}</p>
      {error && <p className="rounded-lg bg-red-700 px-4 py-2 text-lg" role="alert">{error}</p>}
      <div className="grid grid-cols-3 gap-3">
        {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => (
          <button key={d} type="button" onClick={() => press(d)} className="size-20 rounded-full bg-white/10 text-3xl font-semibold active:bg-white/30">{d}</button>
        ))}
        <button type="button" onClick={() => setPin(pin.slice(0, -1))} className="size-20 rounded-full text-lg" aria-label={t("backspace")}>⌫</button>
        <button type="button" onClick={() => press("0")} className="size-20 rounded-full bg-white/10 text-3xl font-semibold active:bg-white/30">0</button>
        <button type="button" disabled={pin.length < 4 || busy} onClick={() => submit(pin)} className="size-20 rounded-full bg-amber-500 text-lg font-bold text-stone-950 disabled:opacity-40">{t("ok")}</button>
      </div>
    </main>
  );
}

function PairScreen({ locations, onPaired }: { locations: Location[] | null; onPaired: (d: { token: string; locationName: string }) => void }) {
  const t = useTranslations("tablet");
  const [error, setError] = useState<string | null>(null);
  if (!locations) {
    return (
      <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6 text-center">
        <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
        <p className="text-lg text-stone-600">{t("pairNeedsManager")}</p>
        <a href="/signin?next=/stamp" className="mx-auto min-h-14 rounded-xl bg-stone-900 px-6 py-4 text-lg text-white">{t("pairSignIn")}</a>
      </main>
    );
  }
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
      <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
      <p className="text-lg text-stone-600">{t("pairLead")}</p>
      {error && <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800" role="alert">{error}</p>}
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const res = await fetch("/api/tablet/pair", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ locationId: form.get("locationId"), name: form.get("name") }) });
          const data = await res.json().catch(() => ({}));
          if (!res.ok) return setError(t("pairFailed"));
          onPaired({ token: data.deviceToken, locationName: data.locationName });
        }}
      >
        <label className="block">
          <span className="mb-1 block font-medium">{t("location")}</span>
          <select name="locationId" className="h-14 w-full rounded-xl border border-stone-300 bg-white px-3 text-lg" required>
            {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{t("deviceName")}</span>
          <input name="name" defaultValue={t("deviceNameDefault")} className="h-14 w-full rounded-xl border border-stone-300 px-3 text-lg" required maxLength={60} />
        </label>
        <button type="submit" className="min-h-14 w-full rounded-xl bg-amber-500 text-lg font-semibold">{t("pair")}</button>
      </form>
    </main>
  );
}
