// A program as a Google Wallet LoyaltyClass and a card as a LoyaltyObject.
// Pure functions of the pass source; images are our public URLs (Google
// fetches them, so they must be reachable over https in production).
import { imageUrl } from "@/lib/images/process-upload";
import { stripUrl } from "@/lib/images/strip-url";
import type { PassCard } from "@/lib/wallet/pass-source";
import { languages, passTexts, type PassTexts } from "@/lib/wallet/pass-texts";
import type { GoogleConfig } from "./config";

/** Ids are `<issuerId>.<suffix>`, suffix of [A-Za-z0-9._-]. */
export const classId = (config: Pick<GoogleConfig, "issuerId">, programId: string) => `${config.issuerId}.program-${programId}`;
export const objectId = (config: Pick<GoogleConfig, "issuerId">, serial: string) => `${config.issuerId}.card-${serial}`;

const LANGUAGE_TAG = { nl: "nl-NL", en: "en-US" } as const;

/** A localized string: the merchant's language first, the other as translation. */
function localized(card: PassCard, pick: (t: PassTexts) => string) {
  const [first, second] = languages(card);
  return {
    defaultValue: { language: LANGUAGE_TAG[first], value: pick(passTexts(card, first)) },
    translatedValues: [{ language: LANGUAGE_TAG[second], value: pick(passTexts(card, second)) }],
  };
}

const plain = (card: PassCard, value: string) => ({ defaultValue: { language: LANGUAGE_TAG[languages(card)[0]], value } });

export function loyaltyClass(card: PassCard, programId: string, config: GoogleConfig, appBase: string) {
  const p = card.program;
  const logo = p.logoKey
    ? `${appBase}${imageUrl(p.logoKey, 3)}`
    : `${appBase}/api/wallet/logo?${new URLSearchParams({ bg: p.backgroundColor.slice(1), fg: p.labelColor.slice(1) })}`;
  return {
    id: classId(config, programId),
    issuerName: card.merchantName,
    programName: p.name,
    localizedIssuerName: plain(card, card.merchantName),
    localizedProgramName: plain(card, p.name),
    programLogo: { sourceUri: { uri: logo }, contentDescription: plain(card, card.merchantName) },
    hexBackgroundColor: p.backgroundColor,
    countryCode: "NL",
    reviewStatus: "UNDER_REVIEW",
    multipleDevicesAndHoldersAllowedStatus: "ONE_USER_ALL_DEVICES",
    locations: card.locations
      .filter((l) => l.latitude !== null && l.longitude !== null)
      .slice(0, 10)
      .map((l) => ({ latitude: l.latitude, longitude: l.longitude })),
  };
}

export function loyaltyObject(card: PassCard, programId: string, config: GoogleConfig, appBase: string) {
  const p = card.program;
  const t = passTexts(card, languages(card)[0]);
  return {
    id: objectId(config, card.serial),
    classId: classId(config, programId),
    state: "ACTIVE",
    accountId: card.serial,
    accountName: card.customerName ?? card.serial,
    loyaltyPoints: {
      label: t.stampsLabel,
      localizedLabel: localized(card, (x) => x.stampsLabel),
      balance: { string: `${card.stampCount} / ${p.stampsRequired}` },
    },
    secondaryLoyaltyPoints: {
      label: t.rewardsLabel,
      localizedLabel: localized(card, (x) => x.rewardsLabel),
      balance: { int: card.rewardsAvailable + card.intermediateAvailable },
    },
    barcode: { type: "QR_CODE", value: card.serial, alternateText: card.serial },
    heroImage: { sourceUri: { uri: `${appBase}${stripUrl(p, card.stampCount, 3)}` }, contentDescription: localized(card, (x) => x.stampsLabel) },
    textModulesData: [
      {
        id: "reward",
        header: t.rewardLabel,
        body: t.reward,
        localizedHeader: localized(card, (x) => x.rewardLabel),
        localizedBody: localized(card, (x) => x.reward),
      },
      ...(t.intermediate
        ? [
            {
              id: "intermediate",
              header: t.intermediateLabel,
              body: t.intermediate,
              localizedHeader: localized(card, (x) => x.intermediateLabel),
              localizedBody: localized(card, (x) => x.intermediate ?? ""),
            },
          ]
        : []),
      ...(p.terms ? [{ id: "terms", header: t.termsLabel, body: p.terms, localizedHeader: localized(card, (x) => x.termsLabel) }] : []),
    ],
    linksModuleData: {
      uris: [
        { id: "webcard", uri: `${appBase}/c/${card.webToken}`, description: t.webCardLabel, localizedDescription: localized(card, (x) => x.webCardLabel) },
        {
          id: "privacy",
          uri: `${appBase}/c/${card.webToken}/privacy`,
          description: t.privacyLabel,
          localizedDescription: localized(card, (x) => x.privacyLabel),
        },
      ],
    },
  };
}
