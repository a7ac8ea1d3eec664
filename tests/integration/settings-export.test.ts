// Gevarenzone → "Alles downloaden": a zip with one CSV per subject and
// organization.json; every row of this organization (paged in batches), no other
// merchant's data, no card secrets; owners only; audited.
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { exportOrganization, SUBJECTS } from "@/lib/organizations/export";
import { appError, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;

beforeAll(async () => {
  m = await makeMerchant("Koffiebar Export", { customers: 5 });
  await db().customer.update({ where: { id: m.histories[0].customer.id }, data: { name: "Zoë Crème-Brûlée" } });
  other = await makeMerchant("Andere Export", { customers: 3 });
});

async function unzip(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) files[name] = await zip.files[name].async("string");
  return files;
}

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("export everything", () => {
  it("is for the owner only", async () => {
    expect((await appError(exportOrganization(m.ctx("MANAGER")))).code).toBe("FORBIDDEN");
  });

  it("has a CSV per subject with its header and every row (paged), organization.json, and nothing of another merchant", async () => {
    // A batch of 2 so every table is read over several pages.
    const out = await exportOrganization(m.ctx(), 2);
    expect(out.fileName).toMatch(/^stempel-.+-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = await unzip(out.stream);
    expect(Object.keys(files).sort()).toEqual(["organization.json", ...SUBJECTS.map((s) => `${s.file}.csv`)].sort());
    expect(JSON.parse(files["organization.json"]).organization).toMatchObject({ id: m.org.id, name: "Koffiebar Export" });

    const customers = lines(files["customers.csv"]);
    expect(customers[0]).toBe(SUBJECTS.find((s) => s.file === "customers")!.columns.join(","));
    expect(customers.length - 1).toBe(await db().customer.count({ where: { organizationId: m.org.id } }));
    expect(lines(files["cards.csv"]).length - 1).toBe(await db().card.count({ where: { organizationId: m.org.id } }));
    expect(lines(files["events.csv"]).length - 1).toBe(await db().cardEvent.count({ where: { organizationId: m.org.id } }));
    expect(lines(files["visits.csv"]).length - 1).toBe(await db().visit.count({ where: { organizationId: m.org.id } }));
    expect(lines(files["locations.csv"])).toHaveLength(2);
    expect(lines(files["campaigns.csv"])).toEqual([SUBJECTS.find((s) => s.file === "campaigns")!.columns.join(",")]);

    const all = Object.values(files).join("\n");
    for (const h of m.histories) expect(all).toContain(h.customer.email!);
    expect(files["customers.csv"].startsWith("\uFEFF")).toBe(true);
    expect(all).toContain("Zoë Crème-Brûlée");
    for (const h of other.histories) {
      expect(all).not.toContain(h.customer.email!);
      expect(all).not.toContain(h.card.serial);
    }
    // Card secrets stay out.
    const card = await db().card.findUniqueOrThrow({ where: { id: m.histories[0].card.id }, omit: { authToken: false } });
    expect(all).not.toContain(card.authToken);
    expect(all).not.toContain(card.webToken);
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "organization.export" } })).toBe(1);
  });
});
