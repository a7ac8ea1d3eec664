"use client";
import { useEffect } from "react";

/**
 * Locks the tablet once nobody touched it for the merchant's idle time (from the last touch). The
 * server enforces the same limit on the session, counted from its last request (lib/stamping/devices.ts).
 */
export function useIdleLock(session: { idleMinutes: number } | null, lock: () => void) {
  useEffect(() => {
    if (!session) return;
    let lastActivity = Date.now();
    const touch = () => (lastActivity = Date.now());
    window.addEventListener("pointerdown", touch);
    window.addEventListener("keydown", touch);
    const timer = setInterval(() => Date.now() - lastActivity > session.idleMinutes * 60_000 && lock(), 5000);
    return () => {
      window.removeEventListener("pointerdown", touch);
      window.removeEventListener("keydown", touch);
      clearInterval(timer);
    };
  }, [session, lock]);
}
