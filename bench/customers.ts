// npm run bench:customers — the customer list (lib/customers/list-customers.ts)
// on Koffiebar Groot (npm run seed:large: 100 000 customers, ~2 000 000 ledger
// events), as the app's role held to row-level security. ~20 representative
// list pages (search by name, accent-less name, email, phone and card number
// fragments, each filter, each sort, page 50) are timed, each a whole
// listCustomers call (total + page + the rows' cards, tags and locations).
// Baseline in the same run: a full scan of that merchant's customers — the
// list's search ("jose", which finds José) with index scans turned off in its
// transaction, so every customer's name, email and phone and every card number
// is folded and matched. Targets (issue 13): p95 ≤ 150 ms and p95 ≤ 0.25 × the
// full scan.
//
// BENCH_DATABASE_URL + BENCH_DATABASE_OWNER_URL: use that database (seeded once,
// reused afterwards) instead of a fresh throwaway one.
import { largeMerchantDatabase } from "./large-merchant";
import { percentile, report } from "./report";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const TARGETS = { p95_ms: 150, ratio: 0.25 };
const log = (m: string) => console.log(`[bench:customers] ${m}`);

const { seeded, stop } = await largeMerchantDatabase(log);
const { ownerDb, closeOwnerDb } = await import("@/lib/db/owner");
const { closeDatabase } = await import("@/lib/db/close");
const { listCustomers } = await import("@/lib/customers/list-customers");
const { parseCustomerListParams } = await import("@/lib/validation/customers");
const { tenantDb } = await import("@/lib/tenancy/tenant-db");
const { searchTerms } = await import("@/lib/customers/search-terms");

const orgId = seeded.organizationId;
const ctx = { orgId, userId: null, role: "OWNER" as const };

// Real ids and a real card number to search for.
const o = ownerDb();
const [lunch] = await o.cardProgram.findMany({ where: { organizationId: orgId, name: "Lunchkaart" }, select: { id: true } });
const locations = await o.location.findMany({ where: { organizationId: orgId }, orderBy: { name: "asc" }, select: { id: true } });
const card = await o.card.findFirstOrThrow({ where: { organizationId: orgId, erasedAt: null, totalStamps: { gt: 20 } }, select: { serial: true } });
await closeOwnerDb();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const QUERIES: Record<string, string> = {
  default: "",
  "search name": "q=bakker",
  "search name, no accent": "q=jose",
  "search two words": "q=emma bakker",
  "search email": "q=emma.bakker",
  "search phone": "q=06 1234",
  "search card, dashes": `q=${card.serial.slice(0, 7)}`,
  "search card, no dashes": `q=${card.serial.replace(/-/g, "").slice(2, 8).toLowerCase()}`,
  "filter program": `program=${lunch.id}`,
  "filter source": "source=REFERRAL",
  "filter location": `location=${locations[1].id}`,
  "filter consent": "consent=yes",
  "filter reward waiting": "reward=yes",
  "filter last visit": `lastVisitFrom=${day(-30)}&lastVisitTo=${day(0)}`,
  "filter joined": `joinedFrom=${day(-90)}`,
  "filter tag": "tag=VIP",
  "filter segment (Inzichten)": "segment=CHAMPIONS",
  "filter rung, by last visit": "rung=DORMANT&sort=lastVisit",
  "filter matrix cell": "cell=TRUE_LOYALTY",
  "sort name": "sort=name",
  "sort last visit": "sort=lastVisit",
  "sort last visit, oldest": "sort=lastVisit&dir=asc",
  "page 50": "page=50",
  "page 50 by name": "sort=name&page=50",
  "combined, by last visit": `consent=yes&reward=yes&location=${locations[0].id}&sort=lastVisit`,
};

// The full scan: the list's search for "jose", index scans off in its transaction.
const terms = searchTerms("jose")!;
async function fullScan() {
  return tenantDb(ctx).$transaction(async (_tx, sql) => {
    for (const s of ["enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"]) await sql(`SET LOCAL ${s} = off`);
    const [r] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Customer" c WHERE c."organizationId" = $1 AND c.id IN (SELECT id FROM customer_search_ids($2::text[], $3, $4))`,
      [orgId, terms.words, terms.digits, terms.serial],
    );
    return r.n;
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const params = Object.fromEntries(Object.entries(QUERIES).map(([name, qs]) => [name, parseCustomerListParams(new URLSearchParams(qs))]));
// The same answer with and without indexes first (the baseline does the same work).
const indexed = await listCustomers(ctx, params["search name, no accent"]);
const scanned = await fullScan();
if (indexed.total !== scanned) throw new Error(`the full scan found ${scanned}, the list ${indexed.total}`);
for (const [name, p] of Object.entries(params)) {
  const r = await listCustomers(ctx, p);
  log(`  ${name.padEnd(26)} ${String(r.total).padStart(6)} customers, page ${r.page} of ${r.pages}`);
}

// Warm-up, then interleaved rounds.
for (const p of Object.values(params)) await listCustomers(ctx, p);
await fullScan();
const byQuery: Record<string, number[]> = Object.fromEntries(Object.keys(params).map((k) => [k, []]));
const scans: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, p] of Object.entries(params)) byQuery[name].push(await time(() => listCustomers(ctx, p)));
  if (round % 2 === 0) scans.push(await time(fullScan));
}
await closeDatabase();
await stop();

const r = (x: number) => Math.round(x * 10) / 10;
const all = Object.values(byQuery)
  .flat()
  .sort((x, y) => x - y);
scans.sort((x, y) => x - y);
for (const [name, xs] of Object.entries(byQuery)) {
  xs.sort((x, y) => x - y);
  log(`${name.padEnd(26)} p50 ${String(r(percentile(xs, 50))).padStart(6)} ms   p95 ${String(r(percentile(xs, 95))).padStart(6)} ms`);
}
const metrics = {
  customers: seeded.customers,
  events: seeded.events,
  queries: Object.keys(params).length,
  p50_ms: r(percentile(all, 50)),
  p95_ms: r(percentile(all, 95)),
  p99_ms: r(percentile(all, 99)),
  max_query_p95_ms: r(Math.max(...Object.values(byQuery).map((xs) => percentile(xs, 95)))),
  full_scan_p50_ms: r(percentile(scans, 50)),
  full_scan_p95_ms: r(percentile(scans, 95)),
  ratio: Math.round((percentile(all, 95) / percentile(scans, 50)) * 1000) / 1000,
};
log(
  `${metrics.queries} list queries × ${ROUNDS}: p50 ${metrics.p50_ms} ms / p95 ${metrics.p95_ms} ms; full scan of the merchant's customers p50 ${metrics.full_scan_p50_ms} ms; ratio (p95 / full scan) ${metrics.ratio}`,
);
report({
  bench: "customers",
  metrics,
  targets: TARGETS,
  pass: metrics.p95_ms <= TARGETS.p95_ms && metrics.ratio <= TARGETS.ratio,
});
