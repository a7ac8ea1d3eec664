// A card as an Apple Wallet store card (.pkpass), built with passkit-generator:
// pass.json from the program's design and the card's state, the images from
// the in-memory cache, signed with the configured chain. Texts are in the
// merchant's language in pass.json, with nl/en translations in *.lproj.
import { PKPass } from "passkit-generator";
import type { PassCard } from "@/lib/wallet/pass-source";
import { languages, passTexts } from "@/lib/wallet/pass-texts";
import { passView } from "@/lib/wallet/pass-view";
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

/** pass.json's props and fields for `card` (pure: tested without signing), drawn from the neutral pass view. */
export function passContent(card: PassCard, config: Pick<AppleConfig, "passTypeIdentifier" | "teamIdentifier" | "webServiceURL">, appBase: string) {
  const [lang] = languages(card);
  const view = passView(card, appBase, lang);
  const main = passTexts(card, lang);
  const props = {
    formatVersion: 1,
    passTypeIdentifier: config.passTypeIdentifier,
    teamIdentifier: config.teamIdentifier,
    serialNumber: card.serial,
    organizationName: view.organizationName,
    description: view.description,
    logoText: view.logoText,
    backgroundColor: rgb(view.colors.background),
    foregroundColor: rgb(view.colors.foreground),
    labelColor: rgb(view.colors.label),
    webServiceURL: config.webServiceURL,
    authenticationToken: card.authToken,
    sharingProhibited: true,
    // A closed shop's card (lib/organizations/deletion.ts): Wallet shows it as void.
    ...(card.closed ? { voided: true } : {}),
  };
  const fields = {
    headerFields: view.header,
    primaryFields: view.primary,
    secondaryFields: view.secondary,
    auxiliaryFields: view.auxiliary,
    backFields: view.back,
  };
  const barcode = { format: "PKBarcodeFormatQR" as const, message: view.barcode.message, messageEncoding: "iso-8859-1", altText: view.barcode.altText };
  const locations = card.locations
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .slice(0, 10)
    .map((l) => ({ latitude: l.latitude!, longitude: l.longitude!, relevantText: main.nearby }));
  // nl and en .lproj files: each text pass.json carries, keyed by itself, in the other language.
  const translations = Object.fromEntries(
    (["nl", "en"] as const).map((to) => {
      const other = passView(card, appBase, to);
      const strings: Record<string, string> = {};
      const add = (from: unknown, into: unknown) => {
        if (typeof from === "string" && typeof into === "string" && from) strings[from] = into;
      };
      add(view.description, other.description);
      add(main.nearby, passTexts(card, to).nearby);
      for (const area of ["header", "primary", "secondary", "auxiliary", "back"] as const) {
        view[area].forEach((f, i) => {
          const g = other[area][i];
          add(f.label, g.label);
          add(f.value, g.value);
          add(f.changeMessage, g.changeMessage);
        });
      }
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
