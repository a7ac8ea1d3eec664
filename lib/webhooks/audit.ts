// Every change to webhook endpoints in the audit trail (lib/audit), written in
// the change's own transaction. Actions: webhook.create, webhook.update,
// webhook.enable, webhook.disable, webhook.delete, webhook.test,
// webhook.redeliver, webhook.autoDisable (by the system: no user).
import { recordAudit } from "@/lib/audit/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TenantTx } from "@/lib/tenancy/tenant-db";

export type WebhookAuditAction =
  "webhook.create" | "webhook.update" | "webhook.enable" | "webhook.disable" | "webhook.delete" | "webhook.test" | "webhook.redeliver" | "webhook.autoDisable";

export async function auditWebhook(
  tx: TenantTx,
  orgId: string,
  actorUserId: string | null,
  action: WebhookAuditAction,
  endpointId: string,
  details: Prisma.InputJsonValue = {},
  change?: { before: Prisma.InputJsonValue; after: Prisma.InputJsonValue } | null,
): Promise<void> {
  // Through lib/audit: "from where" is added, and secrets are never stored.
  await recordAudit(tx, { orgId, userId: actorUserId }, { action, subjectType: "webhook", subjectId: endpointId, details, ...change });
}
