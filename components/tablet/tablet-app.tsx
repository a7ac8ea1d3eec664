"use client";
// The staff tablet (/stamp): pair once; staff tap their name and type their PIN;
// find or scan a card, stamp / redeem / undo with big buttons. All requests and
// the offline queue live in useTabletApi; each screen below is one state of the tablet.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { PairScreen } from "./pair-screen";
import { StampScreen } from "./stamp-screen";
import { UnlockScreen } from "./unlock-screen";
import { useTabletApi } from "./use-tablet-api";

export function TabletApp({ pairingLocations }: { pairingLocations: { id: string; name: string }[] | null }) {
  const t = useTranslations("tablet");
  const api = useTabletApi();

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
  if (!api.device) return <PairScreen locations={pairingLocations} pair={api.pair} />;
  if (!api.session) return <UnlockScreen api={api} locationName={api.device.locationName} />;
  return <StampScreen api={api} session={api.session} />;
}
