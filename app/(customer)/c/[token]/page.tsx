import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { designOf } from "@/components/cards/customer-card-view";
import { WebCard } from "@/components/cards/web-card";
import { AddToHomeScreen } from "@/components/cards/home-screen";
import { SaveLink } from "@/components/cards/save-link";
import { CardMessage } from "@/components/referrals/card-message";
import { ShareBlock } from "@/components/referrals/share-block";
import { referralUrl } from "@/lib/referrals/links";
import { WebCardSurvey } from "@/components/surveys/web-card-survey";
import { Alert } from "@/components/ui/alert";
import { getCustomerCard, markWebCardOpened } from "@/lib/cards/customer-card";
import { webCardSurvey } from "@/lib/surveys/web-card-survey";
import { mergedInto } from "@/lib/customers/merge";
import { qrSvg } from "@/lib/enrollment/qr";
import { appUrl } from "@/lib/env";
import { appleWalletStatus } from "@/lib/wallet/apple/config";
import { googleWalletStatus } from "@/lib/wallet/google/config";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ welcome?: string; vraag?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const card = await getCustomerCard(token);
  if (!card) return {};
  // Personal page: never indexed, never sent as referrer.
  return {
    title: `${card.program.name} — ${card.organization.name}`,
    manifest: `/c/${token}/manifest.webmanifest`,
    // iPhone: "Deel → Zet op beginscherm" opens the card full screen under the shop's name.
    appleWebApp: { capable: true, title: card.organization.name.slice(0, 30), statusBarStyle: "default" },
    icons: { apple: "/icons/icon-192.png" },
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

export default async function WebCardPage({ params, searchParams }: Props) {
  const { token } = await params;
  const card = await getCustomerCard(token);
  if (!card) notFound();
  const t = await getTranslations("card");
  const tLegal = await getTranslations("legal");
  const tSettings = await getTranslations("settings.webCard");
  const org = card.organization;
  // The shop deleted its account (lib/organizations/deletion.ts): the card has stopped.
  if (org.deletedAt)
    return (
      <main id="main" className="mx-auto min-h-dvh max-w-md space-y-4 p-4 pb-10" data-testid="card-closed">
        <h1 className="text-2xl font-bold">{tSettings("closedTitle")}</h1>
        <p className="text-stone-700">{tSettings("closedBody", { merchant: org.name })}</p>
      </main>
    );
  const format = await getFormatter();
  // The QR carries only the card's opaque serial, never personal data.
  const qr = await qrSvg(card.serial);
  const { welcome, vraag } = await searchParams;
  // Opening the card counts for the engagement score (Card.webOpenedAt, at most once an hour).
  await markWebCardOpened(card);
  // The question of the day (lib/surveys): on top when asked for from the pass (?vraag=1), else under the card.
  const survey = <WebCardSurvey state={await webCardSurvey(card, vraag)} webToken={token} merchant={card.organization.name} />;
  // Merged into her other card by the merchant: say so, and point there.
  const merged = await mergedInto(card.organizationId, card.id);
  // Customers only see what works: no configuration talk (the merchant sees it under Instellingen).
  const apple = appleWalletStatus();
  const google = googleWalletStatus();
  const devNote = apple.development && process.env.NODE_ENV === "development";
  const message = card.walletMessages[0] ?? null;
  // Bring a friend (lib/referrals): their personal link and its QR, while the program has referrals on.
  const shareUrl = card.program.referralEnabled && !merged ? referralUrl(card) : null;
  const shareQr = shareUrl ? await qrSvg(shareUrl) : null;
  return (
    <main id="main" className="mx-auto min-h-dvh max-w-md space-y-5 p-4 pb-10">
      {welcome && <Alert tone="success">{t("welcome")}</Alert>}
      {message && <CardMessage message={message} linkLabel={t("message.open")} />}
      {merged && (
        <Alert data-testid="card-merged">
          {t("mergedInto", { serial: merged.serial })}{" "}
          <Link href={`/c/${merged.webToken}`} className="font-semibold underline">
            {t("openMerged")}
          </Link>
        </Alert>
      )}
      {vraag && survey}
      <WebCard design={designOf(card)} counters={card} customerName={card.customer.name}>
        <div className="mt-6 rounded-2xl bg-white p-4 text-center text-stone-900">
          <div
            className="mx-auto size-48 [&>svg]:h-full [&>svg]:w-full"
            role="img"
            aria-label={t("qrAlt")}
            data-testid="card-qr"
            dangerouslySetInnerHTML={{ __html: qr }}
          />
          <p className="mt-2 font-mono text-lg tracking-widest" data-testid="card-serial">
            {card.serial}
          </p>
          <p className="text-sm text-stone-500">{t("showAtCounter")}</p>
        </div>
      </WebCard>
      {!vraag && survey}
      <section className="space-y-2" aria-labelledby="wallet-heading">
        <h2 id="wallet-heading" className="sr-only">
          {t("wallets")}
        </h2>
        {apple.state !== "unavailable" && (
          // A plain link: Safari hands the .pkpass to Wallet; other browsers download it.
          <a
            href={`/api/cards/${token}/apple-pass`}
            className="flex min-h-12 w-full items-center justify-center gap-2 rounded-xl bg-black px-4 font-medium text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
            data-testid="add-apple"
            aria-describedby={devNote ? "apple-dev" : undefined}
          >
            {t("addApple")}
          </a>
        )}
        {devNote && (
          <p id="apple-dev" className="text-center text-xs text-stone-500">
            {t("appleDevCertificates")}
          </p>
        )}
        {google.configured ? (
          <a
            href={`/api/cards/${token}/google-pass`}
            className="flex min-h-12 w-full items-center justify-center rounded-full bg-[#1f1f1f] px-4 font-medium text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-black"
            data-testid="add-google"
          >
            {t("addGoogle")}
          </a>
        ) : (
          <AddToHomeScreen />
        )}
      </section>
      {shareUrl && shareQr && (
        <ShareBlock
          url={shareUrl}
          qr={shareQr}
          merchant={card.organization.name}
          mine={card.program.referralBonusStamps}
          friend={card.program.referralFriendBonusStamps}
        />
      )}
      <SaveLink url={`${appUrl()}/c/${token}`} merchant={card.organization.name} />
      <section className="rounded-2xl bg-white p-4" aria-labelledby="history-heading">
        <h2 id="history-heading" className="font-semibold">
          {t("history")}
        </h2>
        <ul className="mt-2 divide-y divide-stone-100 text-sm" data-testid="card-history">
          {card.events.map((e) => (
            <li key={e.id} className="flex justify-between py-2">
              <span>{t(`event.${e.type}`, { amount: e.amount })}</span>
              <time dateTime={e.createdAt.toISOString()} className="text-stone-500">
                {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      </section>
      <footer className="space-y-2 text-center text-sm">
        {card.program.terms && (
          <details className="rounded-lg bg-white p-3 text-left text-stone-600">
            <summary className="cursor-pointer font-medium">{t("terms")}</summary>
            <p className="mt-2 whitespace-pre-line">{card.program.terms}</p>
          </details>
        )}
        <Link href={`/c/${token}/privacy`} className="inline-block min-h-11 py-3 text-amber-800 underline">
          {t("privacyLink")}
        </Link>
        {(org.addressLine || org.city || org.contactPhone || org.contactEmail || org.website) && (
          <address className="not-italic text-stone-600" data-testid="business-contact">
            <span className="font-medium">{org.name}</span>
            {(org.addressLine || org.city) && (
              <span className="block">{[org.addressLine, [org.postalCode, org.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}</span>
            )}
            {org.contactPhone && (
              <a href={`tel:${org.contactPhone.replace(/[^+\d]/g, "")}`} className="block text-amber-800 underline">
                {org.contactPhone}
              </a>
            )}
            {org.contactEmail && (
              <a href={`mailto:${org.contactEmail}`} className="block text-amber-800 underline">
                {org.contactEmail}
              </a>
            )}
            {org.website && (
              <a href={org.website} rel="noopener noreferrer" className="block text-amber-800 underline">
                {org.website.replace(/^https?:\/\//, "")}
              </a>
            )}
          </address>
        )}
        {card.organization.privacyContactEmail && (
          <p className="text-stone-600" data-testid="privacy-contact">
            {tLegal("privacyContact", { merchant: card.organization.name })}{" "}
            <a href={`mailto:${card.organization.privacyContactEmail}`} className="text-amber-800 underline">
              {card.organization.privacyContactEmail}
            </a>
          </p>
        )}
      </footer>
    </main>
  );
}
