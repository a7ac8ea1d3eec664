// Where uploaded and generated files live (logos, icons, strip images):
//  - local disk by default (STORAGE_DIR, default .data/uploads) — one machine;
//  - an S3-compatible store when S3_BUCKET is set (AWS S3, Cloudflare R2, MinIO,
//    Scaleway, …: S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY,
//    S3_FORCE_PATH_STYLE) — what any number of web instances share
//    (docs/deploy.md). `S3_LOCAL=1 npm start` runs a local stand-in (s3rver).
// Both refuse keys outside isValidKey, keep the content type, answer a missing
// file with null and throw on any other failure (callers map it to a 5xx).
import fs from "node:fs/promises";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { envVar } from "@/lib/env";
import { S3_VARS, s3Config, type S3Config } from "./config";

export interface FileStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Buffer; contentType: string } | null>;
}

const KEY = /^[a-z0-9][a-z0-9/_@.-]{0,200}$/i;

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.includes("..");
}

const invalidKey = (key: string) => new Error(`invalid storage key: ${key.slice(0, 100)}`);

class LocalDiskStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  private file(key: string) {
    if (!isValidKey(key)) throw invalidKey(key);
    return path.join(this.dir, key);
  }

  async put(key: string, body: Buffer, contentType: string) {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, body);
    await fs.writeFile(`${file}.type`, contentType);
  }

  async get(key: string) {
    if (!isValidKey(key)) return null;
    try {
      const [body, contentType] = await Promise.all([fs.readFile(this.file(key)), fs.readFile(`${this.file(key)}.type`, "utf8")]);
      return { body, contentType };
    } catch (e) {
      // Missing (or a directory's name, or a path through a file): no such file. Anything else is a failure.
      if (["ENOENT", "ENOTDIR", "EISDIR"].includes((e as NodeJS.ErrnoException).code ?? "")) return null;
      throw e;
    }
  }
}

class S3Storage implements FileStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: Buffer, contentType: string) {
    if (!isValidKey(key)) throw invalidKey(key);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async get(key: string) {
    if (!isValidKey(key)) return null;
    try {
      const o = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = Buffer.from(await o.Body!.transformToByteArray());
      return { body, contentType: o.ContentType ?? "application/octet-stream" };
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
      // No such object (NoSuchKey; a 404 from a store that names it otherwise) — but a missing bucket is a configuration error.
      if (err.name === "NoSuchKey" || (err.$metadata?.httpStatusCode === 404 && err.name !== "NoSuchBucket")) return null;
      throw e;
    }
  }
}

// One client (its connection pool) per configuration, made on first use; on globalThis like the
// database pools, since the Next bundle and scripts/server.ts load separate copies of this module.
const g = globalThis as unknown as { stempelS3?: { signature: string; client: S3Client; storage: S3Storage } };

function s3Storage(config: S3Config): S3Storage {
  const signature = JSON.stringify(config);
  if (g.stempelS3?.signature !== signature) {
    // A request may still be using the previous client (only tests change the configuration): closed a little later.
    const previous = g.stempelS3?.client;
    if (previous) setTimeout(() => previous.destroy(), 30_000).unref();
    const client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      credentials: config.credentials,
      forcePathStyle: config.forcePathStyle,
      // Checksums only where S3 requires them: several S3-compatible stores refuse the SDK's newer defaults.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    g.stempelS3 = { signature, client, storage: new S3Storage(client, config.bucket) };
  }
  return g.stempelS3.storage;
}

let parsed: { signature: string; config: S3Config | null } | undefined;

/** Local disk, or the S3 bucket when S3_BUCKET is set (the variables are parsed again only when they change). */
export function storage(): FileStorage {
  const signature = S3_VARS.map((k) => process.env[k] ?? "").join("\u0000");
  if (parsed?.signature !== signature) parsed = { signature, config: s3Config() };
  if (parsed.config) return s3Storage(parsed.config);
  return new LocalDiskStorage(envVar("STORAGE_DIR") ?? path.join(process.cwd(), ".data", "uploads"));
}

export { s3Config };
