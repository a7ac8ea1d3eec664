// A ranked list with a bar per row: label, number, and the bar's length against
// the largest. Plain HTML, so it reads without JavaScript and a test reads
// each row's data-label / data-value.
export type Bar = { key: string; label: string; value: number; shown: string; note?: string };

export function BarList({ rows, testId, label }: { rows: Bar[]; testId: string; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="space-y-3" data-testid={testId} aria-label={label}>
      {rows.map((r) => (
        <li key={r.key} data-label={r.label} data-value={r.value}>
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="truncate font-medium text-stone-800">{r.label}</span>
            <span className="shrink-0 tabular-nums text-stone-900">
              {r.shown}
              {r.note && <span className="ml-2 text-xs text-stone-500">{r.note}</span>}
            </span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-stone-100" aria-hidden="true">
            <div className="h-2 rounded-full bg-amber-500" style={{ width: `${(100 * r.value) / max}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
