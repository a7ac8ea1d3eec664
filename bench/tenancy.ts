// npm run bench:tenancy — what row-level security's pinning costs a dashboard
// page. The dashboard home's six queries (lib/dashboard/get-overview.ts) run
// through tenantDb (each query in a short transaction that pins app.org_id, as
// the app's role held to RLS) against the same six queries sent by a plain
// Prisma client that only filters by organizationId (the bare baseline: no
// pin, no policy), in the same run on the demo merchant.
import { createTestDatabase, startTestServer } from "../scripts/lib/test-database";
import { percentile, report } from "./report";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const TARGETS = { ratio_p50_max: 2.5 };
const log = (m: string) => console.log(`[bench:tenancy] ${m}`);

process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
const server = await startTestServer();
const database = await createTestDatabase(server, "bench");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;

const { ownerDb, closeOwnerDb, plainClient } = await import("@/lib/db/owner");
const { closeDatabase } = await import("@/lib/db/close");
const { seedDemo } = await import("@/prisma/seed/demo");
const { getOverview } = await import("@/lib/dashboard/get-overview");
log("seeding the demo merchant…");
const { organizationId: orgId } = await seedDemo(ownerDb());
await closeOwnerDb();
const ctx = { orgId, userId: null, role: "OWNER" as const };

// The bare baseline connects as the owner (no RLS applies to it here) with the same pool size.
const bare = plainClient(database.ownerUrl, 10);
const WEEK_MS = 7 * 24 * 3600 * 1000;
const bareOverview = (now = new Date()) => {
  const o = { organizationId: orgId };
  return Promise.all([
    bare.customer.count({ where: o }),
    bare.cardProgram.count({ where: { ...o, status: "PUBLISHED" } }),
    bare.cardProgram.count({ where: o }),
    bare.membership.count({ where: o }),
    bare.cardEvent.aggregate({ _sum: { amount: true }, where: { ...o, type: "STAMP", createdAt: { gte: new Date(now.getTime() - WEEK_MS) } } }),
    bare.cardEvent.count({ where: { ...o, type: "REDEEM" } }),
  ]);
};

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

// Same answers first (the baseline measures the same work), then warm-up, then interleaved rounds.
const [pinnedOnce, bareOnce] = [await getOverview(ctx), await bareOverview()];
if (pinnedOnce.customers !== bareOnce[0]) throw new Error("the baseline counts differ from the app's");
await time(() => getOverview(ctx), 50);
await time(bareOverview, 50);
const pinned: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < 4; i++) {
  pinned.push(...(await time(() => getOverview(ctx), ROUNDS / 4)));
  baseline.push(...(await time(bareOverview, ROUNDS / 4)));
}
pinned.sort((a, b) => a - b);
baseline.sort((a, b) => a - b);
await bare.$disconnect();
await closeDatabase();
await server.stop();

const r = (x: number) => Math.round(x * 100) / 100;
const metrics = {
  pinned_p50_ms: r(percentile(pinned, 50)),
  pinned_p95_ms: r(percentile(pinned, 95)),
  pinned_p99_ms: r(percentile(pinned, 99)),
  baseline_p50_ms: r(percentile(baseline, 50)),
  baseline_p95_ms: r(percentile(baseline, 95)),
  baseline_p99_ms: r(percentile(baseline, 99)),
  ratio_p50: r(percentile(pinned, 50) / percentile(baseline, 50)),
  ratio_p95: r(percentile(pinned, 95) / percentile(baseline, 95)),
};
log(
  `dashboard overview, ${ROUNDS} rounds: pinned p50 ${metrics.pinned_p50_ms} ms / p95 ${metrics.pinned_p95_ms} ms; bare p50 ${metrics.baseline_p50_ms} ms / p95 ${metrics.baseline_p95_ms} ms`,
);
report({ bench: "tenancy", metrics, targets: TARGETS, pass: metrics.ratio_p50 <= TARGETS.ratio_p50_max });
