// The events a merchant can subscribe to, with the payload version and an
// example of each (docs/integrations/webhooks.md shows the same examples; the
// database triggers of migration 20261126061000_webhooks write the real ones).
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "customer.enrolled",
  "customer.updated",
  "customer.deleted",
  "card.stamped",
  "reward.available",
  "reward.redeemed",
  "card.corrected",
  "survey.answered",
  "campaign.finished",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** The test event of the "send test event" button (not subscribable). */
export const TEST_EVENT_TYPE = "webhook.test";

/** Payload version: `version` in every body. A breaking change gets a new number. */
export const PAYLOAD_VERSION = 1;

/** The JSON body of one event, as sent (and signed). */
export function webhookBody(event: { id: string; type: string; version: number; payload: unknown; createdAt: Date }): string {
  return JSON.stringify({ id: event.id, type: event.type, version: event.version, timestamp: event.createdAt.toISOString(), data: event.payload });
}

const card = {
  id: "cm3k9x2d40001",
  serial: "QM2XHD9PK7",
  programId: "cm3k9w1a00002",
  customerId: "cm3k9x0b30003",
  stampCount: 3,
  rewardsAvailable: 0,
  intermediateAvailable: 0,
  totalStamps: 11,
  totalRedeemed: 1,
};
const customer = {
  id: "cm3k9x0b30003",
  name: "Sanne de Vries",
  email: "sanne@example.nl",
  phone: "+31612345678",
  birthday: "1990-04-12",
  marketingConsent: true,
  marketingConsentAt: "2026-11-20T09:12:44.000Z",
  locale: "nl",
  externalId: null,
  source: "POSTER",
  createdAt: "2026-11-20T09:12:44.000Z",
};
const ledger = (type: string, amount: number, deltas: [number, number, number]) => ({
  id: "cm3ka0q7e0009",
  type,
  amount,
  stampDelta: deltas[0],
  rewardDelta: deltas[1],
  intermediateDelta: deltas[2],
  spendCents: type === "STAMP" ? 450 : null,
  locationId: "cm3k9w1a00004",
  reversesId: null,
  note: null,
  createdAt: "2026-11-26T08:31:05.120Z",
});

/** The `data` of each event type. */
export const WEBHOOK_EXAMPLES: Record<WebhookEventType | typeof TEST_EVENT_TYPE, unknown> = {
  "customer.enrolled": { customer, card: { ...card, stampCount: 0, totalStamps: 0, totalRedeemed: 0 }, locationId: null },
  "customer.updated": { customer: { ...customer, phone: "+31687654321" } },
  "customer.deleted": { customer: { id: customer.id } },
  "card.stamped": { event: ledger("STAMP", 1, [1, 0, 0]), card },
  "reward.available": { event: ledger("STAMP", 1, [-9, 1, 0]), card: { ...card, stampCount: 0, rewardsAvailable: 1 } },
  "reward.redeemed": { event: { ...ledger("REDEEM", 1, [0, -1, 0]), note: "main" }, card },
  "card.corrected": { event: { ...ledger("ADJUST", 2, [2, 0, 0]), note: "Vergeten stempels" }, card: { ...card, stampCount: 5 } },
  "survey.answered": {
    answer: {
      id: "cm3kb1x9z0011",
      kind: "NPS",
      score: 9,
      comeBack: 10,
      tryOther: 7,
      comment: "Lekkerste koffie van de stad",
      locationId: null,
      createdAt: "2026-11-26T10:02:13.500Z",
    },
    customerId: customer.id,
    cardId: card.id,
  },
  "campaign.finished": {
    campaign: {
      id: "cm3kc2a1b0013",
      name: "Herfstactie",
      status: "SENT",
      startedAt: "2026-11-26T09:00:00.000Z",
      finishedAt: "2026-11-26T09:04:31.000Z",
      deliveries: 412,
    },
  },
  "webhook.test": { message: "Testbericht van Stempel: je koppeling werkt." },
};
