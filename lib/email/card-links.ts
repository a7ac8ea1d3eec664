// The links an email gives a customer to their card. Wallet buttons only for
// the wallets that work, by the same checks as the web card
// (app/(customer)/c/[token]/page.tsx): Apple Wallet unless its configuration is
// broken, Google Wallet once it is configured.
import { appUrl } from "@/lib/env";
import { appleWalletStatus } from "@/lib/wallet/apple/config";
import { googleWalletStatus } from "@/lib/wallet/google/config";

export type CardLinks = { card: string; privacy: string; apple: string | null; google: string | null };

/** The web card: the customer's key to their card. */
export const cardUrl = (webToken: string) => `${appUrl()}/c/${webToken}`;

export function cardLinks(webToken: string): CardLinks {
  const card = cardUrl(webToken);
  const api = `${appUrl()}/api/cards/${webToken}`;
  return {
    card,
    privacy: `${card}/privacy`,
    apple: appleWalletStatus().state !== "unavailable" ? `${api}/apple-pass` : null,
    google: googleWalletStatus().configured ? `${api}/google-pass` : null,
  };
}
