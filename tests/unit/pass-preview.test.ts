// Issue 12 §6: the designer's previews are drawn from the same pass view the real
// passes are built from, so they cannot drift: the fields of pass.json and of the
// Google LoyaltyObject equal the view's, and the preview markup shows exactly those
// fields in each wallet's places, with a real QR code of the same message.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ApplePassPreview, GooglePassPreview } from "@/components/cards/pass-previews";
import { nl } from "@/lib/i18n/messages";
import { passContent } from "@/lib/wallet/apple/build-pass";
import { loyaltyObject } from "@/lib/wallet/google/objects";
import type { PassCard } from "@/lib/wallet/pass-source";
import { googleLayout, passView, type PassField } from "@/lib/wallet/pass-view";

const APP = "https://stempel.example.nl";
const apple = { passTypeIdentifier: "pass.nl.stempel.test", teamIdentifier: "TEAM", webServiceURL: `${APP}/api/apple` };
const google = {
  issuerId: "3388000000012345678",
  serviceAccount: { client_email: "a@b.iam", private_key: "PRIVATE KEY" },
  apiUrl: "",
  tokenUrl: "",
  origins: [],
};

function card(over: Partial<PassCard> = {}): PassCard {
  return {
    serial: "K7QM-2XHD-9P",
    authToken: "secret-token-0123456789",
    webToken: "web-token-0123456789abcd",
    stampCount: 5,
    rewardsAvailable: 0,
    intermediateAvailable: 1,
    customerName: "Sanne de Vries",
    merchantName: "Koffiebar De Hoek",
    locale: "nl",
    program: {
      name: "Koffiekaart",
      rewardText: "Gratis koffie",
      stampsRequired: 10,
      intermediateStamp: 5,
      intermediateRewardText: "Gratis koekje",
      terms: "Eén stempel per consumptie.",
      backgroundColor: "#3b2a20",
      foregroundColor: "#ffffff",
      labelColor: "#f5c26b",
      stampIcon: "coffee",
      logoKey: null,
      iconKey: null,
    },
    locations: [{ name: "De Hoek", address: "Oudegracht 1", city: "Utrecht", latitude: 52.09, longitude: 5.12 }],
    message: { header: "Nieuw", body: "Chai latte" },
    ...over,
  };
}

const render = (el: ReactElement) =>
  // A .ts test has no JSX; the provider's props type wants `children` as a prop.
  // eslint-disable-next-line react/no-children-prop
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, children: el }));
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The preview shows this field, label over value, in this area. */
function shows(html: string, area: string, f: PassField) {
  const pattern = new RegExp(`data-area="${area}" data-field="${re(f.key)}"[^>]*><p[^>]*>${re(esc(f.label))}</p><p[^>]*>${re(esc(String(f.value)))}</p>`);
  expect(html, `${area}/${f.key}`).toMatch(pattern);
}
const fieldsIn = (html: string, area: string) => [...html.matchAll(new RegExp(`data-area="${area}" data-field="([^"]+)"`, "g"))].map((m) => m[1]);

/** Decodes the first QR code of the markup (rasterized with sharp, read with jsQR). */
async function decodeQr(html: string): Promise<string | null> {
  const svg = /<svg[^>]*data-qr="[^"]*"[^>]*>.*?<\/svg>/.exec(html)![0];
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 }).resize(400, 400).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

const states: [string, Partial<PassCard>][] = [
  ["saving", { stampCount: 3, intermediateAvailable: 0 }],
  ["intermediate ready", {}],
  ["both ready, twice the main reward", { stampCount: 0, rewardsAvailable: 2, intermediateAvailable: 1 }],
  ["english merchant, logo, no name", { locale: "en", customerName: null, program: { ...card().program, logoKey: "org/x/logo-1" } }],
];

describe.each(states)("Apple Wallet preview == pass.json (%s)", (_label, over) => {
  const c = card(over);
  const view = passView(c, APP);
  const content = passContent(c, apple, APP);

  it("pass.json's fields, barcode and colours are the view's", () => {
    expect(content.fields).toEqual({
      headerFields: view.header,
      primaryFields: view.primary,
      secondaryFields: view.secondary,
      auxiliaryFields: view.auxiliary,
      backFields: view.back,
    });
    expect(content.barcode).toMatchObject({ format: "PKBarcodeFormatQR", message: view.barcode.message, altText: view.barcode.altText });
    expect(content.props).toMatchObject({ organizationName: view.organizationName, logoText: view.logoText });
  });

  it("the preview shows exactly those fields in Apple's places: header top right, primary over the strip, secondary + auxiliary below", () => {
    const html = render(createElement(ApplePassPreview, { view }));
    for (const area of ["header", "primary", "secondary", "auxiliary", "back"] as const) {
      expect(fieldsIn(html, area)).toEqual(view[area].map((f) => f.key));
      for (const f of view[area]) shows(html, area, f);
    }
    // Header fields sit in the top row, before the strip; primary fields after the strip image.
    const strip = html.indexOf(`src="/api/strip?`);
    expect(html.indexOf('data-area="header"')).toBeLessThan(strip);
    expect(html.indexOf('data-area="primary"')).toBeGreaterThan(strip);
    expect(html).toContain(esc(view.barcode.altText));
    if (view.logoKey) expect(html).toContain(`/api/files/${view.logoKey}@2x.png`);
    else expect(html).toContain(`>${esc(view.logoText!)}<`);
  });

  it("draws a real QR code that scans as the pass's barcode message", async () => {
    expect(await decodeQr(render(createElement(ApplePassPreview, { view })))).toBe(content.barcode.message);
  });
});

describe.each(states)("Google Wallet preview == LoyaltyObject (%s)", (_label, over) => {
  const c = card(over);
  const view = passView(c, APP);
  const g = googleLayout(view);
  const obj = loyaltyObject(c, "prog1", google, APP);

  it("the object's front, details and links are the view's", () => {
    expect(obj.loyaltyPoints).toMatchObject({ label: g.points.label, balance: { string: String(g.points.value) } });
    expect(obj.secondaryLoyaltyPoints).toMatchObject({ label: g.secondaryPoints.label, balance: { string: String(g.secondaryPoints.value) } });
    expect(obj.accountName).toBe(g.accountName);
    expect(obj.barcode).toEqual({ type: "QR_CODE", value: view.barcode.message, alternateText: view.barcode.altText });
    expect(obj.textModulesData.map((m) => [m.id, m.header, m.body])).toEqual(g.modules.map((f) => [f.key, f.label, String(f.value)]));
    expect(obj.linksModuleData.uris.map((u) => [u.id, u.description, u.uri])).toEqual(g.links.map((f) => [f.key, f.label, String(f.value)]));
  });

  it("the preview shows those fields in Google's places, and a QR code of the same value", async () => {
    const html = render(createElement(GooglePassPreview, { view }));
    expect(fieldsIn(html, "google-points")).toEqual([g.points.key, g.secondaryPoints.key]);
    shows(html, "google-points", g.points);
    shows(html, "google-points", g.secondaryPoints);
    expect(fieldsIn(html, "google-details")).toEqual([...g.modules, ...g.links].map((f) => f.key));
    for (const f of [...g.modules, ...g.links]) shows(html, "google-details", f);
    expect(html).toContain(`data-field="programName">${esc(g.programName)}<`);
    expect(html).toContain(`data-field="accountName">${esc(g.accountName)}<`);
    expect(await decodeQr(html)).toBe(obj.barcode.value);
  });
});

describe("rewards ready, by name, on the pass front", () => {
  const field = (c: PassCard, key: string) => passView(c, APP).secondary.find((f) => f.key === key);

  it("names the waiting reward where the customer sees it, with a lock-screen message only on that field", () => {
    const v = passView(card(), APP);
    expect(v.secondary[0]).toEqual({ key: "reward", label: "Staat klaar", value: "Gratis koekje", changeMessage: "Je %@ staat klaar" });
    expect(v.primary[0].changeMessage).toBeUndefined();
    expect([...v.header, ...v.primary, ...v.secondary, ...v.auxiliary].filter((f) => f.changeMessage)).toHaveLength(1);
    expect(v.back.find((f) => f.key === "rewardInfo")?.value).toBe("Bij 10 stempels: Gratis koffie");
  });

  it("counts and joins: both rewards, the main one twice", () => {
    expect(field(card({ stampCount: 0, rewardsAvailable: 2, intermediateAvailable: 1 }), "reward")).toMatchObject({
      value: "2× Gratis koffie en Gratis koekje",
      changeMessage: "Je %@ staan klaar",
    });
    expect(field(card({ locale: "en", rewardsAvailable: 1, intermediateAvailable: 0 }), "reward")).toMatchObject({
      label: "Ready for you",
      value: "Gratis koffie",
      changeMessage: "Your %@ is ready",
    });
  });

  it("without a reward waiting: what the card saves for, and the stamp count carries the change message", () => {
    const v = passView(card({ stampCount: 3, intermediateAvailable: 0 }), APP);
    expect(v.secondary[0]).toEqual({ key: "reward", label: "Beloning", value: "Bij 10 stempels: Gratis koffie" });
    expect(v.primary[0]).toMatchObject({ value: "3 / 10", changeMessage: "Je hebt nu %@ stempels" });
  });

  it("the English .lproj translates the ready field and its lock-screen message", () => {
    const { translations } = passContent(card({ stampCount: 0, rewardsAvailable: 1, intermediateAvailable: 1 }), apple, APP);
    expect(translations.en).toMatchObject({
      "Staat klaar": "Ready for you",
      "Je %@ staan klaar": "Your %@ are ready",
      "Gratis koffie en Gratis koekje": "Gratis koffie and Gratis koekje",
    });
  });
});
