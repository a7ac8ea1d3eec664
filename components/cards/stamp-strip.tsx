import { cn } from "@/components/ui/cn";

const ICONS: Record<string, string> = { coffee: "☕", star: "★", heart: "♥", croissant: "🥐", scissors: "✂", check: "✓" };

/** A row of stamp circles, filled up to `filled`. */
export function StampStrip({
  filled,
  total,
  color,
  icon = "coffee",
  className,
}: {
  filled: number;
  total: number;
  color: string;
  icon?: string;
  className?: string;
}) {
  return (
    <div className={cn("grid grid-cols-5 gap-3", className)} role="img" aria-label={`${filled} / ${total}`}>
      {Array.from({ length: total }, (_, i) => (
        <span
          key={i}
          className="flex aspect-square items-center justify-center rounded-full border-2 text-lg"
          style={{ borderColor: color, backgroundColor: i < filled ? color : "transparent", color: i < filled ? "#3b2a20" : color }}
        >
          {i < filled ? (ICONS[icon] ?? "✓") : ""}
        </span>
      ))}
    </div>
  );
}
