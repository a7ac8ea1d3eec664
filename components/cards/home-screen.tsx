"use client";
// "Zet op je beginscherm": where the browser offers installing (Android Chrome's
// beforeinstallprompt) one tap installs the card's web app (its own manifest,
// app/(customer)/c/[token]/manifest.webmanifest); elsewhere the button shows
// how to do it by hand (iPhone Safari: Deel → Zet op beginscherm).
import { useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";

type InstallPrompt = Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: "accepted" | "dismissed" }> };

const STANDALONE = "(display-mode: standalone)";
function watchStandalone(onChange: () => void) {
  const query = window.matchMedia?.(STANDALONE);
  query?.addEventListener("change", onChange);
  return () => query?.removeEventListener("change", onChange);
}

export function AddToHomeScreen() {
  const t = useTranslations("card.homeScreen");
  const [prompt, setPrompt] = useState<InstallPrompt | null>(null);
  const [open, setOpen] = useState(false);
  const [accepted, setInstalled] = useState(false);
  // Opened from the home screen already: nothing to offer.
  const standalone = useSyncExternalStore(
    watchStandalone,
    () => window.matchMedia?.(STANDALONE).matches ?? false,
    () => false,
  );
  const installed = accepted || standalone;

  useEffect(() => {
    const offer = (e: Event) => {
      e.preventDefault();
      setPrompt(e as InstallPrompt);
    };
    const done = () => setInstalled(true);
    window.addEventListener("beforeinstallprompt", offer);
    window.addEventListener("appinstalled", done);
    return () => {
      window.removeEventListener("beforeinstallprompt", offer);
      window.removeEventListener("appinstalled", done);
    };
  }, []);

  async function install() {
    if (!prompt) return setOpen((o) => !o);
    await prompt.prompt();
    if ((await prompt.userChoice).outcome === "accepted") setInstalled(true);
    setPrompt(null);
  }

  if (installed)
    return (
      <p className="text-center text-sm text-stone-600" data-testid="home-screen-installed">
        {t("installed")}
      </p>
    );
  return (
    <div className="space-y-2" data-testid="home-screen">
      <button
        type="button"
        onClick={install}
        aria-expanded={prompt ? undefined : open}
        aria-controls={prompt ? undefined : "home-screen-how"}
        className="flex min-h-12 w-full items-center justify-center gap-2 rounded-xl border border-stone-300 bg-white px-4 font-medium text-stone-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
        data-testid="add-home-screen"
      >
        {t("button")}
      </button>
      {open && !prompt && (
        <div id="home-screen-how" className="space-y-1 rounded-xl bg-white p-3 text-sm text-stone-700">
          <p>{t("lead")}</p>
          <p>{t("iphone")}</p>
          <p>{t("android")}</p>
        </div>
      )}
    </div>
  );
}
