// WCAG 2.1 contrast ratio between two #rrggbb colours.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Below 3:1 text on the pass is hard to read in daylight (WCAG large-text minimum). */
export const MIN_CONTRAST = 3;

export function contrastWarnings(design: { backgroundColor: string; foregroundColor: string; labelColor: string }) {
  const warnings: ("foregroundColor" | "labelColor")[] = [];
  if (contrastRatio(design.backgroundColor, design.foregroundColor) < MIN_CONTRAST) warnings.push("foregroundColor");
  if (contrastRatio(design.backgroundColor, design.labelColor) < MIN_CONTRAST) warnings.push("labelColor");
  return warnings;
}
