// Regenerates the app's raster icons from app/icon.svg (the one drawing of the
// stamp): app/apple-icon.png (180 px, full-bleed: iOS rounds the corners
// itself) and app/favicon.ico (16, 32 and 48 px PNGs in an ICO container, for
// browsers and tools that ask for /favicon.ico). Run after changing the SVG:
//   node --import tsx scripts/generate-icons.ts
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const app = path.resolve(import.meta.dirname, "../app");
const svg = fs.readFileSync(path.join(app, "icon.svg"), "utf8");
const square = svg.replace(/ rx="\d+"/, "");

const png = (source: string, size: number) =>
  sharp(Buffer.from(source), { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

/** An ICO file holding PNG images (supported by every browser since IE Vista-era). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

fs.writeFileSync(path.join(app, "apple-icon.png"), await png(square, 180));
const sizes = [16, 32, 48];
fs.writeFileSync(path.join(app, "favicon.ico"), ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(svg, size) })))));
console.log("app/apple-icon.png and app/favicon.ico written from app/icon.svg");
