// A local S3-compatible store (s3rver, files in a directory) for tests and for
// `S3_LOCAL=1 npm start`: the app then keeps its uploads in a bucket, through
// the same client and configuration as with AWS S3, R2 or MinIO
// (lib/storage/storage.ts). s3rver checks signatures with the key S3RVER/S3RVER.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import S3rver from "s3rver";

export type LocalS3 = {
  url: string;
  bucket: string;
  directory: string;
  /** The S3_* variables that point the app at it. */
  env: () => Record<"S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE", string>;
  close: () => Promise<void>;
};

/** Starts s3rver on 127.0.0.1:`port` (0: a free one) with `bucket` created; files in `directory` (default: a new temporary one). */
export async function startLocalS3(options: { bucket?: string; directory?: string; port?: number } = {}): Promise<LocalS3> {
  const bucket = options.bucket ?? "stempel-uploads";
  const directory = options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), "stempel-s3-"));
  fs.mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({ address: "127.0.0.1", port: options.port ?? 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await s3.run()) as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const server = (s3 as unknown as { httpServer: Server }).httpServer;
  return {
    url,
    bucket,
    directory,
    env: () => ({
      S3_BUCKET: bucket,
      S3_ENDPOINT: url,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "1",
    }),
    close: async () => {
      // The SDK keeps connections alive: cut them, or close() waits for them.
      server.closeAllConnections();
      await s3.close();
    },
  };
}

/** `S3_LOCAL=1 npm start` (and no S3_BUCKET of its own): uploads go to a local bucket, files in .data/s3. */
export async function startDevS3IfAsked(log: (msg: string) => void, dataDir: string): Promise<LocalS3 | null> {
  if (process.env.S3_LOCAL !== "1" || process.env.S3_BUCKET) return null;
  const s3 = await startLocalS3({ directory: path.join(dataDir, "s3") });
  Object.assign(process.env, s3.env());
  log(`Uploads: local S3 stand-in on ${s3.url}, bucket ${s3.bucket} (S3_LOCAL=1, files in .data/s3)`);
  return s3;
}
