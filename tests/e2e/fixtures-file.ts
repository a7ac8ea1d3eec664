import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Facts about the seeded e2e database, written by scripts/e2e-server.ts. */
export const fixturesFile = (port: number) => path.join(os.tmpdir(), `stempel-e2e-${port}.json`);

export function readFixtures(): {
  card: { serial: string; webToken: string; authToken: string; stampCount: number; customer: string; stampsRequired: number };
  programId: string;
  insights: { visits30: number; champions: number; regulars: number; nps30: number | null; npsAnswers30: number; comments30: number };
  surveyCard: { webToken: string; customerId: string; customer: string };
  messages: { serial: string; authToken: string; webToken: string; customer: string; tag: string; apnsLog: string };
} {
  return JSON.parse(fs.readFileSync(fixturesFile(Number(process.env.E2E_PORT ?? 3210)), "utf8"));
}
