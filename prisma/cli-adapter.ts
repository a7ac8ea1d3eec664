// Driver adapter for the Prisma CLI only (migrate, diff). Prisma 6.19 runs its
// schema engine as WebAssembly through this adapter, so no native engine is
// downloaded. Two upstream bugs are worked around here (see docs/prisma-offline.md):
//  1. catalog columns of type `name` (oid 19) and `"char"` (oid 18) are rejected
//     by @prisma/adapter-pg; they are plain text, so we present them as text (25).
//  2. the stock shadow database is dropped while its pool is still connected.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";

const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type Result = { fields?: { dataTypeID: number }[] };

function asText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as Result[]) {
    for (const field of r?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogAsTextClient extends pg.Client {
  // pg-pool calls query with a callback; the adapter awaits a promise. Cover both.
  query(...args: unknown[]): never {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: Error | null, res: unknown) => void;
      args[cbIndex] = (err: Error | null, res: unknown) => cb(err, err ? res : asText(res));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (cbIndex < 0 && out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then(asText) as never;
    }
    return out as never;
  }
}

function connectionConfig(url: string): pg.PoolConfig {
  const c = parse(url);
  return {
    host: c.host ?? undefined,
    port: c.port ? Number(c.port) : undefined,
    user: c.user ?? undefined,
    password: c.password ?? undefined,
    database: c.database ?? undefined,
    ssl: c.ssl ? { rejectUnauthorized: false } : undefined,
    Client: CatalogAsTextClient,
  };
}

async function adminQuery(config: pg.PoolConfig, sql: string) {
  const client = new pg.Client({ ...config, Client: undefined } as pg.ClientConfig);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly base: pg.PoolConfig) {
    super(base);
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(this.base, `CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg({ ...this.base, database }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adminQuery(this.base, `DROP DATABASE IF EXISTS "${database}"`);
    };
    return adapter;
  }
}

export function cliAdapter(url: string) {
  return new CliPrismaPg(connectionConfig(url));
}
