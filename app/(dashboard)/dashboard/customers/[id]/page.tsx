// Dashboard → Klanten → a customer: everything about them on one page (lib/customers/detail.ts).
// Every member may view; the forms and actions show for managers and owners, who
// are also the only ones the server lets through.
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CorrectionForm } from "@/components/customers/detail/correction-form";
import { GdprActions } from "@/components/customers/detail/gdpr-actions";
import { MergeSuggestions } from "@/components/customers/detail/merge-suggestions";
import { ProfileForm } from "@/components/customers/detail/profile-form";
import { CustomerScores } from "@/components/customers/detail/scores";
import { SurveyAnswers } from "@/components/customers/detail/survey-answers";
import { TagsAndNote } from "@/components/customers/detail/tags-note";
import { Timeline } from "@/components/customers/detail/timeline";
import { VisitsChart } from "@/components/customers/detail/visits-chart";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { ReferralStatusText } from "@/components/referrals/referral-list";
import { customerReferrals } from "@/lib/referrals/manage";
import { getCustomerDetail, getCustomerInsights } from "@/lib/customers/detail";
import { AppError } from "@/lib/errors/app-error";
import { tenantDb } from "@/lib/tenancy/tenant-db";

type Props = { params: Promise<{ id: string }> };

export const dynamic = "force-dynamic";

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="space-y-3 p-5" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </Card>
  );
}

/** Audit entries the customer made themselves (the unsubscribe link): no team member acted. */
const SELF_SERVICE = new Set(["customer.unsubscribe", "customer.resubscribe"]);

export default async function CustomerDetailPage({ params }: Props) {
  const { ctx, organization } = await requireTenant();
  const { id } = await params;
  const d = await getCustomerDetail(ctx, id).catch((e: unknown) => {
    // Staff may not see customers (the Team page's permission table): to them it does not exist.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return null;
    throw e;
  });
  if (!d) notFound();
  const t = await getTranslations("customers");
  const format = await getFormatter();
  const date = (v: Date | null) => (v ? format.dateTime(v, { dateStyle: "medium" }) : t("totals.none"));
  const c = d.customer;
  const lastVisit = c.lastVisitAt ?? d.totals.lastVisit;
  const live = d.cards.filter((k) => !k.erased && !k.mergedInto);
  // Reward names for the correction form.
  const programs = live.length
    ? await tenantDb(ctx).cardProgram.findMany({
        where: { id: { in: live.map((k) => k.programId) } },
        select: { id: true, rewardText: true, intermediateRewardText: true },
      })
    : [];
  const rewardsOf = new Map(programs.map((p) => [p.id, p]));
  // Scores and survey answers (issue 14): RFM, segment, ladder, matrix, engagement.
  const insights = c.erased ? null : await getCustomerInsights(ctx, c.id);
  // Referrals (lib/referrals): the friends they brought and who brought them.
  const referrals = await customerReferrals(ctx, c.id);
  const tRef = await getTranslations("referrals");

  return (
    <section className="space-y-4" data-testid="customer-detail">
      <Link href="/dashboard/customers" className="text-sm text-amber-800 underline-offset-4 hover:underline">
        {t("detail.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold" data-testid="customer-name">
          {c.erased ? t("detail.erasedName") : c.name}
        </h1>
        <p className="text-sm text-stone-600">
          {t("detail.since", { date: date(c.createdAt) })} · {t("detail.via", { source: t(`export.sources.${c.source}`) })} ·{" "}
          {lastVisit ? t("detail.lastVisit", { date: date(lastVisit) }) : t("detail.neverVisited")}
        </p>
        {c.tags.length > 0 && <p className="text-sm text-amber-900">{c.tags.join(" · ")}</p>}
      </header>
      {c.erased && <Alert tone="info">{t("detail.erased")}</Alert>}
      {!d.can.edit && !c.erased && <Alert tone="info">{t("detail.staffView")}</Alert>}

      {d.duplicates.length > 0 && !c.erased && (
        <Section title={t("merge.title")} testId="customer-duplicates">
          <MergeSuggestions customerId={c.id} suggestions={d.duplicates} canMerge={d.can.merge} />
        </Section>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("cards.title")} testId="customer-cards">
          {d.cards.length === 0 && <p className="text-sm text-stone-500">{t("cards.none")}</p>}
          <ul className="space-y-3">
            {d.cards.map((k) => (
              <li key={k.id} className="rounded-lg border border-stone-200 p-3" data-testid="customer-card" data-serial={k.serial}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">{k.programName}</span>
                  <span className="font-mono text-xs text-stone-500">{t("cards.number", { serial: k.serial })}</span>
                </div>
                {k.erased ? (
                  <p className="text-sm text-stone-500">{t("cards.erased")}</p>
                ) : k.mergedInto ? (
                  <p className="text-sm text-stone-600" data-testid="card-merged">
                    {t("cards.merged", { serial: k.mergedInto.serial })}
                  </p>
                ) : (
                  <>
                    <p className="text-sm" data-testid="card-balance">
                      {t("cards.stamps", { count: k.stampCount, total: k.stampsRequired })}
                    </p>
                    <p className="text-sm" data-testid="card-ready">
                      {k.ready.length
                        ? t("cards.ready", {
                            rewards: k.ready.map((r) => t("cards.readyItem", { count: r.count, reward: r.name ?? t("cards.intermediateUnnamed") })).join(", "),
                          })
                        : t("cards.nothingReady")}
                    </p>
                    <p className="text-xs text-stone-500">{t("cards.lifetime", { stamps: k.totalStamps, redeemed: k.totalRedeemed })}</p>
                    <p className="text-xs text-stone-600" data-testid="card-wallet">
                      {[
                        k.wallet.appleInstalled > 0
                          ? t("cards.appleInstalled", { count: k.wallet.appleInstalled })
                          : k.wallet.appleRemoved > 0
                            ? t("cards.appleRemoved")
                            : null,
                        k.wallet.googleSaved ? t("cards.googleSaved") : null,
                      ]
                        .filter(Boolean)
                        .join(" · ") || t("cards.webOnly")}
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t("totals.title")} testId="customer-totals">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
            {(
              [
                ["visits", String(d.totals.visits)],
                ["stamps", String(d.totals.stamps)],
                ["redeemed", String(d.totals.redeemed)],
                [
                  "spend",
                  d.totals.spendCents ? format.number(d.totals.spendCents / 100, { style: "currency", currency: organization.currency }) : t("totals.none"),
                ],
                ["firstVisit", date(d.totals.firstVisit)],
                ["lastVisit", date(d.totals.lastVisit)],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt className="text-stone-500">{t(`totals.${k}`)}</dt>
                <dd className="font-medium tabular-nums" data-testid={`total-${k}`}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
          <VisitsChart months={d.chart} />
        </Section>
      </div>

      {insights && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Section title={t("detail.insights.title")} testId="customer-insights">
            <CustomerScores score={insights.score} />
          </Section>
          <Section title={t("detail.insights.answers.title")} testId="customer-survey-answers">
            <SurveyAnswers answers={insights.answers} />
          </Section>
        </div>
      )}

      <Section title={tRef("customer.title")} testId="customer-referrals">
        {referrals.broughtBy && (
          <p className="text-sm">
            <Link href={`/dashboard/customers/${referrals.broughtBy.referrer.id}`} className="text-amber-800 underline">
              {tRef("customer.broughtBy", { name: referrals.broughtBy.referrer.name })}
            </Link>{" "}
            · {date(referrals.broughtBy.createdAt)} · <ReferralStatusText row={referrals.broughtBy} />
          </p>
        )}
        {referrals.brought.length ? (
          <ul className="divide-y divide-stone-100 text-sm" data-testid="customer-referrals-brought" aria-label={tRef("customer.brought")}>
            {referrals.brought.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <span>
                  <Link href={`/dashboard/customers/${r.friend.id}`} className="text-amber-800 underline">
                    {r.friend.name}
                  </Link>{" "}
                  <span className="text-stone-500">· {date(r.createdAt)}</span>
                </span>
                <ReferralStatusText row={r} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{tRef("customer.none")}</p>
        )}
      </Section>

      {d.can.correct && live.length > 0 && (
        <Section title={t("correct.title")} testId="customer-correction">
          <CorrectionForm
            customerId={c.id}
            cards={live.map((k) => ({
              id: k.id,
              serial: k.serial,
              programName: k.programName,
              rewardText: rewardsOf.get(k.programId)?.rewardText ?? "",
              intermediateRewardText: rewardsOf.get(k.programId)?.intermediateRewardText ?? null,
            }))}
          />
        </Section>
      )}

      <Section title={t("timeline.title")} testId="customer-history">
        <Timeline entries={d.timeline} hidden={d.timelineHidden} currency={organization.currency} showCard={d.cards.length > 1} />
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("profile.title")} testId="customer-profile">
          {d.can.edit && !c.erased ? (
            <ProfileForm
              customerId={c.id}
              profile={{ name: c.name, email: c.email, phone: c.phone, birthday: c.birthday ? c.birthday.toISOString().slice(0, 10) : null }}
            />
          ) : (
            <dl className="space-y-2 text-sm">
              {(
                [
                  ["name", c.name],
                  ["email", c.email],
                  ["phone", c.phone],
                  ["birthday", c.birthday ? format.dateTime(c.birthday, { dateStyle: "long", timeZone: "UTC" }) : null],
                ] as const
              ).map(([k, v]) => (
                <div key={k}>
                  <dt className="text-stone-500">{t(`profile.${k}`)}</dt>
                  <dd>{v || t("profile.empty")}</dd>
                </div>
              ))}
            </dl>
          )}
          {c.externalId && (
            <p className="text-sm text-stone-600">
              {t("profile.externalId")}: <span className="font-mono">{c.externalId}</span>
            </p>
          )}
        </Section>

        <Section title={t("consent.title")} testId="customer-consent">
          {d.consent.length === 0 && <p className="text-sm text-stone-500">{t("consent.none")}</p>}
          <ul className="space-y-3 text-sm">
            {d.consent.map((e) => (
              <li key={e.kind}>
                <p className="font-medium">
                  {t(`consent.${e.kind}`)} {t("consent.when", { date: format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" }) })}
                </p>
                {e.programName && (
                  <p className="text-stone-600">
                    {e.formVersion
                      ? t("consent.via", { program: e.programName, version: e.formVersion })
                      : t("consent.viaNoVersion", { program: e.programName })}
                  </p>
                )}
                <details className="text-stone-600">
                  <summary className="cursor-pointer">{t("consent.text")}</summary>
                  <p className="mt-1 whitespace-pre-wrap">{e.text ?? t("consent.noText")}</p>
                </details>
              </li>
            ))}
          </ul>
          <p className="text-sm" data-testid="customer-consent-now">
            {c.marketingConsent ? t("consent.nowYes") : t("consent.nowNo")}
          </p>
        </Section>

        <Section title={t("tags.title")} testId="customer-tags-note">
          <TagsAndNote customerId={c.id} tags={c.tags} note={c.note} canEdit={d.can.edit && !c.erased} />
        </Section>

        <Section title={t("messages.title")} testId="customer-messages">
          {d.messages.length === 0 ? (
            <p className="text-sm text-stone-500">{t("messages.none")}</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {d.messages.map((m) => (
                <li key={m.id}>
                  <p className="font-medium">{m.header}</p>
                  <p className="text-stone-700">{m.body}</p>
                  <p className="text-xs text-stone-500">
                    {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                    {m.deliveredAt ? t("messages.delivered", { date: date(m.deliveredAt) }) : t("messages.pending")}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      {d.can.erase && !c.erased && (
        <Section title={t("gdpr.title")} testId="customer-gdpr">
          <GdprActions customerId={c.id} name={c.name} />
        </Section>
      )}

      {d.can.edit && (
        <Section title={t("audit.title")} testId="customer-audit">
          {d.audit.length === 0 ? (
            <p className="text-sm text-stone-500">{t("audit.none")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {d.audit.map((r) => (
                <li key={r.id}>
                  {format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                  {t.has(`audit.actions.${r.action}`) ? t(`audit.actions.${r.action}`) : r.action} ·{" "}
                  {r.actorName ? t("audit.by", { name: r.actorName }) : SELF_SERVICE.has(r.action) ? t("audit.byCustomer") : t("audit.unknown")}
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
    </section>
  );
}
