// What a pass shows, field by field, in neutral terms: header, primary,
// secondary, auxiliary and back fields, the barcode, colours and images. The
// Apple pass.json (apple/build-pass.ts), the Google LoyaltyObject
// (google/objects.ts) and the designer's previews (components/cards/
// pass-previews.tsx) are all drawn from this one description, so a preview
// cannot show something the real pass does not (tests/unit/pass-preview.test.ts).
// Pure: runs in the browser as well as on the server.
import type { PassCard } from "./pass-source";
import { languages, passTexts, type PassLanguage } from "./pass-texts";

export type PassField = { key: string; label: string; value: string | number; changeMessage?: string };

export type PassView = {
  language: PassLanguage;
  organizationName: string;
  programName: string;
  description: string;
  /** Apple shows the merchant's name in place of a logo when none was uploaded. */
  logoText: string | undefined;
  colors: { background: string; foreground: string; label: string };
  logoKey: string | null;
  iconKey: string | null;
  /** The stamp strip (Apple's strip image, Google's hero image), rendered by /api/strip. */
  strip: { stampsRequired: number; filled: number; backgroundColor: string; labelColor: string; stampIcon: string };
  header: PassField[];
  primary: PassField[];
  secondary: PassField[];
  auxiliary: PassField[];
  back: PassField[];
  barcode: { format: "QR"; message: string; altText: string };
};

export function passView(card: PassCard, appBase: string, language: PassLanguage = languages(card)[0]): PassView {
  const t = passTexts(card, language);
  const p = card.program;
  const shops = card.locations.map((l) => [l.name, [l.address, l.city].filter(Boolean).join(", ")].filter(Boolean).join(" — ")).join("\n");
  // Wallet shows one change message per update, and only when a single field with one changed:
  // while a reward waits, only the reward field carries one ("Je Gratis koekje staat klaar").
  const b = card.business;
  const business = b ? [b.address, b.phone, b.email, b.website].filter(Boolean).join("\n") : "";
  const reward: PassField = t.ready
    ? { key: "reward", label: t.readyLabel, value: t.ready, changeMessage: t.readyChange }
    : { key: "reward", label: t.rewardLabel, value: t.reward };
  const view: PassView = {
    language,
    organizationName: card.merchantName,
    programName: p.name,
    description: t.description,
    logoText: p.logoKey ? undefined : card.merchantName,
    colors: { background: p.backgroundColor, foreground: p.foregroundColor, label: p.labelColor },
    logoKey: p.logoKey,
    iconKey: p.iconKey,
    strip: {
      stampsRequired: p.stampsRequired,
      filled: Math.max(0, Math.min(card.stampCount, p.stampsRequired)),
      backgroundColor: p.backgroundColor,
      labelColor: p.labelColor,
      stampIcon: p.stampIcon,
    },
    header: [{ key: "rewards", label: t.rewardsLabel, value: card.rewardsAvailable + card.intermediateAvailable }],
    primary: [
      {
        key: "stamps",
        label: t.stampsLabel,
        value: `${card.stampCount} / ${p.stampsRequired}`,
        ...(t.ready ? {} : { changeMessage: t.stampsChange }),
      },
    ],
    secondary: [reward, ...(t.intermediate ? [{ key: "intermediate", label: t.intermediateLabel, value: t.intermediate }] : [])],
    auxiliary: card.customerName ? [{ key: "name", label: t.nameLabel, value: card.customerName }] : [],
    back: [
      // A new message changes this field's value: "%@" puts it on the lock screen.
      ...(card.message ? [{ key: "message", label: card.message.header, value: card.message.body, changeMessage: "%@" }] : []),
      // Its link in a field of its own, so the lock screen shows only the text.
      ...(card.message?.link ? [{ key: "messageLink", label: t.messageLinkLabel, value: card.message.link }] : []),
      // Bring a friend (lib/referrals): the card's personal share link, while the program has referrals on.
      ...(card.referralPath ? [{ key: "referral", label: t.referralLabel, value: `${appBase}${card.referralPath}` }] : []),
      // The program asks customers a question (lib/surveys): this opens it on the web card, near the top.
      ...(p.surveyOn ? [{ key: "survey", label: t.surveyLabel, value: `${appBase}/c/${card.webToken}?vraag=1` }] : []),
      // While a reward waits, the front names it; what the card saves for moves here.
      ...(t.ready ? [{ key: "rewardInfo", label: t.rewardLabel, value: t.reward }] : []),
      ...(p.terms ? [{ key: "terms", label: t.termsLabel, value: p.terms }] : []),
      ...(shops ? [{ key: "shops", label: t.contactLabel, value: `${card.merchantName}\n${shops}` }] : []),
      // The shop's business profile (Instellingen → Bedrijf): address, phone, email, website.
      ...(business ? [{ key: "business", label: t.businessLabel, value: business }] : []),
      { key: "webcard", label: t.webCardLabel, value: `${appBase}/c/${card.webToken}` },
      { key: "privacy", label: t.privacyLabel, value: `${appBase}/c/${card.webToken}/privacy` },
    ],
    barcode: { format: "QR", message: card.serial, altText: card.serial },
  };
  // The shop deleted its account (lib/organizations/deletion.ts): the card has stopped, nothing else is shown.
  if (card.closed)
    return {
      ...view,
      header: [],
      primary: [{ key: "closed", label: t.closedLabel, value: t.closed, changeMessage: "%@" }],
      secondary: [],
      auxiliary: [],
      back: [{ key: "closed", label: t.closed, value: t.closedBack }],
    };
  return view;
}

/** Where Google Wallet puts the same fields: its loyalty card front, the details, the links. */
export function googleLayout(view: PassView) {
  const back = (...keys: string[]) => view.back.filter((f) => keys.includes(f.key));
  return {
    issuerName: view.organizationName,
    programName: view.programName,
    accountName: String(view.auxiliary.find((f) => f.key === "name")?.value ?? view.barcode.message),
    /** loyaltyPoints: the stamps. */
    points: view.primary[0],
    /** secondaryLoyaltyPoints: the reward waiting, or the reward the card saves for. */
    secondaryPoints: view.secondary[0],
    /** textModulesData (the pass's details). */
    modules: [...view.secondary.slice(1), ...back("rewardInfo", "terms", "shops", "business", "closed")],
    /** linksModuleData. */
    links: back("referral", "survey", "webcard", "privacy"),
  };
}

export type GoogleLayout = ReturnType<typeof googleLayout>;
