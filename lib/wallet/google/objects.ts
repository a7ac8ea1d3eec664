// A program as a Google Wallet LoyaltyClass and a card as a LoyaltyObject.
// Pure functions of the pass source; images are our public URLs (Google
// fetches them, so they must be reachable over https in production).
import { imageUrl } from "@/lib/images/process-upload";
import { stripUrl } from "@/lib/images/strip-url";
import type { PassCard } from "@/lib/wallet/pass-source";
import { languages } from "@/lib/wallet/pass-texts";
import { googleLayout, passView, type PassField } from "@/lib/wallet/pass-view";
import type { GoogleConfig } from "./config";

/** Ids are `<issuerId>.<suffix>`, suffix of [A-Za-z0-9._-]. */
export const classId = (config: Pick<GoogleConfig, "issuerId">, programId: string) => `${config.issuerId}.program-${programId}`;
export const objectId = (config: Pick<GoogleConfig, "issuerId">, serial: string) => `${config.issuerId}.card-${serial}`;

const LANGUAGE_TAG = { nl: "nl-NL", en: "en-US" } as const;

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
  const [first, second] = languages(card);
  const main = passView(card, appBase, first);
  const other = passView(card, appBase, second);
  const g = googleLayout(main);
  const o = googleLayout(other);
  /** The same field in both languages, as Google's localized string. */
  const both = (a: PassField, b: PassField | undefined, part: "label" | "value") => ({
    defaultValue: { language: LANGUAGE_TAG[first], value: String(a[part]) },
    translatedValues: [{ language: LANGUAGE_TAG[second], value: String((b ?? a)[part]) }],
  });
  const same = (list: PassField[], f: PassField) => list.find((x) => x.key === f.key);
  return {
    id: objectId(config, card.serial),
    classId: classId(config, programId),
    // A closed shop's card (lib/organizations/deletion.ts) is no longer in use: Google shows it as expired.
    state: card.closed ? "INACTIVE" : "ACTIVE",
    accountId: main.barcode.message,
    accountName: g.accountName,
    loyaltyPoints: {
      label: g.points.label,
      localizedLabel: both(g.points, o.points, "label"),
      balance: { string: String(g.points.value) },
    },
    ...(g.secondaryPoints && {
      secondaryLoyaltyPoints: {
        label: g.secondaryPoints.label,
        localizedLabel: both(g.secondaryPoints, o.secondaryPoints, "label"),
        balance: { string: String(g.secondaryPoints.value) },
      },
    }),
    barcode: { type: "QR_CODE", value: main.barcode.message, alternateText: main.barcode.altText },
    heroImage: { sourceUri: { uri: `${appBase}${stripUrl(main.strip, main.strip.filled, 3)}` }, contentDescription: both(g.points, o.points, "label") },
    textModulesData: g.modules.map((f) => ({
      id: f.key,
      header: f.label,
      body: String(f.value),
      localizedHeader: both(f, same(o.modules, f), "label"),
      localizedBody: both(f, same(o.modules, f), "value"),
    })),
    linksModuleData: {
      uris: g.links.map((f) => ({
        id: f.key,
        uri: String(f.value),
        description: f.label,
        localizedDescription: both(f, same(o.links, f), "label"),
      })),
    },
  };
}
