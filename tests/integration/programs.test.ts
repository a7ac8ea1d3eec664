import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { AppError } from "@/lib/errors/app-error";
import { MAX_UPLOAD_BYTES, processUpload } from "@/lib/images/process-upload";
import { archiveProgram, cardsNeedingDesignUpdate, createProgram, duplicateProgram, publishProgram, updateProgram } from "@/lib/programs/manage-programs";
import { storage } from "@/lib/storage/storage";
import { makeMerchant, errorKey, type DesignInput } from "./helpers";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stempel-storage-"));

const design: DesignInput = {
  name: "Broodkaart",
  stampsRequired: "8",
  rewardText: "Gratis brood",
  backgroundColor: "#224433",
  foregroundColor: "#ffffff",
  labelColor: "#ffdd99",
  stampIcon: "croissant",
  emailField: "required",
  phoneField: "optional",
  birthdayField: "hidden",
  marketingConsent: "true",
};

type M = Awaited<ReturnType<typeof makeMerchant>>;
let a: M;
let b: M;
beforeAll(async () => {
  a = await makeMerchant("Bakker A");
  b = await makeMerchant("Bakker B");
});

describe("program lifecycle", () => {
  it("creates a draft, edits it in place, publishes version 1 with a snapshot", async () => {
    const p = await createProgram(a.ctx(), design);
    expect(p).toMatchObject({
      status: "DRAFT",
      version: 1,
      stampsRequired: 8,
      formFields: { email: "required", phone: "optional", birthday: "hidden", marketingConsent: true },
    });
    const edited = await updateProgram(a.ctx(), p.id, { ...design, rewardText: "Gratis heel brood" });
    expect(edited.version).toBe(1);
    await publishProgram(a.ctx(), p.id);
    const versions = await db().cardProgramVersion.findMany({ where: { programId: p.id } });
    expect(versions).toEqual([expect.objectContaining({ version: 1, design: expect.objectContaining({ rewardText: "Gratis heel brood" }) })]);
  });

  it("editing a published card makes a new version; cards with a wallet pass are marked for a design update", async () => {
    const program = a.program; // published, with cards
    // Only cards with an installed pass wait for a design (a web card always shows the newest).
    await db().card.updateMany({ where: { programId: program.id }, data: { appleInstalls: 1 } });
    expect(await cardsNeedingDesignUpdate(a.ctx(), program.id)).toBe(0);
    const v2 = await updateProgram(a.ctx(), program.id, { ...design, name: "Koffiekaart", stampsRequired: "10", backgroundColor: "#000000" });
    expect(v2.version).toBe(2);
    expect(await db().cardProgramVersion.count({ where: { programId: program.id, version: 2 } })).toBe(1);
    expect(await cardsNeedingDesignUpdate(a.ctx(), program.id)).toBe(a.histories.length);
    // Existing cards keep working: their counters are untouched.
    const card = await db().card.findUniqueOrThrow({ where: { id: a.histories[0].card.id } });
    expect(card.stampCount).toBe(a.histories[0].card.stampCount);
  });

  it("duplicates as a draft and archives", async () => {
    const copy = await duplicateProgram(a.ctx(), a.program.id, "(kopie)");
    expect(copy).toMatchObject({ status: "DRAFT", version: 1, name: "Koffiekaart (kopie)" });
    const archived = await archiveProgram(a.ctx(), copy.id);
    expect(archived.status).toBe("ARCHIVED");
    expect(await errorKey(updateProgram(a.ctx(), copy.id, design))).toBe("programArchived");
  });

  it("rejects invalid designs with field errors and saves nothing", async () => {
    const before = await db().cardProgram.count();
    await expect(createProgram(a.ctx(), { ...design, stampsRequired: "1" })).rejects.toMatchObject({ name: "ZodError" });
    expect(await db().cardProgram.count()).toBe(before);
  });

  it("saves the merchant's stamp rules with the design", async () => {
    const p = await createProgram(a.ctx(), {
      ...design,
      visitMinutes: "20",
      maxStampsPerVisit: "4",
      maxStampsPerDay: "12",
      undoWindowSeconds: "300",
      requirePinToRedeem: "on",
    });
    expect(p).toMatchObject({ visitMinutes: 20, maxStampsPerVisit: 4, maxStampsPerDay: 12, undoWindowSeconds: 300, requirePinToRedeem: true });
    await expect(createProgram(a.ctx(), { ...design, maxStampsPerDay: "0" })).rejects.toMatchObject({ name: "ZodError" });
    const defaults = await createProgram(a.ctx(), design);
    expect(defaults).toMatchObject({
      visitMinutes: 30,
      maxStampsPerVisit: 10,
      maxStampsPerDay: 15,
      undoWindowSeconds: 120,
      requirePinToRedeem: false,
    });
  });

  it("lets staff look but not design", async () => {
    expect(await errorKey(createProgram(a.ctx("STAFF"), design))).toBe("FORBIDDEN");
  });

  it("never touches another merchant's program", async () => {
    const before = await db().cardProgram.findUniqueOrThrow({ where: { id: b.program.id } });
    for (const attempt of [
      () => updateProgram(a.ctx(), b.program.id, design),
      () => publishProgram(a.ctx(), b.program.id),
      () => archiveProgram(a.ctx(), b.program.id),
      () => duplicateProgram(a.ctx(), b.program.id, "x"),
    ]) {
      expect(await errorKey(attempt())).toBe("NOT_FOUND");
    }
    expect(await db().cardProgram.findUniqueOrThrow({ where: { id: b.program.id } })).toEqual(before);
  });
});

describe("image uploads", () => {
  const png = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 4, background: "#ff8800" } })
      .png()
      .toBuffer();

  it("stores a logo at @1x/@2x/@3x within Apple's 160×50 box", async () => {
    const { key } = await processUpload(a.org.id, "logo", await png(800, 250));
    for (const [scale, width, height] of [
      [1, 160, 50],
      [2, 320, 100],
      [3, 480, 150],
    ]) {
      const file = await storage().get(`${key}@${scale}x.png`);
      const meta = await sharp(file!.body).metadata();
      expect([file!.contentType, meta.width, meta.height]).toEqual(["image/png", width, height]);
    }
  });

  it("judges the type by content: a PNG named .jpg is a PNG, a JPEG is accepted too", async () => {
    // processUpload never sees a file name; the browser's name and type are ignored.
    await expect(processUpload(a.org.id, "icon", await png(120, 120))).resolves.toHaveProperty("key");
    const jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#123456" } })
      .jpeg()
      .toBuffer();
    await expect(processUpload(a.org.id, "strip", jpeg)).resolves.toHaveProperty("key");
  });

  it.each([
    [
      "an SVG with a script",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script><rect width="400" height="400"/></svg>'),
      "imageType",
    ],
    ["a zero-byte file", Buffer.alloc(0), "imageEmpty"],
    ["a 40 MB file", Buffer.alloc(40 * 1024 * 1024, 1), "imageTooLarge"],
    ["random bytes", Buffer.from("definitely not an image at all"), "imageUnreadable"],
  ])("refuses %s", async (_label, bytes, key) => {
    const e = await processUpload(a.org.id, "logo", bytes).catch((err: AppError) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fieldErrors).toEqual({ file: [key] });
  });

  it("refuses an image too small to be sharp, and a GIF", async () => {
    await expect(processUpload(a.org.id, "strip", await png(100, 40))).rejects.toMatchObject({ messageKey: "imageTooSmall" });
    const gif = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#000" } })
      .gif()
      .toBuffer();
    await expect(processUpload(a.org.id, "logo", gif)).rejects.toMatchObject({ messageKey: "imageType" });
  });

  it("knows the upload limit", () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024);
  });
});
