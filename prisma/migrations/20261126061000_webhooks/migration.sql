-- Webhooks (issue 16, docs/integrations/webhooks.md): endpoints, the event
-- outbox and the delivery log. Events are written by triggers in the
-- transaction of the change that causes them, and only while an enabled
-- endpoint of the organization wants their type. A dispatch job (pg-boss,
-- one waiting per organization) is queued with them: delivery happens after
-- commit, never on the stamp path. Prisma's migration runner splits on every
-- semicolon, so function bodies spell it \073 and no comment here has one.

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "failingSince" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "payload" JSONB NOT NULL,
    "dispatchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "scheduledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestHeaders" JSONB,
    "requestBody" TEXT,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "durationMs" INTEGER,
    "error" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_organizationId_id_key" ON "WebhookEndpoint"("organizationId", "id");
CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");
CREATE UNIQUE INDEX "WebhookEvent_organizationId_id_key" ON "WebhookEvent"("organizationId", "id");
CREATE INDEX "WebhookEvent_organizationId_createdAt_idx" ON "WebhookEvent"("organizationId", "createdAt");
CREATE INDEX "WebhookEvent_organizationId_dispatchedAt_idx" ON "WebhookEvent"("organizationId", "dispatchedAt");
CREATE INDEX "WebhookDelivery_organizationId_endpointId_createdAt_idx" ON "WebhookDelivery"("organizationId", "endpointId", "createdAt");
CREATE INDEX "WebhookDelivery_organizationId_eventId_idx" ON "WebhookDelivery"("organizationId", "eventId");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organizationId_endpointId_fkey" FOREIGN KEY ("organizationId", "endpointId") REFERENCES "WebhookEndpoint"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organizationId_eventId_fkey" FOREIGN KEY ("organizationId", "eventId") REFERENCES "WebhookEvent"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_url" CHECK (char_length("url") <= 2048 AND "url" ~ '^https?://');
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_secret" CHECK ("secret" LIKE 'whsec\_%');

-- Tenant data: row-level security like every other tenant table (docs/tenancy.md).
ALTER TABLE "WebhookEndpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookEndpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY "WebhookEndpoint_tenant" ON "WebhookEndpoint" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "WebhookEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "WebhookEvent_tenant" ON "WebhookEvent" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));
ALTER TABLE "WebhookDelivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "WebhookDelivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY "WebhookDelivery_tenant" ON "WebhookDelivery" USING ("organizationId" = current_setting('app.org_id', true)) WITH CHECK ("organizationId" = current_setting('app.org_id', true));

-- Helpers. Timestamps go out as ISO 8601 in UTC with a Z (the columns hold UTC).
CREATE FUNCTION webhook_ts(t timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS E'SELECT to_char(t, ''YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'')';

CREATE FUNCTION webhook_card(p_org text, p_card text) RETURNS jsonb LANGUAGE sql STABLE AS E'
  SELECT jsonb_build_object(''id'', c.id, ''serial'', c.serial, ''programId'', c."programId", ''customerId'', c."customerId",
         ''stampCount'', c."stampCount", ''rewardsAvailable'', c."rewardsAvailable", ''intermediateAvailable'', c."intermediateAvailable",
         ''totalStamps'', c."totalStamps", ''totalRedeemed'', c."totalRedeemed")
    FROM "Card" c WHERE c."organizationId" = p_org AND c.id = p_card';

CREATE FUNCTION webhook_customer(p_org text, p_customer text) RETURNS jsonb LANGUAGE sql STABLE AS E'
  SELECT jsonb_build_object(''id'', c.id, ''name'', c.name, ''email'', c.email, ''phone'', c.phone,
         ''birthday'', to_char(c.birthday, ''YYYY-MM-DD''), ''marketingConsent'', c."marketingConsent",
         ''marketingConsentAt'', webhook_ts(c."marketingConsentAt"), ''locale'', c.locale, ''externalId'', c."externalId",
         ''source'', c.source, ''createdAt'', webhook_ts(c."createdAt"))
    FROM "Customer" c WHERE c."organizationId" = p_org AND c.id = p_customer';

-- Queues the organization's dispatch job (pg-boss, policy short: while one
-- waits, no second is added). A database without the job schema keeps the
-- events undispatched rather than failing the change.
CREATE FUNCTION webhook_kick(p_orgs text[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO pgboss.job (name, data, singleton_key, policy, retry_limit, retry_delay, retry_backoff)
  SELECT ''webhook-dispatch'', jsonb_build_object(''orgId'', o), o, ''short'', 20, 5, true FROM unnest(p_orgs) AS o
  ON CONFLICT DO NOTHING\073
EXCEPTION WHEN undefined_table OR check_violation OR invalid_schema_name THEN
  RAISE WARNING ''webhook dispatch job not queued: %'', SQLERRM\073
END';

-- The ledger's events: card.stamped, reward.available, reward.redeemed,
-- card.corrected and customer.enrolled (a card's ENROLL line). One statement
-- for the whole INSERT, and nothing at all while the organization has no
-- enabled endpoint (the first probe).
CREATE FUNCTION "WebhookEvent_from_card_events"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  orgs text[]\073
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled) THEN RETURN NULL\073 END IF\073
  WITH ev AS (
    SELECT e.*, t.type AS hook
      FROM new_events e
      CROSS JOIN LATERAL (VALUES
        (CASE e.type WHEN ''STAMP'' THEN ''card.stamped'' WHEN ''BONUS'' THEN ''card.stamped'' WHEN ''REDEEM'' THEN ''reward.redeemed''
                     WHEN ''ADJUST'' THEN ''card.corrected'' WHEN ''UNDO'' THEN ''card.corrected'' WHEN ''MERGE'' THEN ''card.corrected''
                     WHEN ''ENROLL'' THEN ''customer.enrolled'' END),
        (CASE WHEN e.type IN (''STAMP'', ''BONUS'', ''ADJUST'', ''MERGE'', ''IMPORT'') AND (e."rewardDelta" > 0 OR e."intermediateDelta" > 0)
              THEN ''reward.available'' END)) AS t(type)
     WHERE t.type IS NOT NULL
       AND EXISTS (SELECT 1 FROM "WebhookEndpoint" w WHERE w."organizationId" = e."organizationId" AND w.enabled AND t.type = ANY (w.events))
  ), ins AS (
    INSERT INTO "WebhookEvent" (id, "organizationId", type, payload, "createdAt")
    SELECT ''msg_'' || replace(gen_random_uuid()::text, ''-'', ''''), ev."organizationId", ev.hook,
           CASE WHEN ev.hook = ''customer.enrolled'' THEN
             jsonb_build_object(''customer'', webhook_customer(ev."organizationId", k."customerId"), ''card'', webhook_card(ev."organizationId", ev."cardId"),
                                ''locationId'', ev."locationId")
           ELSE
             jsonb_build_object(''event'', jsonb_build_object(''id'', ev.id, ''type'', ev.type, ''amount'', ev.amount,
                                  ''stampDelta'', ev."stampDelta", ''rewardDelta'', ev."rewardDelta", ''intermediateDelta'', ev."intermediateDelta",
                                  ''spendCents'', ev."spendCents", ''locationId'', ev."locationId", ''reversesId'', ev."reversesId", ''note'', ev.note,
                                  ''createdAt'', webhook_ts(ev."createdAt")),
                                ''card'', webhook_card(ev."organizationId", ev."cardId"))
           END,
           now()
      FROM ev JOIN "Card" k ON k."organizationId" = ev."organizationId" AND k.id = ev."cardId"
    RETURNING "organizationId"
  )
  SELECT array_agg(DISTINCT "organizationId") INTO orgs FROM ins\073
  IF orgs IS NOT NULL THEN PERFORM webhook_kick(orgs)\073 END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "CardEvent_webhooks" AFTER INSERT ON "CardEvent" REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION "WebhookEvent_from_card_events"();

-- customer.updated, and customer.deleted when the customer's data was erased
-- (lib/customers/privacy.ts clears name, email and phone). The stamp path's
-- lastVisitAt update names none of these columns, so it never fires this.
CREATE FUNCTION "WebhookEvent_from_customer"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  hook text\073
BEGIN
  hook := CASE WHEN NEW.name = '''' AND NEW.email IS NULL AND NEW.phone IS NULL AND OLD.name <> '''' THEN ''customer.deleted'' ELSE ''customer.updated'' END\073
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" w WHERE w."organizationId" = NEW."organizationId" AND w.enabled AND hook = ANY (w.events)) THEN
    RETURN NULL\073
  END IF\073
  INSERT INTO "WebhookEvent" (id, "organizationId", type, payload, "createdAt")
  VALUES (''msg_'' || replace(gen_random_uuid()::text, ''-'', ''''), NEW."organizationId", hook,
          CASE WHEN hook = ''customer.deleted'' THEN jsonb_build_object(''customer'', jsonb_build_object(''id'', NEW.id))
               ELSE jsonb_build_object(''customer'', webhook_customer(NEW."organizationId", NEW.id)) END,
          now())\073
  PERFORM webhook_kick(ARRAY[NEW."organizationId"])\073
  RETURN NULL\073
END';
CREATE TRIGGER "Customer_webhooks" AFTER UPDATE OF name, email, phone, birthday, "marketingConsent", note, "externalId", locale, "unsubscribedAt" ON "Customer"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone
    OR OLD.birthday IS DISTINCT FROM NEW.birthday OR OLD."marketingConsent" IS DISTINCT FROM NEW."marketingConsent" OR OLD.note IS DISTINCT FROM NEW.note
    OR OLD."externalId" IS DISTINCT FROM NEW."externalId" OR OLD.locale IS DISTINCT FROM NEW.locale OR OLD."unsubscribedAt" IS DISTINCT FROM NEW."unsubscribedAt")
  EXECUTE FUNCTION "WebhookEvent_from_customer"();

-- survey.answered
CREATE FUNCTION "WebhookEvent_from_survey_answers"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  orgs text[]\073
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled) THEN RETURN NULL\073 END IF\073
  WITH ins AS (
    INSERT INTO "WebhookEvent" (id, "organizationId", type, payload, "createdAt")
    SELECT ''msg_'' || replace(gen_random_uuid()::text, ''-'', ''''), a."organizationId", ''survey.answered'',
           jsonb_build_object(''answer'', jsonb_build_object(''id'', a.id, ''kind'', a.kind, ''score'', a.score, ''comeBack'', a."comeBack",
                                ''tryOther'', a."tryOther", ''comment'', a.comment, ''locationId'', a."locationId", ''createdAt'', webhook_ts(a."createdAt")),
                              ''customerId'', a."customerId", ''cardId'', a."cardId"),
           now()
      FROM new_answers a
     WHERE EXISTS (SELECT 1 FROM "WebhookEndpoint" w WHERE w."organizationId" = a."organizationId" AND w.enabled AND ''survey.answered'' = ANY (w.events))
    RETURNING "organizationId"
  )
  SELECT array_agg(DISTINCT "organizationId") INTO orgs FROM ins\073
  IF orgs IS NOT NULL THEN PERFORM webhook_kick(orgs)\073 END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "SurveyAnswer_webhooks" AFTER INSERT ON "SurveyAnswer" REFERENCING NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION "WebhookEvent_from_survey_answers"();

-- campaign.finished: a campaign's status becomes SENT.
CREATE FUNCTION "WebhookEvent_from_campaign"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" w WHERE w."organizationId" = NEW."organizationId" AND w.enabled AND ''campaign.finished'' = ANY (w.events)) THEN
    RETURN NULL\073
  END IF\073
  INSERT INTO "WebhookEvent" (id, "organizationId", type, payload, "createdAt")
  VALUES (''msg_'' || replace(gen_random_uuid()::text, ''-'', ''''), NEW."organizationId", ''campaign.finished'',
          jsonb_build_object(''campaign'', jsonb_build_object(''id'', NEW.id, ''name'', NEW.name, ''status'', NEW.status,
                               ''startedAt'', webhook_ts(NEW."startedAt"), ''finishedAt'', webhook_ts(NEW."finishedAt"),
                               ''deliveries'', (SELECT count(*) FROM "Delivery" d WHERE d."organizationId" = NEW."organizationId" AND d."campaignId" = NEW.id))),
          now())\073
  PERFORM webhook_kick(ARRAY[NEW."organizationId"])\073
  RETURN NULL\073
END';
CREATE TRIGGER "Campaign_webhooks" AFTER UPDATE OF status ON "Campaign"
  FOR EACH ROW WHEN (NEW.status = 'SENT' AND OLD.status IS DISTINCT FROM 'SENT')
  EXECUTE FUNCTION "WebhookEvent_from_campaign"();
