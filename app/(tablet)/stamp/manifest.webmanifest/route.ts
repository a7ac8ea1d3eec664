export function GET() {
  return Response.json(
    {
      name: "Stempel — stempelen",
      short_name: "Stempel",
      start_url: "/stamp",
      scope: "/stamp",
      display: "standalone",
      orientation: "any",
      background_color: "#1c1917",
      theme_color: "#1c1917",
      icons: [
        { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
        { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any maskable" },
      ],
    },
    { headers: { "Content-Type": "application/manifest+json" } },
  );
}
