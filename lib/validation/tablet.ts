// What the tablet API (app/api/tablet/**) answers. Requests are in ./stamping.ts;
// the tablet (components/tablet/use-tablet-api.ts) parses every answer with these,
// so a server change that breaks the contract shows as a clear error, not a crash.
import { z } from "zod";
import type { CardActionRequest } from "./stamping";

/** POST /api/tablet/actions as the tablet sends it (also what the offline queue stores). */
export type CardActionInput = z.input<typeof CardActionRequest>;

/** POST /api/tablet/pair */
export const PairDeviceResponse = z.object({ deviceId: z.string(), deviceToken: z.string(), locationName: z.string() });
export type PairDeviceResponse = z.infer<typeof PairDeviceResponse>;

/** One name tile on the locked tablet: a member of its business with a PIN (POST /api/tablet/staff). */
export const TabletStaffMember = z.object({ id: z.string(), name: z.string(), role: z.enum(["OWNER", "MANAGER", "STAFF"]) });
export type TabletStaffMember = z.infer<typeof TabletStaffMember>;

/** POST /api/tablet/staff */
export const TabletStaffResponse = z.object({ members: z.array(TabletStaffMember) });

/** POST /api/tablet/unlock */
export const UnlockResponse = z.object({
  sessionToken: z.string(),
  staffName: z.string(),
  role: z.string(),
  locationName: z.string(),
  idleMinutes: z.number().int().positive(),
});
export type UnlockResponse = z.infer<typeof UnlockResponse>;

const Counters = { stampCount: z.number().int(), rewardsAvailable: z.number().int(), intermediateAvailable: z.number().int() };

/** A card as the tablet shows it (lib/stamping/find-cards.ts CARD_VIEW; dates arrive as ISO strings). */
export const TabletCard = z.object({
  serial: z.string(),
  ...Counters,
  lastStampAt: z.string().nullable(),
  customer: z.object({ name: z.string() }),
  program: z.object({
    name: z.string(),
    stampsRequired: z.number().int().positive(),
    intermediateStamp: z.number().int().nullable(),
    rewardText: z.string(),
    intermediateRewardText: z.string().nullable(),
    labelColor: z.string(),
    backgroundColor: z.string(),
    foregroundColor: z.string(),
  }),
});
export type TabletCard = z.infer<typeof TabletCard>;

/** GET /api/tablet/cards?q= */
export const FindCardsResponse = z.object({ cards: z.array(TabletCard) });

/** GET /api/tablet/cards/[serial] */
export const TabletCardResponse = z.object({ card: TabletCard });

/** POST /api/tablet/actions (lib/stamping/card-action.ts CardActionResult) */
export const CardActionResponse = z.object({
  eventId: z.string(),
  kind: z.enum(["STAMP", "REDEEM", "UNDO"]),
  replayed: z.boolean(),
  card: z.object({ serial: z.string(), ...Counters }),
});
export type CardActionResponse = z.infer<typeof CardActionResponse>;

/**
 * Any failed tablet request (errorResult in lib/http): an error code and a message key;
 * a stamp rule's refusal (error "RULE_BLOCKED", lib/stamping/rules.ts) adds the rule's details:
 * `maxPerVisit` → `limit` stamps within `minutes`, and `retryAt` when one more stamp fits
 * without a manager (absent when one fits now and only this tap is too large);
 * `maxPerDay` → `limit` and `stampsToday`.
 */
export const TabletErrorResponse = z.object({
  error: z.string(),
  // Absent only when the server's last-resort handler answers a bare 500.
  message: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  // Any string: a rule a newer server adds still parses (the tablet then says a generic sentence).
  rule: z.union([z.enum(["maxPerVisit", "maxPerDay"]), z.string()]).optional(),
  limit: z.number().optional(),
  minutes: z.number().optional(),
  retryAt: z.string().optional(),
  stampsToday: z.number().optional(),
});
export type TabletErrorResponse = z.infer<typeof TabletErrorResponse>;
