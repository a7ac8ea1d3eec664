// Every change to webhook endpoints in the audit trail (lib/audit), written in
// the change's own transaction. Actions: webhook.create, webhook.update,
// webhook.enable, webhook.disable, webhook.delete, webhook.test,
// webhook.redeliver, webhook.autoDisable (by the system: no user).
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
): Promise<void> {
  await tx.auditEvent.create({ data: { organizationId: orgId, actorUserId, action, subjectType: "webhook", subjectId: endpointId, details } });
}
