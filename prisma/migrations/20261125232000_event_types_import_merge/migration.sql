-- Ledger event types for the customer import and for merging two cards.
ALTER TYPE "CardEventType" ADD VALUE 'IMPORT';
ALTER TYPE "CardEventType" ADD VALUE 'MERGE';
