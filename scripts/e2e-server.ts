// The server Playwright tests run against: the production build on a throwaway
// database (embedded, or a fresh one on TEST_DATABASE_URL's server), seeded
// with the demo merchant plus a second business the demo owner also runs, so
// switching organizations can be tested. Started by playwright.config.ts.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fixturesFile } from "../tests/e2e/fixtures-file";
import { startDevApnsIfNeeded } from "./lib/local-apns";
import { startDevGoogleWalletIfAsked } from "./lib/local-google-wallet";
import { startDevSmsIfAsked } from "./lib/local-sms";
import { startDevMollieIfAsked } from "./lib/local-mollie";
import { createTestDatabase, startTestServer, type TestServer } from "./lib/test-database";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);

let server: TestServer | null = null;
let app: ChildProcess | null = null;

async function stop() {
  app?.kill("SIGTERM");
  await server?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

process.env.NEXTAUTH_SECRET = "e2e-secret-not-for-production-0123456789";
process.env.APPLE_DEV_CERT_DIR ??= path.join(os.tmpdir(), "stempel-e2e-apple-dev");
// Every push the local APNs accepts, as JSON lines the messages spec reads.
const apnsLog = path.join(os.tmpdir(), `stempel-e2e-${port}-apns.jsonl`);
fs.rmSync(apnsLog, { force: true });
process.env.LOCAL_APNS_LOG = apnsLog;
await startDevApnsIfNeeded();
process.env.GOOGLE_WALLET_LOCAL ??= "1";
await startDevGoogleWalletIfAsked();
process.env.SMS_LOCAL ??= "1";
await startDevSmsIfAsked();
// Billing: the local Mollie stand-in (the billing spec pays on its checkout page).
process.env.MOLLIE_LOCAL ??= "1";
await startDevMollieIfAsked();
server = await startTestServer();
const database = await createTestDatabase(server, "e2e");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;

const { ownerDb: db } = await import("@/lib/db/owner");
const { seedDemo, DEMO } = await import("@/prisma/seed/demo");
const { seedOrganization, seedProgram } = await import("@/prisma/seed/factories");
await seedDemo(db());
// The tablet test stamps one card several times in a row (offline and back):
// relax the demo card's interval rule here; the rules themselves are covered by integration tests.
await db().cardProgram.updateMany({ where: { organization: { slug: DEMO.slug } }, data: { maxStampsPerVisit: 100, maxStampsPerDay: 100 } });
const owner = await db().user.findUniqueOrThrow({ where: { email: DEMO.owner } });
const second = await seedOrganization(db(), { name: "Bakkerij Om De Hoek", slug: "bakkerij-om-de-hoek", owner });
await seedProgram(db(), second.id, {
  name: "Broodkaart",
  stampsRequired: 8,
  rewardText: "Gratis brood",
  intermediateStamp: null,
  intermediateRewardText: null,
});
// Inzichten: numbers the insights spec checks on screen, counted here straight from the seeded tables.
const [insights] = await db().$queryRawUnsafe<
  { visits30: number; champions: number; regulars: number; nps30: number | null; npsAnswers30: number; comments30: number }[]
>(
  `WITH today AS (SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date AS d),
        org AS (SELECT id FROM "Organization" WHERE slug = $1),
        nps AS (SELECT DISTINCT ON ("customerId") score FROM "SurveyAnswer"
                 WHERE "organizationId" = (SELECT id FROM org) AND kind = 'NPS'
                   AND "createdAt" >= (((SELECT d FROM today) - 29)::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC'
                 ORDER BY "customerId", "createdAt" DESC)
   SELECT (SELECT count(*)::int FROM "Visit" WHERE "organizationId" = (SELECT id FROM org) AND day > (SELECT d FROM today) - 30) AS visits30,
          (SELECT count(*)::int FROM "CustomerScore" WHERE "organizationId" = (SELECT id FROM org) AND segment = 'CHAMPIONS') AS champions,
          (SELECT count(*)::int FROM "CustomerScore" WHERE "organizationId" = (SELECT id FROM org) AND rung = 'REGULAR') AS regulars,
          (SELECT round(100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / nullif(count(*), 0))::int FROM nps) AS nps30,
          (SELECT count(*)::int FROM nps) AS "npsAnswers30",
          (SELECT count(*)::int FROM "SurveyAnswer" WHERE "organizationId" = (SELECT id FROM org) AND btrim(coalesce(comment, '')) <> ''
              AND "createdAt" >= (((SELECT d FROM today) - 29)::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC') AS comments30`,
  DEMO.slug,
);
// A customer the NPS question is due for: three visits or more, never asked.
const surveyCard = await db().card.findFirstOrThrow({
  where: {
    organization: { slug: DEMO.slug },
    erasedAt: null,
    totalStamps: { gte: 4 },
    customer: { surveyAnswers: { none: {} }, name: { not: "" } },
    program: { surveyNps: true },
  },
  orderBy: { totalStamps: "desc" },
  include: { customer: true },
});
const card = await db().card.findFirstOrThrow({ where: { stampCount: { gt: 0 } }, include: { customer: true, program: true }, omit: { authToken: false } });
// Berichten: one consenting customer labelled "Proefpanel", the small audience the messages spec sends to;
// the message goes on their most recently stamped card (lib/messages/send.ts), so that is the card the spec watches.
const panel = await db().customer.findFirstOrThrow({
  where: {
    organization: { slug: DEMO.slug },
    marketingConsent: true,
    name: { not: "" },
    id: { not: card.customerId },
    cards: { some: { erasedAt: null, lastStampAt: { not: null } } },
  },
  orderBy: { createdAt: "asc" },
});
await db().customerTag.create({ data: { organizationId: panel.organizationId, customerId: panel.id, tag: "Proefpanel" } });
const panelCard = await db().card.findFirstOrThrow({
  where: { customerId: panel.id, erasedAt: null, mergedIntoId: null },
  orderBy: [{ lastStampAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
  omit: { authToken: false },
});
const messageCard = { serial: panelCard.serial, authToken: panelCard.authToken, webToken: panelCard.webToken, customer: panel.name, tag: "Proefpanel" };
fs.writeFileSync(
  fixturesFile(port),
  JSON.stringify({
    card: {
      serial: card.serial,
      webToken: card.webToken,
      authToken: card.authToken,
      stampCount: card.stampCount,
      customer: card.customer.name,
      stampsRequired: card.program.stampsRequired,
    },
    programId: card.programId,
    insights,
    surveyCard: { webToken: surveyCard.webToken, customerId: surveyCard.customerId, customer: surveyCard.customer.name },
    messages: { ...messageCard, apnsLog },
  }),
);
await db().$disconnect();

app = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: String(port),
    NODE_ENV: "production",
    NEXTAUTH_URL: `http://localhost:${port}`,
    APP_URL: `http://localhost:${port}`,
    STEMPEL_DEV_OUTBOX: "1",
    // The integrations spec's webhook receiver listens on 127.0.0.1.
    WEBHOOKS_ALLOW_PRIVATE: "1",
    // tests/e2e/sign-in.ts gives each signed-in test its own client address, as a load balancer would.
    TRUSTED_PROXIES: "1",
    LOG_LEVEL: "warn",
  },
});
app.on("exit", (code) => {
  void server?.stop().then(() => process.exit(code ?? 1));
});
