// The customer's own view of their card, reached only by the secret web token
// in their card URL. The token is the customer's credential, so these reads
// and the privacy actions below are keyed by it and nothing else.
import { cardByWebToken } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";

const TOKEN = /^[A-Za-z0-9_-]{20,80}$/;

export async function getCustomerCard(webToken: string) {
  if (!TOKEN.test(webToken)) return null;
  const found = await cardByWebToken(webToken);
  if (!found) return null;
  return tenantDb(found).card.findFirst({
    where: { id: found.cardId, webToken, erasedAt: null },
    select: {
      id: true,
      organizationId: true,
      serial: true,
      webToken: true,
      stampCount: true,
      rewardsAvailable: true,
      intermediateAvailable: true,
      createdAt: true,
      programId: true,
      // The personal share link (lib/referrals/links.ts), shown while the program has referrals on.
      referralCode: true,
      customer: {
        select: {
          id: true,
          name: true,
          email: true,
          phone: true,
          birthday: true,
          marketingConsent: true,
          marketingConsentAt: true,
          termsAcceptedAt: true,
          source: true,
          createdAt: true,
        },
      },
      organization: {
        select: {
          name: true,
          privacyContactEmail: true,
          // The business profile (Instellingen → Bedrijf) in the footer, and whether the shop closed its card.
          addressLine: true,
          postalCode: true,
          city: true,
          contactEmail: true,
          contactPhone: true,
          website: true,
          deletedAt: true,
        },
      },
      program: {
        select: {
          name: true,
          stampsRequired: true,
          rewardText: true,
          intermediateStamp: true,
          intermediateRewardText: true,
          backgroundColor: true,
          foregroundColor: true,
          labelColor: true,
          stampIcon: true,
          logoKey: true,
          stripKey: true,
          terms: true,
          referralEnabled: true,
          referralBonusStamps: true,
          referralFriendBonusStamps: true,
        },
      },
      // The merchant's newest message (campaigns, automations): on top of the web card as on the passes.
      walletMessages: { orderBy: { createdAt: "desc" }, take: 1, select: { header: true, body: true, link: true } },
      events: { orderBy: { createdAt: "desc" }, take: 30, select: { id: true, type: true, amount: true, createdAt: true } },
    },
  });
}

export type CustomerCard = NonNullable<Awaited<ReturnType<typeof getCustomerCard>>>;

/** The card's web page was opened: Card.webOpenedAt, written at most once an hour (the insights' engagement score reads it). */
export async function markWebCardOpened(card: { organizationId: string; id: string }, now = new Date()): Promise<void> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  await tenantDb({ orgId: card.organizationId }).card.updateMany({
    where: { id: card.id, erasedAt: null, OR: [{ webOpenedAt: null }, { webOpenedAt: { lt: hourAgo } }] },
    data: { webOpenedAt: now },
  });
}
