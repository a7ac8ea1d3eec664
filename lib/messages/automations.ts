// STUB (replaced by the automations helper): automations that send themselves.
import type { AutomationKind } from "@/lib/generated/prisma/enums";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import type { MessageTexts } from "./types";

/** Finds every due occasion of the merchant's switched-on automations and queues one Delivery per customer and occasion (idempotent). */
export async function runAutomations(_orgId: string, _now = new Date()): Promise<{ queued: number }> {
  return { queued: 0 };
}

/** The texts (merchant's own or the defaults) of each automation kind, for the sender. */
export async function automationTexts(_sql: TenantSql, _orgId: string): Promise<Map<AutomationKind, MessageTexts>> {
  return new Map();
}
