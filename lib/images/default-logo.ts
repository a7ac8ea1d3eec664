import sharp from "sharp";

/** A plain square logo in the card's colours, for when the merchant uploaded none (Apple's icon.png is required; Google needs a logo). */
export function defaultLogo(colors: { backgroundColor: string; labelColor: string }, size: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" rx="${size / 5}" fill="${colors.backgroundColor}"/><circle cx="${size / 2}" cy="${size / 2}" r="${size * 0.3}" fill="${colors.labelColor}"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
