"use client";
// The staff tablet (/stamp): pair once (by the dashboard's code, or /stamp?pair=<code>
// from its QR code); staff tap their name and type their PIN;
// find or scan a card, stamp / redeem / undo with big buttons. All requests and
// the offline queue live in useTabletApi; each screen below is one state of the tablet.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { PairScreen } from "./pair-screen";
import { StampScreen } from "./stamp-screen";
import { UnlockScreen } from "./unlock-screen";
import { useTabletApi } from "./use-tablet-api";

/** The pairing code of a scanned QR code (/stamp?pair=…), read in the browser: the offline copy of this page never carries one. */
const codeInUrl = () => (typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("pair")?.slice(0, 40) || null);

export function TabletApp({ pairingLocations }: { pairingLocations: { id: string; name: string }[] | null }) {
  const t = useTranslations("tablet");
  const api = useTabletApi();
  // A scanned code pairs this tablet, even one paired before. (Nothing renders from it before
  // `api.ready`, so the server's render and the browser's first one agree.)
  const [code, setCode] = useState(codeInUrl);

  useEffect(() => {
    // Keep the app shell available offline: the service worker (public/sw.js) serves
    // these from its cache when the network is gone; prime it with what this page loaded.
    navigator.serviceWorker?.register("/sw.js", { scope: "/" }).catch(() => {});
    const assets = performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((u) => u.includes("/_next/static/"));
    caches
      ?.open("stempel-tablet-v1")
      .then((c) => c.addAll(["/stamp", ...assets]))
      .catch(() => {});
  }, []);

  if (!api.ready) return <p className="p-8 text-lg">{t("loading")}</p>;
  if (code || !api.device) {
    return <PairScreen locations={pairingLocations} pair={api.pair} initialCode={code} onDone={() => setCode(null)} canCancel={!!code && !!api.device} />;
  }
  if (!api.session) return <UnlockScreen api={api} locationName={api.device.locationName} />;
  return <StampScreen api={api} session={api.session} />;
}
