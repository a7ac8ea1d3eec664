/** What every card rendering (wallet previews, web card) needs to know about a design. */
export type CardDesign = {
  merchantName: string;
  name: string;
  rewardText: string;
  stampsRequired: number;
  intermediateStamp: number | null;
  intermediateRewardText: string | null;
  backgroundColor: string;
  foregroundColor: string;
  labelColor: string;
  stampIcon: string;
  logoUrl: string | null;
  stripUrl: string | null;
};

export function stripUrl(d: Pick<CardDesign, "stampsRequired" | "backgroundColor" | "labelColor" | "stampIcon">, filled: number, scale = 2) {
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
