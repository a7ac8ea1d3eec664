import { imageUrl } from "@/lib/images/process-upload";
import type { CustomerCard } from "@/lib/cards/customer-card";
import type { CardDesign } from "./design";

export function designOf(card: CustomerCard): CardDesign {
  const p = card.program;
  return {
    merchantName: card.organization.name,
    name: p.name,
    rewardText: p.rewardText,
    stampsRequired: p.stampsRequired,
    intermediateStamp: p.intermediateStamp,
    intermediateRewardText: p.intermediateRewardText,
    backgroundColor: p.backgroundColor,
    foregroundColor: p.foregroundColor,
    labelColor: p.labelColor,
    stampIcon: p.stampIcon,
    logoUrl: imageUrl(p.logoKey),
    stripUrl: imageUrl(p.stripKey),
  };
}
