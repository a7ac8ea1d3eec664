// "Today" for a merchant is their local calendar day (Europe/Amsterdam by
// default), across DST changes: 23- and 25-hour days included.

// Building an Intl.DateTimeFormat costs far more than using one (it showed up
// as the top CPU cost of the stamp path), so one of each is kept per zone.
const formatters = new Map<string, { parts: Intl.DateTimeFormat; ymd: Intl.DateTimeFormat }>();
function formattersFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      parts: new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }),
      ymd: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

function offsetMs(at: Date, timeZone: string): number {
  const p = Object.fromEntries(formattersFor(timeZone).parts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the local day containing `at` began in `timeZone`. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const ymd = formattersFor(timeZone).ymd.format(at);
  const midnightAsUtc = Date.parse(`${ymd}T00:00:00Z`);
  let start = midnightAsUtc - offsetMs(new Date(midnightAsUtc), timeZone);
  const corrected = midnightAsUtc - offsetMs(new Date(start), timeZone);
  if (corrected !== start) start = corrected;
  return new Date(start);
}
