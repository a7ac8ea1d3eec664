import { cn } from "@/components/ui/cn";

/** A row of stamp circles, filled up to `filled`. */
export function StampStrip({ filled, total, color, className }: { filled: number; total: number; color: string; className?: string }) {
  return (
    <div className={cn("grid grid-cols-5 gap-3", className)} role="img" aria-label={`${filled} / ${total}`}>
      {Array.from({ length: total }, (_, i) => (
        <span
          key={i}
          className="flex aspect-square items-center justify-center rounded-full border-2 text-lg"
          style={{ borderColor: color, backgroundColor: i < filled ? color : "transparent", color: i < filled ? "#3b2a20" : color }}
        >
          {i < filled ? "☕" : ""}
        </span>
      ))}
    </div>
  );
}
