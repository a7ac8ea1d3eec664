// Issue 12 §2 and §15: a new merchant's first day without a dead end. Sign-up
// creates the shop as its first location (so the tablet can pair at once) and
// records the accepted data processing agreement; without the agreement or with
// a bad address nothing is created and the form gets field errors it can show.
// A new agreement version asks the owner to accept again.
import { describe, expect, it } from "vitest";
import * as joinRoute from "@/app/(customer)/join/[programId]/route";
import { failure } from "@/lib/actions/result";
import { signUp } from "@/lib/auth/sign-up";
import { ownerDb as db } from "@/lib/db/owner";
import { en, nl } from "@/lib/i18n/messages";
import { acceptDpa, DPA_VERSION, dpaStatus } from "@/lib/legal/dpa";
import { listLocations } from "@/lib/organizations/locations";
import type { TenantContext } from "@/lib/tenancy/context";
import { seedProgram } from "@/prisma/seed/factories";
import { appError } from "./helpers";

const password = "verse-croissants-7";
let ip = 0;
const meta = (now?: Date) => ({ ip: `10.12.0.${++ip}`, now });

function input(overrides: Record<string, unknown> = {}) {
  return {
    name: "Sanne",
    businessName: "Bakkerij Sanne",
    street: "Voorstraat 31",
    postcode: "3512 AK",
    city: "Utrecht",
    email: `sanne${++ip}@bakkerij.nl`,
    password,
    dpaAccepted: true,
    ...overrides,
  };
}

/** What the sign-up form receives for a refused sign-up (the server action's ActionResult). */
async function refused(overrides: Record<string, unknown>) {
  const e = await signUp(input(overrides), meta()).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).not.toBeNull();
  const result = failure(e);
  if (result.ok) throw new Error("unreachable");
  return result;
}

const counts = async () => ({ users: await db().user.count(), orgs: await db().organization.count(), locations: await db().location.count() });

describe("sign-up creates the shop's first location", () => {
  it("in the same transaction as the organization, with the address normalised, visible to the owner", async () => {
    const { userId, organizationId } = await signUp(
      input({ businessName: "Koffiebar De Linde", street: " Lindenlaan 4a ", postcode: " 3512ak ", city: "Utrecht", email: "Linde@Koffiebar.nl" }),
      meta(),
    );
    const locations = await db().location.findMany({ where: { organizationId } });
    expect(locations).toEqual([expect.objectContaining({ name: "Koffiebar De Linde", address: "Lindenlaan 4a, 3512 AK", city: "Utrecht", archivedAt: null })]);
    // Through the app's own door (row-level security pinned to the new organization): the tablet can pair to it.
    const ctx: TenantContext = { orgId: organizationId, userId, role: "OWNER" };
    expect(await listLocations(ctx)).toEqual([{ id: locations[0].id, name: "Koffiebar De Linde" }]);
  });

  it("names a long business's location within the location name limit", async () => {
    const businessName = `Lunchroom ${"Heel Lang ".repeat(8)}`.trim();
    const { organizationId } = await signUp(input({ businessName }), meta());
    const [location] = await db().location.findMany({ where: { organizationId } });
    expect(location.name).toBe(businessName.slice(0, 60).trim());
  });
});

describe("sign-up records the data processing agreement and the privacy contact", () => {
  it("stores the current version, the time and who accepted; the owner's email is the privacy contact", async () => {
    const now = new Date("2026-11-25T09:30:00.000Z");
    const { userId, organizationId } = await signUp(input({ email: "Eigenaar@Bakkerij-Sanne.nl" }), meta(now));
    const org = await db().organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(org).toMatchObject({ dpaVersion: DPA_VERSION, dpaAcceptedAt: now, dpaAcceptedByUserId: userId, privacyContactEmail: "eigenaar@bakkerij-sanne.nl" });
    expect(dpaStatus(org)).toBe("current");
  });

  it("refuses sign-up without acceptance: a field error beside the checkbox, nothing created", async () => {
    const before = await counts();
    for (const dpaAccepted of [false, undefined, "", "off"]) {
      expect(await refused({ dpaAccepted })).toEqual({ ok: false, error: "validation.VALIDATION", fieldErrors: { dpaAccepted: ["dpaRequired"] } });
    }
    expect(await counts()).toEqual(before);
  });

  it("accepts the checkbox as a browser form sends it ('on')", async () => {
    const { organizationId } = await signUp(input({ dpaAccepted: "on" }), meta());
    expect((await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).dpaVersion).toBe(DPA_VERSION);
  });
});

describe("sign-up refuses a bad address with clear field errors", () => {
  it("a postcode that is not Dutch, or missing", async () => {
    const before = await counts();
    for (const postcode of ["1234 A", "0123 AB", "12345", "1234 SS", "AB 1234", "3512 AK extra"]) {
      expect(await refused({ postcode }), postcode).toEqual({ ok: false, error: "validation.VALIDATION", fieldErrors: { postcode: ["postcodeInvalid"] } });
    }
    expect((await refused({ postcode: "  " })).fieldErrors).toEqual({ postcode: ["postcodeRequired"] });
    expect(await counts()).toEqual(before);
  });

  it("a street without a house number, an empty city; every error at its own field", async () => {
    expect((await refused({ street: "Voorstraat" })).fieldErrors).toEqual({ street: ["streetInvalid"] });
    expect((await refused({ street: "", city: "", postcode: "nope", dpaAccepted: false })).fieldErrors).toEqual({
      street: ["streetRequired"],
      city: ["cityRequired"],
      postcode: ["postcodeInvalid"],
      dpaAccepted: ["dpaRequired"],
    });
  });

  it("every message the form can show exists in Dutch and English", () => {
    for (const key of ["streetRequired", "streetInvalid", "postcodeRequired", "postcodeInvalid", "cityRequired", "dpaRequired", "dpaVersionChanged"]) {
      expect(nl.validation, key).toHaveProperty(key);
      expect(en.validation, key).toHaveProperty(key);
    }
  });
});

describe("a new agreement version asks the owner to accept again", () => {
  async function merchantOnOldVersion() {
    const { userId, organizationId } = await signUp(input(), meta());
    const old = new Date("2026-01-01T00:00:00Z");
    await db().organization.update({ where: { id: organizationId }, data: { dpaVersion: "2026-01-01", dpaAcceptedAt: old } });
    return { organizationId, owner: { orgId: organizationId, userId, role: "OWNER" } as TenantContext, old };
  }

  it("an organization on an older version (or none) is not current", async () => {
    expect(dpaStatus({ dpaVersion: "2026-01-01" })).toBe("outdated");
    expect(dpaStatus({ dpaVersion: null })).toBe("missing");
    expect(dpaStatus({ dpaVersion: DPA_VERSION })).toBe("current");
  });

  it("the owner's acceptance records the new version, the time and who; another merchant is untouched", async () => {
    const a = await merchantOnOldVersion();
    const b = await merchantOnOldVersion();
    const now = new Date("2026-12-01T08:00:00.000Z");
    await acceptDpa(a.owner, { version: DPA_VERSION, accepted: "on" }, now);
    const org = await db().organization.findUniqueOrThrow({ where: { id: a.organizationId } });
    expect(org).toMatchObject({ dpaVersion: DPA_VERSION, dpaAcceptedAt: now, dpaAcceptedByUserId: a.owner.userId });
    expect(dpaStatus(org)).toBe("current");
    expect(await db().organization.findUniqueOrThrow({ where: { id: b.organizationId } })).toMatchObject({ dpaVersion: "2026-01-01", dpaAcceptedAt: b.old });
  });

  it("refuses without the checkbox, for a version the owner did not see, and for anyone but the owner", async () => {
    const m = await merchantOnOldVersion();
    const unchanged = { dpaVersion: "2026-01-01", dpaAcceptedAt: m.old };

    const unticked = await acceptDpa(m.owner, { version: DPA_VERSION, accepted: undefined }).then(
      () => null,
      (e: unknown) => failure(e),
    );
    expect(unticked).toEqual({ ok: false, error: "validation.VALIDATION", fieldErrors: { accepted: ["dpaRequired"] } });

    const stale = await appError(acceptDpa(m.owner, { version: "2026-01-01", accepted: true }));
    expect([stale.code, stale.messageKey]).toEqual(["CONFLICT", "dpaVersionChanged"]);

    for (const role of ["MANAGER", "STAFF"] as const) {
      expect((await appError(acceptDpa({ ...m.owner, role }, { version: DPA_VERSION, accepted: true }))).code).toBe("FORBIDDEN");
    }
    expect(await db().organization.findUniqueOrThrow({ where: { id: m.organizationId } })).toMatchObject(unchanged);
  });
});

describe("the enrollment page", () => {
  it("describes the card as an example, not as progress, and names the merchant's privacy contact and the platform's statement", async () => {
    const { organizationId } = await signUp(input({ businessName: "Broodjeszaak Noor", email: "noor@broodjes.nl" }), meta());
    const program = await seedProgram(db(), organizationId, {
      name: "Broodkaart",
      stampsRequired: 8,
      rewardText: "Gratis broodje",
      intermediateStamp: 4,
      intermediateRewardText: "Gratis koffie",
    });
    const res = await joinRoute.GET(new Request(`http://localhost/join/${program.id}`), { params: Promise.resolve({ programId: program.id }) });
    expect(res.status).toBe(200);
    const body = (await res.text()).replace(/&#39;/g, "'");
    expect(body).toContain("Spaar 8 stempels → Gratis broodje</p>");
    expect(body).toContain("Na 4 stempels: Gratis koffie</p>");
    expect(body).not.toContain("8 van 8 stempels");
    expect(body).toContain('Vragen over je gegevens? Mail Broodjeszaak Noor: <a href="mailto:noor@broodjes.nl"');
    expect(body).toContain('<a href="/privacy"');
  });
});
