"use client";
// Camera scanning of the pass / web-card QR: the browser's BarcodeDetector where
// it exists, @zxing/browser (loaded only then) otherwise.
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef, useState } from "react";

type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };

export function Scanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const t = useTranslations("tablet");
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  // The parent re-renders (sync ticks); that must not restart the camera.
  const found = useEffectEvent((code: string) => onCode(code));

  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    void (async () => {
      try {
        const BD = (window as unknown as { BarcodeDetector?: new (o: object) => Detector }).BarcodeDetector;
        if (BD) {
          const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
          stop = () => stream.getTracks().forEach((tr) => tr.stop());
          video.current!.srcObject = stream;
          await video.current!.play();
          const detector = new BD({ formats: ["qr_code", "pdf417", "aztec", "code_128"] });
          const tick = async () => {
            if (cancelled) return;
            const [hit] = await detector.detect(video.current!).catch(() => []);
            if (hit) found(hit.rawValue);
            else requestAnimationFrame(() => void tick());
          };
          void tick();
        } else {
          const { BrowserMultiFormatReader } = await import("@zxing/browser");
          const controls = await new BrowserMultiFormatReader().decodeFromVideoDevice(undefined, video.current!, (result) => {
            if (result && !cancelled) found(result.getText());
          });
          stop = () => controls.stop();
        }
      } catch {
        setError(t("cameraError"));
      }
    })();
    return () => {
      cancelled = true;
      stop();
    };
  }, [t]);

  return (
    <div className="fixed inset-0 z-40 flex flex-col items-center justify-center gap-4 bg-black/90 p-4" role="dialog" aria-label={t("scan")}>
      <video ref={video} className="max-h-[70dvh] w-full max-w-xl rounded-2xl" muted playsInline />
      {error && <p className="rounded-lg bg-white px-4 py-3 text-red-700">{error}</p>}
      <button type="button" onClick={onClose} className="min-h-14 rounded-xl bg-white px-8 text-lg font-semibold">
        {t("close")}
      </button>
    </div>
  );
}
