// The one reviewed door across organizations. A few requests arrive with a
// secret instead of a signed-in merchant (a web-card token, a pass serial, a
// tablet token, an invitation link, a QR code's program id) and must first
// learn which organization they belong to. Each lookup is a SECURITY DEFINER
// function (migration 20261125195000_tenancy_fail_closed) that returns only the
// ids needed to pin; everything after that runs pinned, held to row-level
// security like any other tenant access. Nothing else reads across tenants.
import { pool } from "@/lib/db/pool";

type Pin = { orgId: string };

async function rows<R>(text: string, params: unknown[]): Promise<R[]> {
  return (await pool().query(text, params)).rows as R[];
}

/** A customer's card by the secret token of their web-card URL. */
export async function cardByWebToken(webToken: string): Promise<(Pin & { cardId: string }) | null> {
  const [r] = await rows<{ org_id: string; card_id: string }>("SELECT org_id, card_id FROM lookup_card_by_web_token($1)", [webToken]);
  return r ? { orgId: r.org_id, cardId: r.card_id } : null;
}

/** A pass by its serial; the caller must still check the pass's authentication token. */
export async function cardBySerial(serial: string): Promise<(Pin & { cardId: string }) | null> {
  const [r] = await rows<{ org_id: string; card_id: string }>("SELECT org_id, card_id FROM lookup_card_by_serial($1)", [serial]);
  return r ? { orgId: r.org_id, cardId: r.card_id } : null;
}

/** The serials registered on an iPhone (Apple's protocol sends only the device id), changed after `sinceEpoch`. */
export async function deviceSerials(deviceId: string, passTypeId: string, sinceEpoch: number | null): Promise<string[]> {
  const r = await rows<{ serial: string }>("SELECT serial FROM lookup_device_serials($1, $2, $3::bigint)", [deviceId, passTypeId, sinceEpoch]);
  return r.map((x) => x.serial);
}

/** The organization of a published program (a QR code's target). */
export async function openProgram(programId: string): Promise<Pin | null> {
  const [r] = await rows<{ org_id: string }>("SELECT org_id FROM lookup_open_program($1)", [programId]);
  return r ? { orgId: r.org_id } : null;
}

/** A paired tablet by its device token's hash (revoked tablets are not found). */
export async function tabletDevice(tokenHash: string): Promise<(Pin & { deviceId: string }) | null> {
  const [r] = await rows<{ org_id: string; device_id: string }>("SELECT org_id, device_id FROM lookup_tablet_device($1)", [tokenHash]);
  return r ? { orgId: r.org_id, deviceId: r.device_id } : null;
}

/** A tablet pairing code by its hash: the organization and the pairing (used or expired ones too: the pinned redeem decides). */
export async function tabletPairing(codeHash: string): Promise<(Pin & { pairingId: string }) | null> {
  const [r] = await rows<{ org_id: string; pairing_id: string }>("SELECT org_id, pairing_id FROM lookup_tablet_pairing($1)", [codeHash]);
  return r ? { orgId: r.org_id, pairingId: r.pairing_id } : null;
}

/** SQL that pins the organization of the card with this serial (an escaped literal); the caller checks the pass token. */
export const pinCardSerialSql = (serialLiteral: string) =>
  `SELECT set_config('app.org_id', COALESCE((SELECT org_id FROM lookup_card_by_serial(${serialLiteral})), ''), true)`;

/** SQL that pins the organization of the card with this web-card token (an escaped literal). */
export const pinWebTokenSql = (tokenLiteral: string) =>
  `SELECT set_config('app.org_id', COALESCE((SELECT org_id FROM lookup_card_by_web_token(${tokenLiteral})), ''), true)`;

/**
 * SQL that pins the organization of a tablet session (by its token hash, an
 * escaped literal) for the rest of the transaction: the stamp path's first
 * statement, sent in the same round trip as the card lock.
 */
export const pinTabletSessionSql = (hashLiteral: string) =>
  `SELECT set_config('app.org_id', COALESCE((SELECT org_id FROM lookup_tablet_session(${hashLiteral})), ''), true)`;

/** A signed-in user's organizations, oldest membership first. */
export async function userMemberships(userId: string): Promise<(Pin & { role: string })[]> {
  const r = await rows<{ org_id: string; role: string }>("SELECT org_id, role FROM lookup_user_memberships($1)", [userId]);
  return r.map((x) => ({ orgId: x.org_id, role: x.role }));
}

/** An invitation by its link token's hash. */
export async function invitationByTokenHash(tokenHash: string): Promise<(Pin & { invitationId: string }) | null> {
  const [r] = await rows<{ org_id: string; invitation_id: string }>("SELECT org_id, invitation_id FROM lookup_invitation($1)", [tokenHash]);
  return r ? { orgId: r.org_id, invitationId: r.invitation_id } : null;
}

/** The maintenance job's work list: programs whose stamps can lapse, with their organization. */
export async function expiringPrograms(): Promise<(Pin & { programId: string })[]> {
  const r = await rows<{ org_id: string; program_id: string }>("SELECT org_id, program_id FROM lookup_expiring_programs()", []);
  return r.map((x) => ({ orgId: x.org_id, programId: x.program_id }));
}

/** The maintenance job's work list: merchants whose insights were last refreshed before `before` (lib/insights/refresh-insights.ts). */
export async function insightsDue(before: Date): Promise<Pin[]> {
  const r = await rows<{ org_id: string }>("SELECT org_id FROM lookup_insights_due($1)", [before]);
  return r.map((x) => ({ orgId: x.org_id }));
}

/** Scheduled campaigns whose time has come (lib/messages/scheduler.ts). */
export async function campaignsDue(now: Date): Promise<(Pin & { campaignId: string })[]> {
  const r = await rows<{ org_id: string; campaign_id: string }>("SELECT org_id, campaign_id FROM lookup_campaigns_due($1)", [now]);
  return r.map((x) => ({ orgId: x.org_id, campaignId: x.campaign_id }));
}

/** Merchants with message work: automations on, referrals on or pending, bonuses to give (lib/messages/scheduler.ts). */
export async function messageOrgs(now: Date): Promise<Pin[]> {
  const r = await rows<{ org_id: string }>("SELECT org_id FROM lookup_message_orgs($1)", [now]);
  return r.map((x) => ({ orgId: x.org_id }));
}

/** The organization Mollie knows as `customerId` (the billing webhook starts without a tenant). */
export async function orgByMollieCustomer(customerId: string): Promise<Pin | null> {
  const [r] = await rows<{ org_id: string }>("SELECT org_id FROM lookup_org_by_mollie_customer($1)", [customerId]);
  return r ? { orgId: r.org_id } : null;
}

/** Organizations with billing work due: a trial reminder, a lapsed payment, a period end or a deletion. */
export async function billingOrgs(now: Date): Promise<Pin[]> {
  const r = await rows<{ org_id: string }>("SELECT org_id FROM lookup_billing_orgs($1)", [now]);
  return r.map((x) => ({ orgId: x.org_id }));
}

/** Whether an organization URL slug is in use (sign-up picks a free one). */
export async function slugTaken(slug: string): Promise<boolean> {
  const [r] = await rows<{ taken: boolean }>("SELECT lookup_slug_taken($1) AS taken", [slug]);
  return r.taken;
}
