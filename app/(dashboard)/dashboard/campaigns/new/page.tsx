// Berichten → Nieuw bericht: the composer (components/messages/composer.tsx).
// ?audience=<kind>&value=<…> preselects an audience; from the customer list
// ?audience=filter&filter=<the list's query> sends to exactly that list.
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { AudienceOptions } from "@/components/messages/audience-picker";
import { Composer } from "@/components/messages/composer";
import { requireTenant } from "@/lib/auth/session";
import { customerFilterOptions } from "@/lib/customers/list-customers";
import { listSavedFilters } from "@/lib/messages/campaigns";
import { hasRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { Audience } from "@/lib/validation/messages";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewCampaignPage({ searchParams }: Props) {
  const { ctx, organization } = await requireTenant();
  if (!hasRole(ctx, "MANAGER")) notFound();
  const t = await getTranslations("messages.composer");
  const q = await searchParams;
  const filter = one(q.audience) === "filter" ? (one(q.filter) ?? "").slice(0, 2000) : null;

  const [program, filterOptions, saved] = await Promise.all([
    tenantDb(ctx).cardProgram.findFirst({
      where: { status: { in: ["PUBLISHED", "DRAFT"] } },
      orderBy: [{ status: "desc" }, { createdAt: "asc" }],
      select: { name: true, rewardText: true, stampsRequired: true, backgroundColor: true, foregroundColor: true, labelColor: true },
    }),
    customerFilterOptions(ctx),
    listSavedFilters(ctx),
  ]);
  const options: AudienceOptions = {
    locations: filterOptions.locations.filter((l) => !l.archivedAt).map((l) => ({ id: l.id, name: l.name })),
    tags: filterOptions.tags.map((g) => g.tag),
    saved: saved.map((s) => ({ id: s.id, name: s.name })),
    filter,
  };
  const asked = Audience.safeParse(filter !== null ? { kind: "filter", value: filter } : { kind: one(q.audience), value: one(q.value) });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: organization.timezone }).format(new Date());

  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold">{t("heading")}</h2>
      <Composer
        card={{
          merchant: organization.name,
          programName: program?.name ?? organization.name,
          background: program?.backgroundColor ?? "#3b2a20",
          foreground: program?.foregroundColor ?? "#ffffff",
          label: program?.labelColor ?? "#f5d7a1",
        }}
        reward={program?.rewardText ?? ""}
        stampsRequired={program?.stampsRequired ?? 10}
        options={options}
        initialAudience={asked.success ? asked.data : { kind: "all" }}
        cap={organization.messageCapPerWeek}
        timeZone={organization.timezone}
        today={today}
      />
    </div>
  );
}
