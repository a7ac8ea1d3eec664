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

export { stripUrl } from "@/lib/images/strip-url";
