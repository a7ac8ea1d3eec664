// The period an Insights view looks at, and the one before it for comparison.
// Whole local days in the merchant's timezone: "30 dagen" is the last 30 days
// including today. Days are 'YYYY-MM-DD' strings (Visit.day); `fromUtc`/`toUtc`
// are the same bounds as instants, for timestamps (CardEvent.createdAt …).
import { z } from "zod";

export const PERIODS = { week: 7, month: 30, quarter: 90, year: 365 } as const;
export type PeriodKey = keyof typeof PERIODS;

export const PeriodParam = z.enum(Object.keys(PERIODS) as [PeriodKey, ...PeriodKey[]]).catch("month");

export type Period = {
  key: PeriodKey;
  days: number;
  timezone: string;
  /** First day in the period and the day after its last (local dates). */
  from: string;
  to: string;
  fromUtc: Date;
  toUtc: Date;
  /** The period of the same length just before. */
  previous: { from: string; to: string; fromUtc: Date; toUtc: Date };
};

/** The local date of `at` in `timezone`, as 'YYYY-MM-DD'. */
export function localDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant local midnight starts `day` in `timezone` (DST-safe). */
export function localMidnight(day: string, timezone: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  // The zone's offset at that moment, then once more at the corrected moment (a DST switch in between).
  let t = guess.getTime();
  for (let i = 0; i < 2; i++) t = guess.getTime() - offsetMs(new Date(t), timezone);
  return new Date(t);
}

function offsetMs(at: Date, timezone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export function resolvePeriod(key: PeriodKey, timezone: string, now = new Date()): Period {
  const days = PERIODS[key];
  const to = addDays(localDate(now, timezone), 1);
  const from = addDays(to, -days);
  const prevFrom = addDays(from, -days);
  return {
    key,
    days,
    timezone,
    from,
    to,
    fromUtc: localMidnight(from, timezone),
    toUtc: localMidnight(to, timezone),
    previous: { from: prevFrom, to: from, fromUtc: localMidnight(prevFrom, timezone), toUtc: localMidnight(from, timezone) },
  };
}
