import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { newAuthToken, newSerial, newWebToken } from "./identifiers";

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/** A new card for a customer, with its ENROLL event (the ledger's first line). */
export async function issueCard(
  tx: Tx,
  input: { orgId: string; programId: string; programVersion: number; customerId: string; idempotencyKey: string | null; actorUserId?: string | null },
) {
  const card = await tx.card.create({
    data: {
      organizationId: input.orgId,
      programId: input.programId,
      customerId: input.customerId,
      programVersion: input.programVersion,
      serial: newSerial(),
      authToken: newAuthToken(),
      webToken: newWebToken(),
    },
    select: { id: true, webToken: true },
  });
  await tx.cardEvent.create({
    data: {
      organizationId: input.orgId,
      cardId: card.id,
      type: "ENROLL",
      amount: 0,
      idempotencyKey: input.idempotencyKey,
      actorUserId: input.actorUserId ?? null,
    },
  });
  return card;
}
