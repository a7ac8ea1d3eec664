import type { Metadata, Viewport } from "next";
import { TabletApp } from "@/components/tablet/tablet-app";
import { currentTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";
import { listLocations } from "@/lib/organizations/locations";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stempel — tablet", manifest: "/stamp/manifest.webmanifest" };
export const viewport: Viewport = { width: "device-width", initialScale: 1, maximumScale: 1, themeColor: "#1c1917" };

export default async function StampPage() {
  // Pairing needs a manager signed in on this browser; after that the tablet runs on its own token.
  const tenant = await currentTenant();
  const locations = tenant && hasRole(tenant.ctx, "MANAGER") ? await listLocations(tenant.ctx) : null;
  return <TabletApp pairingLocations={locations} />;
}
