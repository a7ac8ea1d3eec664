"use client";
// Dashboard → Stempeltablet: pick the location, press "Koppel een tablet", and
// the tablet scans the QR code (or its owner types the code at /stamp). The
// panel counts the code's minutes down and watches for the tablet to arrive.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { createPairingAction, pairingStatusAction } from "@/app/(dashboard)/dashboard/tablet/actions";
import { Button } from "@/components/ui/button";

type Location = { id: string; name: string };
type Pairing = { pairingId: string; code: string; url: string; expiresAt: string; locationName: string; qr: string };
type Status = { state: "waiting" | "expired" } | { state: "paired"; deviceName: string; locationName: string };

const POLL_MS = 3000;

/** "14:05" — minutes and seconds left. */
const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

export function PairingPanel({ locations, stampUrl }: { locations: Location[]; stampUrl: string }) {
  const t = useTranslations("tabletSetup");
  const router = useRouter();
  const [locationId, setLocationId] = useState(locations[0]?.id ?? "");
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [status, setStatus] = useState<Status>({ state: "waiting" });
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const errorText = (key: string) => {
    const k = `errors.${key.replace(/^(validation|errors)\./, "")}`;
    return t.has(k) ? t(k) : t("failed");
  };

  function makeCode() {
    setError(null);
    startTransition(async () => {
      const r = await createPairingAction(locationId).catch(() => null);
      if (!r?.ok) return setError(errorText(r?.error ?? "failed"));
      setStatus({ state: "waiting" });
      setLeft(new Date(r.data.expiresAt).getTime() - Date.now());
      setPairing(r.data);
    });
  }

  // The countdown, and the poll for the tablet, while a code waits.
  const waiting = pairing !== null && status.state === "waiting";
  useEffect(() => {
    if (!waiting) return;
    const expires = new Date(pairing.expiresAt).getTime();
    const tick = setInterval(() => {
      setLeft(expires - Date.now());
      if (Date.now() >= expires) setStatus({ state: "expired" });
    }, 1000);
    const check = async () => {
      const r = await pairingStatusAction(pairing.pairingId).catch(() => null);
      if (r?.ok && r.data.state !== "waiting") {
        setStatus(r.data);
        if (r.data.state === "paired") router.refresh();
      }
    };
    const poll = setInterval(() => void check(), POLL_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [waiting, pairing, router]);

  return (
    <div className="space-y-5" data-testid="pairing-panel">
      <form
        noValidate
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          makeCode();
        }}
      >
        {locations.length > 1 ? (
          <label className="block">
            <span className="mb-1 block text-sm font-medium">{t("location")}</span>
            <select
              name="locationId"
              value={locationId}
              onChange={(e) => setLocationId(e.target.value)}
              className="h-11 min-w-56 rounded-lg border border-stone-300 bg-white px-3"
              data-testid="pairing-location"
            >
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="text-sm text-stone-600">
            {t("location")}: <span className="font-medium text-stone-900">{locations[0]?.name}</span>
          </p>
        )}
        <Button type="submit" variant="accent" size="lg" disabled={pending} data-testid="pair-button">
          {pending ? t("pairing") : pairing ? (status.state === "paired" ? t("pairAnother") : t("newCode")) : t("pair")}
        </Button>
      </form>
      {error && (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800" role="alert">
          {error}
        </p>
      )}
      {pairing && (
        <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
          <div
            className={`aspect-square w-full max-w-64 rounded-xl border border-stone-200 bg-white p-2 [&>svg]:h-full [&>svg]:w-full ${status.state === "waiting" ? "" : "opacity-30"}`}
            data-testid="pairing-qr"
            role="img"
            aria-label={t("qrAlt")}
            dangerouslySetInnerHTML={{ __html: pairing.qr }}
          />
          <div className="space-y-4">
            <div>
              <p className="text-sm font-medium text-stone-600">{t("codeFor", { location: pairing.locationName })}</p>
              <p className="font-mono text-4xl font-bold tracking-widest" data-testid="pairing-code">
                {pairing.code}
              </p>
            </div>
            <ol className="list-decimal space-y-1 pl-5">
              <li>{t("step1")}</li>
              <li>{t("step2")}</li>
              <li>{t("step3")}</li>
            </ol>
            <p className="text-sm text-stone-600">
              {t("orType", { url: stampUrl })}{" "}
              <a href={pairing.url} className="break-all text-amber-800 underline" data-testid="pairing-link">
                {pairing.url}
              </a>
            </p>
            <p
              role="status"
              aria-live="polite"
              data-testid="pairing-status"
              data-state={status.state}
              className={`rounded-lg px-4 py-3 font-medium ${status.state === "paired" ? "bg-emerald-50 text-emerald-900" : status.state === "expired" ? "bg-amber-50 text-amber-950" : "bg-stone-50 text-stone-700"}`}
            >
              {status.state === "paired" ? (
                <span data-testid="pairing-done">{t("paired", { device: status.deviceName, location: status.locationName })}</span>
              ) : status.state === "expired" ? (
                t("expired")
              ) : (
                `${t("waiting")} · ${t("expiresIn", { time: clock(left) })}`
              )}
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
