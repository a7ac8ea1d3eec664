"use client";
// Actions the tablet could not send (no network) wait in IndexedDB, in order,
// and are sent later, each exactly once (the server dedupes by idempotency key).
import type { CardActionInput } from "@/lib/validation/tablet";

export type QueuedAction = {
  idempotencyKey: string;
  sessionToken: string;
  body: CardActionInput;
  queuedAt: number;
  status: "pending" | "rejected";
  error?: string;
  label: string;
};

const DB = "stempel-tablet";
const STORE = "actions";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "idempotencyKey" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const req = fn(db.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export const queue = {
  add: (a: QueuedAction) => run("readwrite", (s) => s.put(a)),
  remove: (key: string) => run("readwrite", (s) => s.delete(key)),
  all: async () => ((await run("readonly", (s) => s.getAll())) as QueuedAction[]).sort((a, b) => a.queuedAt - b.queuedAt),
};
