import { getCustomerCard } from "@/lib/cards/customer-card";

// Each card installs as its own home-screen app that opens straight on the card
// ("Zet op je beginscherm" on the web card: Android's install prompt reads this).
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const card = await getCustomerCard(token);
  if (!card) return new Response("Not found", { status: 404 });
  const manifest = {
    id: `/c/${token}`,
    name: `${card.program.name} — ${card.organization.name}`,
    short_name: card.organization.name.slice(0, 12),
    start_url: `/c/${token}`,
    scope: `/c/${token}`,
    display: "standalone",
    background_color: card.program.backgroundColor,
    theme_color: card.program.backgroundColor,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any maskable" },
    ],
  };
  return Response.json(manifest, { headers: { "Content-Type": "application/manifest+json", "Cache-Control": "private, no-store" } });
}
