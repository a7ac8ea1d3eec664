// Work through a list with at most `n` calls in flight: each lane takes the
// next item as soon as its last call is done (APNs streams, Google Wallet
// calls, SMTP sends). Items start in list order; a failing call rejects the
// whole and the lanes stop taking new items.
export async function inLanes<T>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
}
