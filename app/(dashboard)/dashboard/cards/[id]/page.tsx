import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProgramDesigner } from "@/components/cards/program-designer";
import { Button } from "@/components/ui/button";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";
import { EmptyState } from "@/components/dashboard/empty-state";
import { cardsNeedingDesignUpdate, getProgram, walletInstalls } from "@/lib/programs/manage-programs";
import { designerValues } from "@/lib/programs/program-data";
import { messageListHref } from "@/components/messages/compose";
import { openedByFirstSave } from "@/components/cards/first-save";
import { appUrl } from "@/lib/env";
import { googleWalletStatus } from "@/lib/wallet/google/config";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditProgramPage({ params, searchParams }: Props) {
  const { ctx, organization } = await requireTenant();
  const { id } = await params;
  const program = await getProgram(ctx, id).catch(() => null);
  if (!program) notFound();
  const t = await getTranslations("designer");
  const td = await getTranslations("dashboard");
  if (!hasRole(ctx, "MANAGER")) return <EmptyState title={program.name} body={(await getTranslations("errors"))("FORBIDDEN")} comingSoon={false} />;
  const [pending, wallets] = await Promise.all([cardsNeedingDesignUpdate(ctx, program.id), walletInstalls(ctx, program.id)]);
  const tm = await getTranslations("messages");
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{program.name}</h1>
          <p className="text-sm text-stone-600">
            {td(`programStatus.${program.status}`)} · {t("versionInfo", { version: program.version })} · {t("pendingUpdates", { count: pending })}
          </p>
          <p className="text-sm text-stone-600" data-testid="apple-installs">
            {t("appleInstalls", wallets)}
          </p>
          {googleWalletStatus().configured && (
            <p className="text-sm text-stone-600" data-testid="google-installs">
              {t("googleInstalls", wallets)}
            </p>
          )}
        </div>
        {program.status === "PUBLISHED" && (
          <Button asChild variant="outline">
            <Link href={`/dashboard/cards/${program.id}/share`}>{t("shareLink")}</Link>
          </Button>
        )}
      </div>
      {program.status === "PUBLISHED" && (
        <p>
          <Link
            href={messageListHref(`program=${program.id}`)}
            className="font-medium text-amber-800 underline underline-offset-4"
            data-testid="card-message-link"
          >
            {tm("cardLink")}
          </Link>
        </p>
      )}
      <ProgramDesigner
        programId={program.id}
        status={program.status}
        merchantName={organization.name}
        locale={organization.locale}
        appBase={appUrl()}
        initial={designerValues(program, { name: "", rewardText: "" })}
        justSaved={openedByFirstSave(await searchParams)}
      />
    </section>
  );
}
