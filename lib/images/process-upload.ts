// Uploaded images: the type is read from the content (sharp), never from the
// file name; SVG (which can carry script) and anything but PNG/JPEG/WebP is
// refused; size and dimensions are bounded. Each upload is resized to every
// size Apple Wallet asks for (@1x/@2x/@3x) and stored as PNG.
import { randomBytes } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/errors/app-error";
import { storage } from "@/lib/storage/storage";
import type { ImageKind } from "@/lib/validation/programs";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const ACCEPTED = new Set(["png", "jpeg", "webp"]);

/** Apple's sizes in points: logo ≤ 160×50, icon 29×29, store-card strip 375×144. */
export const IMAGE_SPECS: Record<ImageKind, { width: number; height: number; fit: "inside" | "cover"; min: [number, number] }> = {
  logo: { width: 160, height: 50, fit: "inside", min: [60, 20] },
  icon: { width: 29, height: 29, fit: "cover", min: [58, 58] },
  strip: { width: 375, height: 144, fit: "cover", min: [375, 144] },
};
export const SCALES = [1, 2, 3] as const;

const reject = (key: string) => new AppError("VALIDATION", key, { file: [key] });

export async function processUpload(orgId: string, kind: ImageKind, bytes: Buffer): Promise<{ key: string }> {
  if (bytes.length === 0) throw reject("imageEmpty");
  if (bytes.length > MAX_UPLOAD_BYTES) throw reject("imageTooLarge");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata();
  } catch {
    throw reject("imageUnreadable");
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw reject("imageType");
  const spec = IMAGE_SPECS[kind];
  if ((meta.width ?? 0) < spec.min[0] || (meta.height ?? 0) < spec.min[1]) throw reject("imageTooSmall");

  const base = `org/${orgId}/${kind}-${randomBytes(8).toString("hex")}`;
  const store = storage();
  for (const scale of SCALES) {
    const png = await sharp(bytes)
      .rotate()
      .resize(spec.width * scale, spec.height * scale, { fit: spec.fit, withoutEnlargement: spec.fit === "inside" })
      .png()
      .toBuffer();
    await store.put(`${base}@${scale}x.png`, png, "image/png");
  }
  return { key: base };
}

export function imageUrl(key: string | null | undefined, scale: 1 | 2 | 3 = 2): string | null {
  return key ? `/api/files/${key}@${scale}x.png` : null;
}
