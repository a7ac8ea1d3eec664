// npm run bench:tenancy — what row-level security's pinning costs a dashboard
// page. The dashboard home's thirteen queries (lib/dashboard/get-overview.ts) run
// through tenantDb (each query in a short transaction that pins app.org_id, as
// the app's role held to RLS) against the same queries sent by a plain
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

// The bare baseline connects as the owner (no RLS applies to it here) with the same pool size and
// sends the same queries as getOverview (its figures, checklist and rewards waiting), each filtered
// by organizationId by hand: no transaction, no pin, no policy.
const bare = plainClient(database.ownerUrl, 10);
const WEEK_MS = 7 * 24 * 3600 * 1000;
const bareOverview = async (now = new Date()) => {
  const o = { organizationId: orgId };
  const standing = { ...o, createdAt: { gte: new Date(now.getTime() - WEEK_MS), lte: now }, reversedBy: { is: null } };
  const [customers, stamps, main, intermediate, org, location, programs, device, stamp, members, rewardPrograms, mains, intermediates] = await Promise.all([
    bare.customer.count({ where: o }),
    bare.cardEvent.aggregate({ _sum: { amount: true }, where: { ...standing, type: "STAMP" } }),
    bare.cardEvent.count({ where: { ...standing, type: "REDEEM", rewardDelta: { lt: 0 } } }),
    bare.cardEvent.count({ where: { ...standing, type: "REDEEM", intermediateDelta: { lt: 0 } } }),
    bare.organization.findFirst({ where: { id: orgId }, select: { posterDownloadedAt: true } }),
    bare.location.findFirst({ where: { ...o, archivedAt: null }, select: { id: true } }),
    bare.cardProgram.findMany({ where: { ...o, status: { not: "ARCHIVED" } }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } }),
    bare.device.findFirst({ where: o, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    bare.cardEvent.findFirst({ where: { ...o, type: "STAMP" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    bare.membership.count({ where: { ...o, removedAt: null } }),
    bare.cardProgram.findMany({ where: o, orderBy: { createdAt: "asc" }, select: { id: true, rewardText: true, intermediateRewardText: true } }),
    bare.card.groupBy({ by: ["programId"], where: { ...o, erasedAt: null, rewardsAvailable: { gt: 0 } }, _count: { _all: true } }),
    bare.card.groupBy({ by: ["programId"], where: { ...o, erasedAt: null, intermediateAvailable: { gt: 0 } }, _count: { _all: true } }),
  ]);
  const sum = (rows: typeof mains) => rows.filter((r) => rewardPrograms.some((p) => p.id === r.programId)).reduce((n, r) => n + r._count._all, 0);
  const published = programs.some((p) => p.status === "PUBLISHED");
  return {
    customers,
    stamps: stamps._sum.amount ?? 0,
    redeemed: { main, intermediate },
    waiting: { main: sum(mains), intermediate: sum(intermediates) },
    done: [!!location, published, !!org?.posterDownloadedAt, !!(device || stamp), !!stamp, members > 1],
  };
};
// The app's answer in the baseline's shape: when getOverview gains or loses a query, this check
// (or the type checker) says the baseline no longer does the same work.
const pinnedOverview = async (now: Date) => {
  const v = await getOverview(ctx, now);
  const waiting = (kind: string) => v.rewardsWaiting.filter((r) => r.kind === kind).reduce((n, r) => n + r.cards, 0);
  return {
    customers: v.customers,
    stamps: v.stamps,
    redeemed: v.redeemed,
    waiting: { main: waiting("main"), intermediate: waiting("intermediate") },
    done: v.checklist.steps.map((s) => s.done),
  };
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
const now = new Date();
const [pinnedOnce, bareOnce] = [JSON.stringify(await pinnedOverview(now)), JSON.stringify(await bareOverview(now))];
if (pinnedOnce !== bareOnce) throw new Error(`the baseline's answer differs from the app's: ${bareOnce} vs ${pinnedOnce}`);
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
