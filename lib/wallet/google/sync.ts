// Keeping Google Wallet in step: the save link (customer), and the jobs that
// create or patch classes and objects after every change. Job data names the
// organization; cards are read inside its tenant transaction, so a job (or a
// forged request) naming another merchant's card patches nothing.
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { enqueue, QUEUES, type CardJob, type ProgramJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { run, sqlb } from "@/lib/db/sql";
import { inLanes } from "@/lib/lanes";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { passByCardId, passByWebToken, type PassSource } from "@/lib/wallet/pass-source";
import { GoogleRefused, GoogleUnavailable, walletApi, type WalletApi } from "./api";
import { googleConfig, type GoogleConfig } from "./config";
import { loyaltyClass, loyaltyObject } from "./objects";
import { saveUrl } from "./save-link";

const resources = (s: PassSource, config: GoogleConfig) => ({
  cls: loyaltyClass(s.card, s.programId, config, appUrl()),
  obj: loyaltyObject(s.card, s.programId, config, appUrl()),
});

/** The object, creating the class first when Google does not know it. */
export async function upsertObject(api: WalletApi, s: PassSource, config: GoogleConfig) {
  const { cls, obj } = resources(s, config);
  try {
    return await api.upsert("loyaltyObject", obj);
  } catch (e) {
    if (!(e instanceof GoogleRefused)) throw e;
    await api.upsert("loyaltyClass", cls);
    return api.upsert("loyaltyObject", obj);
  }
}

/**
 * "Add to Google Wallet" for the customer's own card: class and object are
 * written through the API and the save link names them. When Google is
 * unreachable the link carries both in full and a job brings the API copy up
 * to date later.
 */
export async function googleSaveLink(webToken: string): Promise<string> {
  const config = googleConfig();
  if (!config) throw new AppError("CONFLICT", "googleWalletNotConfigured");
  const s = await passByWebToken(webToken);
  if (!s) throw new AppError("NOT_FOUND", "cardNotFound");
  await enforce([LIMITS.googleSavePerCard, s.cardId]);
  const { cls, obj } = resources(s, config);
  let reachable = true;
  try {
    const api = walletApi(config);
    await api.upsert("loyaltyClass", cls);
    await api.upsert("loyaltyObject", obj);
  } catch (e) {
    if (!(e instanceof GoogleUnavailable)) throw e;
    reachable = false;
    logger.warn({ error: e.message }, "Google Wallet unreachable: save link carries the whole pass");
  }
  await withTenantTransaction(s.orgId, async (sql) => {
    await run(sql, sqlb.updateTable("Card").set({ googleInstalled: true }).where("id", "=", s.cardId).where("organizationId", "=", s.orgId));
    if (!reachable) await enqueue(QUEUES.googleCard, { orgId: s.orgId, cardId: s.cardId }, s.cardId, sql);
  });
  return saveUrl(config, reachable ? { loyaltyObjects: [{ id: obj.id, classId: obj.classId }] } : { loyaltyClasses: [cls], loyaltyObjects: [obj] });
}

/** Job: a card changed (stamp, redeem, undo, expiry). */
export async function syncGoogleCard({ orgId, cardId }: CardJob) {
  const config = googleConfig();
  if (!config) return { skipped: "not configured" };
  const s = await passByCardId(orgId, cardId);
  if (!s) return { skipped: "no such card in this organization" };
  return { object: await upsertObject(walletApi(config), s, config) };
}

/** Job: a program's design changed — the class, then every object (their hero images show the design). */
export async function syncGoogleProgram({ orgId, programId }: ProgramJob) {
  const config = googleConfig();
  if (!config) return { skipped: "not configured" };
  const ids = await withTenantTransaction(orgId, (sql) =>
    run(
      sql,
      sqlb
        .selectFrom("Card")
        .select("id")
        .where("organizationId", "=", orgId)
        .where("programId", "=", programId)
        .where("googleInstalled", "=", true)
        .where("erasedAt", "is", null),
    ),
  );
  if (!ids.length) return { objects: 0 };
  const api = walletApi(config);
  // The class from the first card's data, then every object (the first one's read is reused).
  const first = await passByCardId(orgId, ids[0].id);
  if (first) {
    await api.upsert("loyaltyClass", resources(first, config).cls);
    await upsertObject(api, first, config);
  }
  await inLanes(ids.slice(1), 8, async ({ id }) => {
    const s = await passByCardId(orgId, id);
    if (s) await upsertObject(api, s, config);
  });
  return { objects: ids.length };
}
