import { getFormatter, getTranslations } from "next-intl/server";
import { PairedTablets } from "@/components/tablet-setup/paired-tablets";
import { PairingPanel } from "@/components/tablet-setup/pairing-panel";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { listLocations } from "@/lib/organizations/locations";
import { listDevices } from "@/lib/stamping/devices";
import { hasRole } from "@/lib/tenancy/context";

/** Unpaired tablets stay in the list this long, marked "Ontkoppeld". */
const SHOW_UNPAIRED_DAYS = 30;

/** The tablets to list: paired ones first, then those unpaired in the last SHOW_UNPAIRED_DAYS. */
function shownTablets<D extends { revokedAt: Date | null }>(devices: D[]) {
  const since = Date.now() - SHOW_UNPAIRED_DAYS * 86_400_000;
  return devices.filter((d) => !d.revokedAt || d.revokedAt.getTime() > since).sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt));
}

export default async function TabletSetupPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("tabletSetup");
  if (!hasRole(ctx, "MANAGER")) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("managersOnly")}</p>
      </section>
    );
  }
  const format = await getFormatter();
  const [locations, devices] = await Promise.all([listLocations(ctx), listDevices(ctx)]);
  const tablets = shownTablets(devices).map((d) => ({
    id: d.id,
    name: d.name,
    location: d.location.name,
    lastSeen: d.lastSeenAt ? format.dateTime(d.lastSeenAt, { dateStyle: "medium", timeStyle: "short" }) : null,
    unpaired: !!d.revokedAt,
  }));
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 max-w-2xl text-stone-600">{t("lead")}</p>
      </div>
      <Card>
        {locations.length ? (
          <PairingPanel locations={locations} stampUrl={`${appUrl().replace(/^https?:\/\//, "")}/stamp`} />
        ) : (
          <p className="text-stone-600">{t("noLocation")}</p>
        )}
      </Card>
      <Card>
        <h2 className="font-semibold">{t("listTitle")}</h2>
        <PairedTablets tablets={tablets} />
      </Card>
    </section>
  );
}
