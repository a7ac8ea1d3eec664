// The amber scale of the insights' heat tables (busy hours, cohorts): a cell's
// colour for a strength 0–1, and the text colour — black or white, whichever
// contrasts more — so every number stays readable (WCAG AA, ≥ 4.5:1).
const AMBER_700 = [180, 83, 9];

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

export function heatStyle(strength: number): { backgroundColor: string; color: string } {
  const [r, g, b] = AMBER_700.map((c) => Math.round(c * strength + 255 * (1 - strength)));
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return { backgroundColor: `rgb(${r}, ${g}, ${b})`, color: onWhite >= onBlack ? "#fff" : "#000" };
}
