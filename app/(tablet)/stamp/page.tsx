import type { Metadata, Viewport } from "next";
import { TabletApp } from "@/components/tablet/tablet-app";
import { currentTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";
import { listLocations } from "@/lib/organizations/locations";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stempel — tablet", manifest: "/stamp/manifest.webmanifest" };
export const viewport: Viewport = { width: "device-width", initialScale: 1, maximumScale: 1, themeColor: "#1c1917" };

export default async function StampPage() {
  // Pairing: by the one-time code from the dashboard (?pair=<code> from its QR code, read by the
  // app in the browser, or typed), or by a manager signed in on this browser. After that the
  // tablet runs on its own token.
  const tenant = await currentTenant();
  const locations = tenant && hasRole(tenant.ctx, "MANAGER") ? await listLocations(tenant.ctx) : null;
  return <TabletApp pairingLocations={locations} />;
}
