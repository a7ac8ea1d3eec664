// What customers and merchants see of a card (issue 12 §1, §5, §10, §13): the
// server pages rendered against a real database — the web card names the reward
// that is ready and offers only what works, the first save of a new card shows
// its confirmation after the redirect, Instellingen shows wallet status in
// merchant words. (Klanten's list page: customer-list-page.test.ts.)
import { randomUUID } from "node:crypto";
import { createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { makeMerchant, newCard, type Merchant } from "./helpers";

// ---- Next's request scope, stood in for: the signed-in member, translations, navigation ----
const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext; organization: unknown; user: unknown } }));
vi.mock("@/lib/auth/session", () => ({
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => session.current,
  currentSession: async () => null,
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
const router = vi.hoisted(() => ({ replace: vi.fn(), refresh: vi.fn(), push: vi.fn() }));
vi.mock("next/navigation", () => ({
  useRouter: () => router,
  usePathname: () => "/",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock("@/app/actions/programs", () => ({
  saveProgramAction: vi.fn(),
  publishProgramAction: vi.fn(),
  archiveProgramAction: vi.fn(),
  duplicateProgramAction: vi.fn(),
  uploadImageAction: vi.fn(),
  sendWalletMessageAction: vi.fn(),
}));

const render = (el: ReactNode) =>
  renderToStaticMarkup(
    // A .ts test has no JSX; the provider's props type wants `children` as a prop.
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: el }),
  );
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
/** The elements with this data-testid, as text. */
const byTestId = (html: string, id: string) =>
  [...html.matchAll(new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, "g"))].map((m) => text(m[2]).trim());

function find(node: ReactNode, type: unknown): ReactElement<Record<string, unknown>> | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const hit = find(n, type);
      if (hit) return hit;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  if (node.type === type) return node as ReactElement<Record<string, unknown>>;
  return find((node.props as { children?: ReactNode }).children, type);
}

let m: Merchant;
const signIn = (role: TenantContext["role"] = "OWNER") => {
  session.current = { ctx: m.ctx(role), organization: m.org, user: m.owner };
};

beforeAll(async () => {
  process.env.APP_URL = "https://stempel.example.nl";
  for (const k of ["GOOGLE_WALLET_ISSUER_ID", "GOOGLE_WALLET_SERVICE_ACCOUNT", "GOOGLE_WALLET_API_URL", "GOOGLE_WALLET_TOKEN_URL"]) delete process.env[k];
  m = await makeMerchant("Koffiebar Zicht", { customers: 0 });
});

async function webCard(token: string) {
  const { GET } = await import("@/app/(customer)/c/[token]/route");
  return (await GET(new Request(`https://stempel.example.nl/c/${token}`), { params: Promise.resolve({ token }) })).text();
}

async function cardWith(name: string, counters: { stampCount: number; rewardsAvailable: number; intermediateAvailable: number }) {
  const card = await newCard(m, name);
  await db().card.update({ where: { id: card.id }, data: counters });
  return card;
}

describe("the web card (§1, §10, §13)", () => {
  it("says which reward is ready, by name, and how far the next one is", async () => {
    const card = await cardWith("Eva", { stampCount: 5, rewardsAvailable: 0, intermediateAvailable: 1 });
    const html = await webCard(card.webToken);
    expect(byTestId(html, "reward-ready")).toEqual(["🎁 Je Gratis koekje staat klaar — laat deze kaart zien aan de kassa."]);
    expect(byTestId(html, "next-reward")).toEqual(["Nog 5 stempels tot Gratis koffie naar keuze"]);
  });

  it("one banner per reward, with counts; none when nothing waits", async () => {
    const both = await cardWith("Finn", { stampCount: 2, rewardsAvailable: 2, intermediateAvailable: 1 });
    expect(byTestId(await webCard(both.webToken), "reward-ready")).toEqual([
      "🎁 Je hebt 2× Gratis koffie naar keuze klaarstaan — laat deze kaart zien aan de kassa.",
      "🎁 Je Gratis koekje staat klaar — laat deze kaart zien aan de kassa.",
    ]);
    const none = await cardWith("Gijs", { stampCount: 2, rewardsAvailable: 0, intermediateAvailable: 0 });
    const html = await webCard(none.webToken);
    expect(byTestId(html, "reward-ready")).toEqual([]);
    expect(byTestId(html, "next-reward")).toEqual(["Nog 3 stempels tot Gratis koekje"]);
  });

  it("never talks configuration: without Google Wallet it offers 'Zet op je beginscherm', and no test-certificate note outside development", async () => {
    const card = await newCard(m, "Hanna");
    const html = await webCard(card.webToken);
    expect(html).toContain('data-testid="add-apple"');
    expect(html).not.toContain('data-testid="add-google"');
    expect(text(html)).toContain("Zet op je beginscherm");
    expect(text(html)).not.toMatch(/ingesteld|testcertificaat|documentatie/i);
  });

  it("offers Google Wallet once it is configured", async () => {
    const { generateServiceAccount } = await import("@/lib/wallet/google/dev-service-account");
    Object.assign(process.env, {
      GOOGLE_WALLET_ISSUER_ID: "3388000000012345678",
      GOOGLE_WALLET_SERVICE_ACCOUNT: JSON.stringify(generateServiceAccount().json),
    });
    try {
      const html = await webCard((await newCard(m, "Ivo")).webToken);
      expect(html).toContain('data-testid="add-google"');
      expect(html).not.toContain('data-testid="add-home-screen"');
    } finally {
      delete process.env.GOOGLE_WALLET_ISSUER_ID;
      delete process.env.GOOGLE_WALLET_SERVICE_ACCOUNT;
    }
  });

  it("shows 'Bewaar deze link' with the card's own link", async () => {
    const card = await newCard(m, "Jet");
    const html = await webCard(card.webToken);
    expect(byTestId(html, "save-link")[0]).toContain("Bewaar deze link");
    expect(html).toContain(`value="https://stempel.example.nl/c/${card.webToken}"`);
    expect(html).toContain('data-testid="save-link-copy"');
  });
});

describe("the first save of a new card (§5)", () => {
  it("the redirect carries the confirmation to the card's page, which shows 'Opgeslagen.' as a status message", async () => {
    signIn();
    const { firstSaveUrl } = await import("@/components/cards/first-save");
    const { ProgramDesigner } = await import("@/components/cards/program-designer");
    const { default: EditProgramPage } = await import("@/app/(dashboard)/dashboard/cards/[id]/page");
    const url = new URL(firstSaveUrl(m.program.id), "https://stempel.example.nl");
    expect(url.pathname).toBe(`/dashboard/cards/${m.program.id}`);

    const page = await EditProgramPage({ params: Promise.resolve({ id: m.program.id }), searchParams: Promise.resolve(Object.fromEntries(url.searchParams)) });
    const designer = find(page, ProgramDesigner)!;
    expect(designer.props.justSaved).toBe(true);
    const html = render(designer);
    expect(html).toMatch(/<div role="status"[^>]*data-testid="designer-saved"[^>]*>Opgeslagen\.<\/div>/);

    // Opening the card page any other way shows no confirmation.
    const plain = await EditProgramPage({ params: Promise.resolve({ id: m.program.id }), searchParams: Promise.resolve({}) });
    expect(render(find(plain, ProgramDesigner)!)).not.toContain("designer-saved");
  });

  it("the card page no longer shows wallet configuration warnings", async () => {
    signIn();
    const { default: EditProgramPage } = await import("@/app/(dashboard)/dashboard/cards/[id]/page");
    const html = render(await EditProgramPage({ params: Promise.resolve({ id: m.program.id }), searchParams: Promise.resolve({}) }));
    expect(text(html)).not.toMatch(/testcertificaat|documentatie|nog niet ingesteld/i);
  });
});

describe("Instellingen → Wallets (§10)", () => {
  it("shows Apple Wallet and Google Wallet in merchant words", async () => {
    signIn("STAFF");
    const { default: SettingsPage } = await import("@/app/(dashboard)/dashboard/settings/page");
    let html = render(await SettingsPage());
    expect(byTestId(html, "wallet-apple-state")).toEqual(["Testmodus"]);
    expect(byTestId(html, "wallet-google-state")).toEqual(["Niet beschikbaar"]);
    expect(text(html)).toContain("je hoeft zelf niets in te stellen");

    const { generateServiceAccount } = await import("@/lib/wallet/google/dev-service-account");
    Object.assign(process.env, {
      GOOGLE_WALLET_ISSUER_ID: "3388000000012345678",
      GOOGLE_WALLET_SERVICE_ACCOUNT: JSON.stringify(generateServiceAccount().json),
    });
    try {
      html = render(await SettingsPage());
      expect(byTestId(html, "wallet-google-state")).toEqual(["Actief"]);
      process.env.GOOGLE_WALLET_API_URL = "http://127.0.0.1:9/walletobjects/v1";
      expect(byTestId(render(await SettingsPage()), "wallet-google-state")).toEqual(["Testmodus"]);
    } finally {
      for (const k of ["GOOGLE_WALLET_ISSUER_ID", "GOOGLE_WALLET_SERVICE_ACCOUNT", "GOOGLE_WALLET_API_URL"]) delete process.env[k];
    }
    // A broken Apple configuration takes the button away instead of failing the page.
    process.env.APPLE_SIGNER_CERT = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----";
    try {
      expect(byTestId(render(await SettingsPage()), "wallet-apple-state")).toEqual(["Niet beschikbaar"]);
      expect(await webCard((await newCard(m, `Lisa ${randomUUID().slice(0, 4)}`)).webToken)).not.toContain('data-testid="add-apple"');
    } finally {
      delete process.env.APPLE_SIGNER_CERT;
    }
  });
});
