// One colour per RFM segment, shared by the table and the grid (Tailwind classes, AA contrast on the text).
import type { RfmSegment } from "@/lib/generated/prisma/enums";

export const SEGMENT_COLOR: Record<RfmSegment, string> = {
  CHAMPIONS: "bg-emerald-200 text-emerald-950",
  LOYAL: "bg-emerald-100 text-emerald-900",
  POTENTIAL_LOYALISTS: "bg-lime-100 text-lime-900",
  NEW: "bg-sky-100 text-sky-900",
  PROMISING: "bg-cyan-100 text-cyan-900",
  NEED_ATTENTION: "bg-amber-100 text-amber-900",
  ABOUT_TO_SLEEP: "bg-orange-100 text-orange-900",
  AT_RISK: "bg-red-100 text-red-900",
  CANNOT_LOSE: "bg-rose-200 text-rose-950",
  HIBERNATING: "bg-stone-200 text-stone-800",
  LOST: "bg-stone-300 text-stone-900",
};
