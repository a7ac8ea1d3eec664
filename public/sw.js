// Service worker for the staff tablet (/stamp): keeps the app itself available
// when the network drops, so a reload at rush hour still opens it. Taps made
// offline are queued by the app in IndexedDB; the API is never cached here.
const CACHE = "stempel-tablet-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const isShell = url.pathname === "/stamp";
  const isAsset = url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/") || url.pathname === "/stamp/manifest.webmanifest";
  if (!isShell && !isAsset) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (isAsset) {
        const hit = await cache.match(event.request);
        if (hit) return hit;
      }
      try {
        const response = await fetch(event.request);
        if (response.ok) cache.put(event.request, response.clone());
        return response;
      } catch (error) {
        const hit = await cache.match(event.request, { ignoreSearch: isShell });
        if (hit) return hit;
        throw error;
      }
    })(),
  );
});
