/** Path of the stamp strip image for a design (/api/strip, public: no tenant data). Used by the previews, the web card and Google Wallet's hero image. */
export function stripUrl(d: { stampsRequired: number; backgroundColor: string; labelColor: string; stampIcon: string }, filled: number, scale = 2) {
  const q = new URLSearchParams({
    stamps: String(d.stampsRequired),
    filled: String(filled),
    bg: d.backgroundColor.replace("#", ""),
    fg: d.labelColor.replace("#", ""),
    icon: d.stampIcon,
    scale: String(scale),
  });
  return `/api/strip?${q}`;
}
