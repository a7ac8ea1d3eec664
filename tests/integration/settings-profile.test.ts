// Instellingen → Bedrijf and Regio & taal: the business profile is validated,
// audited, and reaches the passes (Apple pass.json back fields, Google's
// LoyaltyObject, the web card's footer, the enrollment page) with a new pass
// version and wallet jobs queued in the same transaction.
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { getBusinessProfile, updateBusinessProfile, updateRegion } from "@/lib/organizations/profile";
import { passContent } from "@/lib/wallet/apple/build-pass";
import { loyaltyObject } from "@/lib/wallet/google/objects";
import { passByCardId } from "@/lib/wallet/pass-source";
import { appError, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
const config = { passTypeIdentifier: "pass.nl.stempel.test", teamIdentifier: "TEAM123456", webServiceURL: "https://stempel.test/api/apple" };
const google = { issuerId: "3388000000000000000" } as Parameters<typeof loyaltyObject>[2];
const base = "https://stempel.test";

const PROFILE = {
  name: "Koffiebar Zon",
  legalName: "Zon Koffie B.V.",
  addressLine: "Kerkstraat 12",
  postalCode: "1017gc",
  city: "Amsterdam",
  kvkNumber: "1234 5678",
  vatNumber: "nl 123456789 b01",
  contactEmail: "Hallo@Zon.nl",
  contactPhone: "020 123 4567",
  website: "www.zon.nl",
  privacyContactEmail: "privacy@zon.nl",
  billingEmail: "",
};

const jobs = async (name: string, orgId = m.org.id) =>
  (await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'orgId' = $2`, name, orgId))[0].n;

const pass = async (cardId = m.histories[0].card.id) => (await passByCardId(m.org.id, cardId))!;

beforeAll(async () => {
  m = await makeMerchant("Koffiebar Instellingen", { customers: 2 });
  other = await makeMerchant("Andere Zaak", { customers: 1 });
});

describe("business profile", () => {
  it("is validated with clear field errors", async () => {
    const e = await appError(
      updateBusinessProfile(m.ctx(), {
        ...PROFILE,
        name: " ",
        kvkNumber: "1234",
        vatNumber: "NL12345",
        postalCode: "12345",
        contactEmail: "geen-mail",
        contactPhone: "12",
        website: "niet een url",
      }),
    );
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors).toMatchObject({
      name: ["nameRequired"],
      kvkNumber: ["kvk"],
      vatNumber: ["vat"],
      postalCode: ["postalCode"],
      contactEmail: ["email"],
      contactPhone: ["phone"],
      website: ["url"],
    });
  });

  it("is the owner's: a manager is refused", async () => {
    expect((await appError(updateBusinessProfile(m.ctx("MANAGER"), PROFILE))).code).toBe("FORBIDDEN");
  });

  it("is saved normalized, audited with before/after, and reaches every pass with a new version and wallet jobs", async () => {
    const card = m.histories[0].card;
    const before = (await db().card.findUniqueOrThrow({ where: { id: card.id } })).passUpdatedAt;
    const appleJobs = await jobs("apple-program-changed");
    const googleJobs = await jobs("google-program-changed");
    await new Promise((r) => setTimeout(r, 1100));

    const r = await updateBusinessProfile(m.ctx(), PROFILE);
    expect(r.passesUpdated).toBe(true);
    expect(await getBusinessProfile(m.ctx())).toMatchObject({
      name: "Koffiebar Zon",
      postalCode: "1017 GC",
      kvkNumber: "12345678",
      vatNumber: "NL123456789B01",
      contactEmail: "hallo@zon.nl",
      website: "https://www.zon.nl",
      billingEmail: null,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { organizationId: m.org.id, action: "organization.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toMatchObject({ name: "Koffiebar Zon", kvkNumber: "12345678" });
    expect(audit.before).toMatchObject({ name: "Koffiebar Instellingen", kvkNumber: null });

    // The pass moved on and its update is queued.
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).passUpdatedAt.getTime()).toBeGreaterThan(before.getTime());
    expect(appleJobs + googleJobs).toBe(0);
    expect(await jobs("apple-program-changed")).toBe(1);
    expect(await jobs("google-program-changed")).toBe(1);

    // Apple pass.json: the new name and a contact back field.
    const source = await pass();
    const apple = passContent(source.card, config, base);
    expect(apple.props.organizationName).toBe("Koffiebar Zon");
    const contact = apple.fields.backFields.find((f) => f.key === "business");
    expect(contact).toMatchObject({
      label: "Contact Koffiebar Zon",
      value: "Kerkstraat 12, 1017 GC Amsterdam\n020 123 4567\nhallo@zon.nl\nhttps://www.zon.nl",
    });
    // Google: the same in the details.
    const object = loyaltyObject(source.card, m.program.id, google as never, base);
    expect(object.textModulesData.find((x) => x.id === "business")?.body).toContain("Kerkstraat 12, 1017 GC Amsterdam");
    expect(object.state).toBe("ACTIVE");

    // Another merchant's passes are untouched.
    const theirs = (await passByCardId(other.org.id, other.histories[0].card.id))!;
    expect(passContent(theirs.card, config, base).fields.backFields.some((f) => f.key === "business")).toBe(false);
    expect(await jobs("apple-program-changed", other.org.id)).toBe(0);
  });

  it("a change customers don't see (billing email, KvK) does not move the passes", async () => {
    const before = (await db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id } })).passUpdatedAt;
    const r = await updateBusinessProfile(m.ctx(), { ...PROFILE, billingEmail: "boekhouding@zon.nl", kvkNumber: "87654321" });
    expect(r).toEqual({ changed: ["kvkNumber", "billingEmail"], passesUpdated: false });
    expect((await db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id } })).passUpdatedAt).toEqual(before);
  });

  it("keeps the logo only when it is this organization's upload", async () => {
    expect((await appError(updateBusinessProfile(m.ctx(), { ...PROFILE, logoKey: `org/${other.org.id}/logo-abc` }))).messageKey).toBe("logo");
    await updateBusinessProfile(m.ctx(), { ...PROFILE, logoKey: `org/${m.org.id}/logo-abc123` });
    expect((await getBusinessProfile(m.ctx())).logoUrl).toBe(`/api/files/org/${m.org.id}/logo-abc123@3x.png`);
  });
});

describe("time zone and language", () => {
  it("refuses an unknown time zone or language", async () => {
    expect((await appError(updateRegion(m.ctx(), { timezone: "Europe/Atlantis", locale: "nl" }))).fieldErrors).toEqual({ timezone: ["timezone"] });
    expect((await appError(updateRegion(m.ctx(), { timezone: "Europe/Amsterdam", locale: "de" }))).fieldErrors).toEqual({ locale: ["locale"] });
  });

  it("saves them; the language of the passes follows, with an update queued", async () => {
    // Jobs are keyed (one waiting per program): the pass's version is what moves.
    const before = (await db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id } })).passUpdatedAt;
    expect(passContent((await pass()).card, config, base).props.description).toBe("Spaarkaart van Koffiebar Zon");
    await new Promise((r) => setTimeout(r, 1100));
    await updateRegion(m.ctx(), { timezone: "Europe/London", locale: "en" });
    expect(await getBusinessProfile(m.ctx())).toMatchObject({ timezone: "Europe/London", locale: "en" });
    expect((await db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id } })).passUpdatedAt.getTime()).toBeGreaterThan(before.getTime());
    expect(await jobs("apple-program-changed")).toBe(1);
    const apple = passContent((await pass()).card, config, base);
    expect(apple.props.description).not.toBe("Spaarkaart van Koffiebar Zon");
    expect(apple.props.description).toContain("Koffiebar Zon");
    expect(apple.fields.primaryFields[0].label).toBe("Stamps");
    expect(apple.fields.backFields.find((f) => f.key === "business")?.label).toBe("Contact Koffiebar Zon");
  });
});
