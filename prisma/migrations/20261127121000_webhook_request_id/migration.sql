-- Request ids end to end for webhooks (issue 18, docs/observability): a webhook event is
-- written by a database trigger, so it learns the request that caused it from the
-- transaction: the app sets app.request_id (transaction-local) wherever it pins the
-- organization, and the column's default reads it. The dispatcher queues each delivery's
-- job under that id, so the delivery's log lines carry the request's id.
-- current_setting is stable, not volatile: existing rows get NULL without a table rewrite.
ALTER TABLE "WebhookEvent" ADD COLUMN "requestId" TEXT DEFAULT NULLIF(current_setting('app.request_id', true), '');
