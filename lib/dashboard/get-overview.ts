import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

/** The dashboard's figures cover the last PERIOD_DAYS days, and the page says so. */
export const PERIOD_DAYS = 7;
/** After the last step, "Alles staat klaar" is shown this long; then the checklist is gone. */
const READY_LINE_HOURS = 24;

export type ChecklistStep = { key: "location" | "card" | "poster" | "tablet" | "stamp" | "team"; done: boolean; href: string; optional?: boolean };
export type RewardWaiting = { kind: "main" | "intermediate"; reward: string; cards: number };

/**
 * Numbers and checklist state for the dashboard home. Figures count what
 * stands: a stamp or redeem that was undone is not counted, and the main and
 * intermediate rewards are counted apart.
 */
export async function getOverview(ctx: TenantContext, now = new Date()) {
  const t = tenantDb(ctx);
  const since = new Date(now.getTime() - PERIOD_DAYS * 24 * 3600 * 1000);
  const standing = { createdAt: { gte: since, lte: now }, reversedBy: { is: null } };
  const [customers, stamps, main, intermediate, checklist, rewardsWaiting] = await Promise.all([
    t.customer.count(),
    t.cardEvent.aggregate({ _sum: { amount: true }, where: { type: "STAMP", ...standing } }),
    t.cardEvent.count({ where: { type: "REDEEM", rewardDelta: { lt: 0 }, ...standing } }),
    t.cardEvent.count({ where: { type: "REDEEM", intermediateDelta: { lt: 0 }, ...standing } }),
    getChecklist(ctx, now),
    getRewardsWaiting(ctx),
  ]);
  return {
    periodDays: PERIOD_DAYS,
    customers,
    stamps: stamps._sum.amount ?? 0,
    redeemed: { main, intermediate },
    rewardsWaiting,
    checklist,
  };
}

/**
 * The onboarding checklist (issue 12 §11). Each step is a fact of the real
 * event: a location (made at sign-up), a published card, a poster PDF served to
 * a member (Organization.posterDownloadedAt), a paired tablet, the first stamp,
 * and, optional, a colleague. A stamp is only ever given on a paired tablet, so
 * it ticks the tablet step too (a tablet unpaired since does not untick it).
 * `visible`: the steps until all required ones are done, then one line for a
 * day ("ready"), then nothing ("hidden").
 */
export async function getChecklist(ctx: TenantContext, now = new Date()) {
  const t = tenantDb(ctx);
  const [org, location, programs, device, stamp, members] = await Promise.all([
    t.organization.findFirst({ select: { posterDownloadedAt: true } }),
    t.location.findFirst({ where: { archivedAt: null }, select: { id: true } }),
    t.cardProgram.findMany({
      where: { status: { not: "ARCHIVED" } },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true },
    }),
    t.device.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    t.cardEvent.findFirst({ where: { type: "STAMP" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    t.membership.count({ where: { removedAt: null } }),
  ]);
  const published = programs.find((p) => p.status === "PUBLISHED");
  const cardHref = published ? `/dashboard/cards/${published.id}` : programs[0] ? `/dashboard/cards/${programs[0].id}` : "/dashboard/cards/new";
  const steps: ChecklistStep[] = [
    { key: "location", done: !!location, href: "/dashboard/team#locaties" },
    { key: "card", done: !!published, href: cardHref },
    { key: "poster", done: !!org?.posterDownloadedAt, href: published ? `/dashboard/cards/${published.id}/share` : cardHref },
    { key: "tablet", done: !!(device || stamp), href: "/dashboard/tablet" },
    { key: "stamp", done: !!stamp, href: "/dashboard/tablet" },
    { key: "team", done: members > 1, href: "/dashboard/team", optional: true },
  ];
  const done = steps.every((s) => s.done || s.optional);
  // When the last required step happened: the newest of the first times each one did. A location
  // and a published card come before any stamp (publishedAt moves with every re-publish), so the
  // poster, the tablet and the first stamp decide.
  const times = [org?.posterDownloadedAt, device?.createdAt ?? stamp?.createdAt, stamp?.createdAt];
  const doneAt = done ? new Date(Math.max(...times.map((d) => d?.getTime() ?? 0))) : null;
  const visible = !doneAt ? "steps" : now.getTime() - doneAt.getTime() < READY_LINE_HOURS * 3600_000 ? "ready" : "hidden";
  return { steps, done, doneAt, visible: visible as "steps" | "ready" | "hidden" };
}

/**
 * "Beloning klaar": how many cards have a reward waiting at the counter, per
 * reward name (the main and the intermediate reward apart, equal names of two
 * cards together). The card counters are the ledger's standing sums; erased
 * cards do not count.
 */
export async function getRewardsWaiting(ctx: TenantContext): Promise<RewardWaiting[]> {
  const t = tenantDb(ctx);
  const [programs, mains, intermediates] = await Promise.all([
    t.cardProgram.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, rewardText: true, intermediateRewardText: true } }),
    t.card.groupBy({ by: ["programId"], where: { erasedAt: null, rewardsAvailable: { gt: 0 } }, _count: { _all: true } }),
    t.card.groupBy({ by: ["programId"], where: { erasedAt: null, intermediateAvailable: { gt: 0 } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof mains, programId: string) => rows.find((r) => r.programId === programId)?._count._all ?? 0;
  const out: RewardWaiting[] = [];
  const add = (kind: RewardWaiting["kind"], reward: string | null, cards: number) => {
    if (!cards) return;
    const name = reward ?? "";
    const same = out.find((r) => r.kind === kind && r.reward === name);
    if (same) same.cards += cards;
    else out.push({ kind, reward: name, cards });
  };
  for (const p of programs) {
    add("main", p.rewardText, count(mains, p.id));
    add("intermediate", p.intermediateRewardText, count(intermediates, p.id));
  }
  return out;
}

export async function listPrograms(ctx: TenantContext) {
  return tenantDb(ctx).cardProgram.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, stampsRequired: true, rewardText: true, _count: { select: { cards: true } } },
  });
}

export async function listRecentCustomers(ctx: TenantContext, take = 25) {
  requireRole(ctx, "MANAGER");
  return tenantDb(ctx).customer.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, name: true, createdAt: true, cards: { select: { stampCount: true, lastStampAt: true, serial: true } } },
  });
}

export async function listTeam(ctx: TenantContext) {
  const members = await tenantDb(ctx).membership.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, userId: true, pinHash: true, user: { select: { name: true, email: true } } },
  });
  // Never send PIN hashes to the page: only whether a PIN is set.
  return members.map(({ pinHash, ...m }) => ({ ...m, hasPin: pinHash !== null }));
}
