// The customer's web card, served as plain HTML (lib/cards/web-card-page.ts):
// the QR to scan, the stamps, the wallet buttons, the question of the day, the
// share and save links, the history. Everything comes from the Request itself.
import { designOf } from "@/components/cards/customer-card-view";
import { getCustomerCard, markWebCardOpened } from "@/lib/cards/customer-card";
import { closedCardPage, webCardPage } from "@/lib/cards/web-card-page";
import { mergedInto } from "@/lib/customers/merge";
import { qrSvg } from "@/lib/enrollment/qr";
import { appUrl } from "@/lib/env";
import { requestCookie } from "@/lib/http/cookies";
import { notFoundHtml, requestTranslator } from "@/lib/http/html-request";
import { referralUrl } from "@/lib/referrals/links";
import { NONCE_HEADER } from "@/lib/security/headers";
import { LATER_COOKIE } from "@/lib/surveys/later";
import { webCardSurvey } from "@/lib/surveys/web-card-survey";
import { appleWalletStatus } from "@/lib/wallet/apple/config";
import { googleWalletStatus } from "@/lib/wallet/google/config";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(req.url);
  const { locale, t } = requestTranslator(req);
  const nonce = req.headers.get(NONCE_HEADER) ?? "";
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
  const card = await getCustomerCard(token);
  if (!card) return new Response(notFoundHtml(locale, t, "card.notFound"), { status: 404, headers });
  const org = card.organization;
  if (org.deletedAt) return new Response(closedCardPage(t, locale, org.name, nonce), { headers });
  // Opening the card counts for the engagement score (Card.webOpenedAt, at most once an hour).
  await markWebCardOpened(card);
  const vraag = url.searchParams.get("vraag");
  // Merged into her other card by the merchant: say so, and point there.
  const merged = await mergedInto(card.organizationId, card.id);
  const apple = appleWalletStatus();
  // Bring a friend (lib/referrals): their personal link and its QR, while the program has referrals on.
  const shareUrl = card.program.referralEnabled && !merged ? referralUrl(card) : null;
  const page = webCardPage(
    t,
    locale,
    {
      token,
      serial: card.serial,
      customerName: card.customer.name,
      design: designOf(card),
      counters: card,
      // The QR carries only the card's opaque serial, never personal data.
      qr: await qrSvg(card.serial),
      welcome: url.searchParams.has("welcome"),
      surveyOnTop: !!vraag,
      survey: await webCardSurvey(card, vraag, requestCookie(req, LATER_COOKIE)),
      message: card.walletMessages[0] ?? null,
      merged: merged && { serial: merged.serial, webToken: merged.webToken },
      // Customers only see what works: no configuration talk (the merchant sees it under Instellingen).
      apple: { shown: apple.state !== "unavailable", devNote: apple.development && process.env.NODE_ENV === "development" },
      google: googleWalletStatus().configured,
      share: shareUrl
        ? { url: shareUrl, qr: await qrSvg(shareUrl), mine: card.program.referralBonusStamps, friend: card.program.referralFriendBonusStamps }
        : null,
      cardUrl: `${appUrl()}/c/${token}`,
      events: card.events,
      terms: card.program.terms,
      business: {
        name: org.name,
        address: [org.addressLine, [org.postalCode, org.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") || null,
        phone: org.contactPhone,
        email: org.contactEmail,
        website: org.website,
      },
      privacyContactEmail: org.privacyContactEmail,
    },
    nonce,
  );
  return new Response(page, { headers });
}
