// Public reads keyed by an unguessable public identifier (card serial, program
// id). They return display fields only — never tokens, emails or phones.
import { db } from "@/lib/db/client";

const SERIAL = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

export async function getPublicCard(serial: string) {
  if (!SERIAL.test(serial)) return null;
  return db().card.findUnique({
    where: { serial },
    select: {
      serial: true,
      stampCount: true,
      rewardsAvailable: true,
      intermediateAvailable: true,
      customer: { select: { name: true } },
      organization: { select: { name: true } },
      program: {
        select: { name: true, stampsRequired: true, rewardText: true, intermediateStamp: true, intermediateRewardText: true, backgroundColor: true, foregroundColor: true, labelColor: true },
      },
    },
  });
}

export async function getPublicProgram(programId: string) {
  if (!/^[a-z0-9]{20,40}$/i.test(programId)) return null;
  return db().cardProgram.findFirst({
    where: { id: programId, status: "PUBLISHED" },
    select: { id: true, name: true, rewardText: true, stampsRequired: true, backgroundColor: true, foregroundColor: true, labelColor: true, organization: { select: { name: true } } },
  });
}
