// The printable QR poster (A4 or A5 PDF), drawn with pdf-lib in the card's
// colours: merchant logo, a Dutch call to action, the QR and the URL.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import { storage } from "@/lib/storage/storage";
import { qrPng } from "./qr";

export const POSTER_SIZES = { A4: [595.28, 841.89], A5: [419.53, 595.28] } as const;
export type PosterSize = keyof typeof POSTER_SIZES;

const color = (hex: string) => rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export type PosterInput = {
  size: PosterSize;
  url: string;
  merchantName: string;
  headline: string;
  subline: string;
  footer: string;
  backgroundColor: string;
  foregroundColor: string;
  labelColor: string;
  logoKey: string | null;
};

export async function buildPoster(p: PosterInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${p.merchantName} — ${p.headline}`);
  pdf.setCreator("Stempel");
  const [width, height] = POSTER_SIZES[p.size];
  const page = pdf.addPage([width, height]);
  const k = width / POSTER_SIZES.A4[0];
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawRectangle({ x: 0, y: 0, width, height, color: color(p.backgroundColor) });

  let y = height - 60 * k;
  const logo = p.logoKey ? await storage().get(`${p.logoKey}@3x.png`) : null;
  if (logo) {
    const img = await pdf.embedPng(logo.body);
    const scaled = img.scaleToFit(240 * k, 75 * k);
    page.drawImage(img, { x: (width - scaled.width) / 2, y: y - scaled.height, ...scaled });
    y -= scaled.height + 30 * k;
  } else {
    const size = 26 * k;
    page.drawText(p.merchantName, { x: (width - bold.widthOfTextAtSize(p.merchantName, size)) / 2, y: y - size, size, font: bold, color: color(p.labelColor) });
    y -= size + 30 * k;
  }
  const centered = (text: string, font: PDFFont, size: number, c: string) => {
    for (const line of wrap(text, font, size, width - 80 * k)) {
      y -= size * 1.15;
      page.drawText(line, { x: (width - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color: color(c) });
    }
  };
  centered(p.headline, bold, 40 * k, p.foregroundColor);
  y -= 12 * k;
  centered(p.subline, regular, 18 * k, p.labelColor);

  const qrSize = Math.min(width - 160 * k, y - 130 * k);
  const qr = await pdf.embedPng(await qrPng(p.url, 1200));
  const pad = 16 * k;
  const qrY = y - 30 * k - qrSize;
  page.drawRectangle({ x: (width - qrSize) / 2 - pad, y: qrY - pad, width: qrSize + 2 * pad, height: qrSize + 2 * pad, color: rgb(1, 1, 1) });
  page.drawImage(qr, { x: (width - qrSize) / 2, y: qrY, width: qrSize, height: qrSize });
  y = qrY - pad - 10 * k;
  centered(p.footer, regular, 13 * k, p.foregroundColor);
  const urlSize = 9 * k;
  page.drawText(p.url, { x: (width - regular.widthOfTextAtSize(p.url, urlSize)) / 2, y: 24 * k, size: urlSize, font: regular, color: color(p.labelColor) });
  return pdf.save();
}
