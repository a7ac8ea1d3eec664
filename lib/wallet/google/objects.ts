// A program as a Google Wallet LoyaltyClass and a card as a LoyaltyObject.
// Pure functions of the pass source; images are our public URLs (Google
// fetches them, so they must be reachable over https in production).
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { imageUrl } from "@/lib/images/process-upload";
import { stripUrl } from "@/lib/images/strip-url";
import type { PassCard } from "@/lib/wallet/pass-source";
import type { GoogleConfig } from "./config";

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));

/** Ids are `<issuerId>.<suffix>`, suffix of [A-Za-z0-9._-]. */
export const classId = (config: Pick<GoogleConfig, "issuerId">, programId: string) => `${config.issuerId}.program-${programId}`;
export const objectId = (config: Pick<GoogleConfig, "issuerId">, serial: string) => `${config.issuerId}.card-${serial}`;

/** A localized string: the merchant's language first, the other as translation. */
function localized(card: Pick<PassCard, "locale">, pick: (t: typeof nl.pass) => string) {
  const [first, second] = card.locale === "en" ? [["en-US", en.pass], ["nl-NL", nl.pass]] as const : [["nl-NL", nl.pass], ["en-US", en.pass]] as const;
  return { defaultValue: { language: first[0], value: pick(first[1]) }, translatedValues: [{ language: second[0], value: pick(second[1]) }] };
}

const plain = (card: Pick<PassCard, "locale">, value: string) => ({ defaultValue: { language: card.locale === "en" ? "en-US" : "nl-NL", value } });

export function loyaltyClass(card: PassCard, programId: string, config: GoogleConfig, appBase: string) {
  const p = card.program;
  const logo = p.logoKey ? `${appBase}${imageUrl(p.logoKey, 3)}` : `${appBase}/api/wallet/logo?${new URLSearchParams({ bg: p.backgroundColor.slice(1), fg: p.labelColor.slice(1) })}`;
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
    locations: card.locations.filter((l) => l.latitude !== null && l.longitude !== null).slice(0, 10).map((l) => ({ latitude: l.latitude, longitude: l.longitude })),
  };
}

export function loyaltyObject(card: PassCard, programId: string, config: GoogleConfig, appBase: string) {
  const p = card.program;
  const t = card.locale === "en" ? en.pass : nl.pass;
  const rewardAt = (texts: typeof nl.pass, at: number, reward: string) => fill(texts.rewardValue, { at, reward });
  return {
    id: objectId(config, card.serial),
    classId: classId(config, programId),
    state: "ACTIVE",
    accountId: card.serial,
    accountName: card.customerName ?? card.serial,
    loyaltyPoints: { label: t.stampsLabel, localizedLabel: localized(card, (x) => x.stampsLabel), balance: { string: `${card.stampCount} / ${p.stampsRequired}` } },
    secondaryLoyaltyPoints: {
      label: t.rewardsLabel,
      localizedLabel: localized(card, (x) => x.rewardsLabel),
      balance: { int: card.rewardsAvailable + card.intermediateAvailable },
    },
    barcode: { type: "QR_CODE", value: card.serial, alternateText: card.serial },
    heroImage: { sourceUri: { uri: `${appBase}${stripUrl(p, card.stampCount, 3)}` }, contentDescription: localized(card, (x) => x.stampsLabel) },
    textModulesData: [
      { id: "reward", header: t.rewardLabel, body: rewardAt(t, p.stampsRequired, p.rewardText), localizedHeader: localized(card, (x) => x.rewardLabel), localizedBody: localized(card, (x) => rewardAt(x, p.stampsRequired, p.rewardText)) },
      ...(p.intermediateStamp && p.intermediateRewardText
        ? [{ id: "intermediate", header: t.intermediateLabel, body: rewardAt(t, p.intermediateStamp, p.intermediateRewardText), localizedHeader: localized(card, (x) => x.intermediateLabel), localizedBody: localized(card, (x) => rewardAt(x, p.intermediateStamp!, p.intermediateRewardText!)) }]
        : []),
      ...(p.terms ? [{ id: "terms", header: t.termsLabel, body: p.terms, localizedHeader: localized(card, (x) => x.termsLabel) }] : []),
    ],
    linksModuleData: {
      uris: [
        { id: "webcard", uri: `${appBase}/c/${card.webToken}`, description: t.webCardLabel, localizedDescription: localized(card, (x) => x.webCardLabel) },
        { id: "privacy", uri: `${appBase}/c/${card.webToken}/privacy`, description: t.privacyLabel, localizedDescription: localized(card, (x) => x.privacyLabel) },
      ],
    },
  };
}
