// A card as an Apple Wallet store card (.pkpass), built with passkit-generator:
// pass.json from the program's design and the card's state, the images from
// the in-memory cache, signed with the configured chain. Texts are in the
// merchant's language in pass.json, with nl/en translations in *.lproj.
import { PKPass } from "passkit-generator";
import type { PassCard } from "@/lib/wallet/pass-source";
import { languages, passTexts } from "@/lib/wallet/pass-texts";
import type { AppleConfig } from "./config";
import { installFastSigning } from "./fast-signing";
import { passImages } from "./pass-images";
import { zipStored } from "./zip";

installFastSigning();

export function rgb(hex: string): string {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const n = Number.parseInt(full, 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** pass.json's props and fields for `card` (pure: tested without signing). */
export function passContent(card: PassCard, config: Pick<AppleConfig, "passTypeIdentifier" | "teamIdentifier" | "webServiceURL">, appBase: string) {
  const [lang] = languages(card);
  const main = passTexts(card, lang);
  const p = card.program;
  const shops = card.locations.map((l) => [l.name, [l.address, l.city].filter(Boolean).join(", ")].filter(Boolean).join(" — ")).join("\n");
  const props = {
    formatVersion: 1,
    passTypeIdentifier: config.passTypeIdentifier,
    teamIdentifier: config.teamIdentifier,
    serialNumber: card.serial,
    organizationName: card.merchantName,
    description: main.description,
    logoText: p.logoKey ? undefined : card.merchantName,
    backgroundColor: rgb(p.backgroundColor),
    foregroundColor: rgb(p.foregroundColor),
    labelColor: rgb(p.labelColor),
    webServiceURL: config.webServiceURL,
    authenticationToken: card.authToken,
    sharingProhibited: true,
  };
  const fields = {
    headerFields: [{ key: "rewards", label: main.rewardsLabel, value: card.rewardsAvailable + card.intermediateAvailable, changeMessage: main.rewardsChange }],
    primaryFields: [{ key: "stamps", label: main.stampsLabel, value: `${card.stampCount} / ${p.stampsRequired}`, changeMessage: main.stampsChange }],
    secondaryFields: [
      { key: "reward", label: main.rewardLabel, value: main.reward },
      ...(main.intermediate ? [{ key: "intermediate", label: main.intermediateLabel, value: main.intermediate }] : []),
    ],
    auxiliaryFields: card.customerName ? [{ key: "name", label: main.nameLabel, value: card.customerName }] : [],
    backFields: [
      // A new message changes this field's value: "%@" puts it on the lock screen.
      ...(card.message ? [{ key: "message", label: card.message.header, value: card.message.body, changeMessage: "%@" }] : []),
      ...(p.terms ? [{ key: "terms", label: main.termsLabel, value: p.terms }] : []),
      ...(shops ? [{ key: "shops", label: main.contactLabel, value: `${card.merchantName}\n${shops}` }] : []),
      { key: "webcard", label: main.webCardLabel, value: `${appBase}/c/${card.webToken}` },
      { key: "privacy", label: main.privacyLabel, value: `${appBase}/c/${card.webToken}/privacy` },
    ],
  };
  const barcode = { format: "PKBarcodeFormatQR" as const, message: card.serial, messageEncoding: "iso-8859-1", altText: card.serial };
  const locations = card.locations
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .slice(0, 10)
    .map((l) => ({ latitude: l.latitude!, longitude: l.longitude!, relevantText: main.nearby }));
  // nl and en .lproj files: keyed by the texts pass.json carries.
  const translations = Object.fromEntries(
    (["nl", "en"] as const).map((to) => {
      const other = passTexts(card, to);
      const strings: Record<string, string> = {};
      for (const [k, v] of Object.entries(main)) if (v && other[k as keyof typeof other]) strings[v] = other[k as keyof typeof other]!;
      return [to, strings];
    }),
  ) as Record<"nl" | "en", Record<string, string>>;
  return { props, fields, barcode, locations, translations };
}

/** The signed .pkpass for `card`. */
export async function buildPass(card: PassCard, config: AppleConfig, appBase: string): Promise<Buffer> {
  const { props, fields, barcode, locations, translations } = passContent(card, config, appBase);
  const images = await passImages(card.program, card.stampCount);
  const pass = new PKPass(images, config.certificates, Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)));
  pass.type = "storeCard";
  pass.headerFields.push(...fields.headerFields);
  pass.primaryFields.push(...fields.primaryFields);
  pass.secondaryFields.push(...fields.secondaryFields);
  pass.auxiliaryFields.push(...fields.auxiliaryFields);
  pass.backFields.push(...fields.backFields);
  pass.setBarcodes(barcode);
  if (locations.length) pass.setLocations(...locations);
  for (const [lang, strings] of Object.entries(translations)) pass.localize(lang, strings);
  // Signed by the library; zipped here (its own zipper is the slow part).
  return zipStored(pass.getAsRaw() as Record<string, Buffer>);
}
