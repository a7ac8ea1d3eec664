// The stamp strip (Apple store-card strip 375×144 pt, @1x/@2x/@3x), rendered
// server-side with sharp from an SVG built from the design: filled and empty
// stamps in rows, the chosen icon inside filled ones.
import sharp from "sharp";
import type { STAMP_ICONS } from "@/lib/validation/programs";

type Icon = (typeof STAMP_ICONS)[number];

const GLYPHS: Record<Icon, string> = {
  coffee: "M-7,-6 h12 v7 a6,6 0 0 1 -12,0 z M5,-4 h2 a3,3 0 0 1 0,6 h-2",
  star: "M0,-9 L2.6,-2.8 9,-2.8 3.9,1.2 5.6,8 0,4 -5.6,8 -3.9,1.2 -9,-2.8 -2.6,-2.8 z",
  heart: "M0,8 C-10,0 -8,-9 0,-4 C8,-9 10,0 0,8 z",
  croissant: "M-9,3 C-6,-8 6,-8 9,3 C5,0 -5,0 -9,3 z",
  scissors: "M-6,-8 L6,6 M6,-8 L-6,6 M-6,6 a2.5,2.5 0 1 0 0.1,0 M6,6 a2.5,2.5 0 1 0 0.1,0",
  check: "M-7,0 L-2,6 L8,-6",
};

export type StripInput = { stamps: number; filled: number; background: string; stampColor: string; icon: Icon; scale: 1 | 2 | 3 };

export const STRIP_SIZE = { width: 375, height: 144 };

export function stripSvg({ stamps, filled, background, stampColor, icon }: Omit<StripInput, "scale">): string {
  const perRow = stamps <= 6 ? stamps : Math.ceil(stamps / (stamps <= 16 ? 2 : 3));
  const rows = Math.ceil(stamps / perRow);
  const cell = Math.min((STRIP_SIZE.width - 24) / perRow, (STRIP_SIZE.height - 16) / rows);
  const r = cell * 0.4;
  const x0 = (STRIP_SIZE.width - perRow * cell) / 2 + cell / 2;
  const y0 = (STRIP_SIZE.height - rows * cell) / 2 + cell / 2;
  const circles = Array.from({ length: stamps }, (_, i) => {
    const cx = x0 + (i % perRow) * cell;
    const cy = y0 + Math.floor(i / perRow) * cell;
    const on = i < filled;
    const glyph = on
      ? `<path d="${GLYPHS[icon]}" transform="translate(${cx} ${cy}) scale(${(r / 11).toFixed(3)})" fill="none" stroke="${background}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`
      : "";
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${on ? stampColor : "none"}" stroke="${stampColor}" stroke-width="2.5"/>${glyph}`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${STRIP_SIZE.width}" height="${STRIP_SIZE.height}" viewBox="0 0 ${STRIP_SIZE.width} ${STRIP_SIZE.height}"><rect width="100%" height="100%" fill="${background}"/>${circles}</svg>`;
}

export async function renderStrip(input: StripInput): Promise<Buffer> {
  const svg = stripSvg(input);
  return (
    sharp(Buffer.from(svg), { density: 72 * input.scale })
      .resize(STRIP_SIZE.width * input.scale, STRIP_SIZE.height * input.scale)
      // Two colours and their anti-aliasing: a palette PNG is a third of the size,
      // which every pass download (and its SHA-1 in the manifest) carries.
      .png({ palette: true, compressionLevel: 9, effort: 7 })
      .toBuffer()
  );
}
