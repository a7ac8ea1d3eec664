import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { decodeQr } from "@/tests/support/qr";
import { renderStrip, stripSvg } from "@/lib/images/render-strip";
import { qrPng } from "@/lib/enrollment/qr";
import { contrastRatio, contrastWarnings } from "@/lib/programs/contrast";

describe("stamp strip", () => {
  it.each([1, 2, 3] as const)("renders at @%ix the size Apple Wallet expects", async (scale) => {
    const png = await renderStrip({ stamps: 10, filled: 4, background: "#3b2a20", stampColor: "#f5d7a1", icon: "coffee", scale });
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 375 * scale, 144 * scale]);
  });

  it("draws exactly `stamps` circles, `filled` of them filled", () => {
    const svg = stripSvg({ stamps: 12, filled: 5, background: "#000000", stampColor: "#ffffff", icon: "star" });
    expect(svg.match(/<circle/g)).toHaveLength(12);
    expect(svg.match(/<circle[^>]*fill="#ffffff"/g)).toHaveLength(5);
  });

  it("changes pixels where stamps are filled", async () => {
    const render = (filled: number) => renderStrip({ stamps: 10, filled, background: "#000000", stampColor: "#ffffff", icon: "check", scale: 1 });
    const mean = async (png: Buffer) => (await sharp(png).stats()).channels[0].mean;
    expect(await mean(await render(8))).toBeGreaterThan(await mean(await render(1)));
  });
});

describe("QR codes", () => {
  it("decode back to the enrollment URL", async () => {
    const url = "http://localhost:3000/join/cmabc123def456ghi789jkl?s=poster";
    expect(await decodeQr(await qrPng(url, 600))).toBe(url);
  });
});

describe("contrast", () => {
  it("computes WCAG ratios and warns below 3:1", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 0);
    expect(contrastWarnings({ backgroundColor: "#3b2a20", foregroundColor: "#ffffff", labelColor: "#f5d7a1" })).toEqual([]);
    expect(contrastWarnings({ backgroundColor: "#ffffff", foregroundColor: "#eeeeee", labelColor: "#000000" })).toEqual(["foregroundColor"]);
  });
});
