// Uploads in an S3-compatible store (lib/storage/storage.ts) against a local
// S3 server (s3rver, scripts/lib/local-s3.ts): round trip with the content
// type, missing → null, other failures thrown, keys checked; a logo uploaded
// through the real upload path lands in the bucket and is served back by the
// files route; bad S3_* configuration is a clear error; and with S3_BUCKET
// unset the local disk stays the default.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as filesRoute from "@/app/api/files/[...key]/route";
import { processUpload } from "@/lib/images/process-upload";
import { s3Config, storage } from "@/lib/storage/storage";
import { startLocalS3, type LocalS3 } from "@/scripts/lib/local-s3";
import { makeMerchant } from "./helpers";

const S3_VARS = ["S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"] as const;
let s3: LocalS3;
let saved: Record<string, string | undefined>;

const useS3 = () => Object.assign(process.env, s3.env());
const useDisk = () => S3_VARS.forEach((k) => delete process.env[k]);

beforeAll(async () => {
  saved = Object.fromEntries([...S3_VARS, "STORAGE_DIR"].map((k) => [k, process.env[k]]));
  s3 = await startLocalS3();
});

afterEach(useDisk);

afterAll(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await s3?.close();
  fs.rmSync(s3.directory, { recursive: true, force: true });
});

async function bucketKeys(): Promise<string[]> {
  const e = s3.env();
  const client = new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
  });
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (listed.Contents ?? []).map((o) => o.Key!);
  } finally {
    client.destroy();
  }
}

describe("S3 storage (S3_BUCKET set)", () => {
  it("stores and returns the bytes with their content type; a missing key is null", async () => {
    useS3();
    const body = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    await storage().put("org/test/blob@2x.png", body, "image/png");
    await storage().put("org/test/notes.txt", Buffer.from("koffie ☕"), "text/plain; charset=utf-8");
    expect(await storage().get("org/test/blob@2x.png")).toEqual({ body, contentType: "image/png" });
    expect(await storage().get("org/test/notes.txt")).toEqual({ body: Buffer.from("koffie ☕"), contentType: "text/plain; charset=utf-8" });
    expect(await storage().get("org/test/missing.png")).toBeNull();
    expect(await bucketKeys()).toEqual(expect.arrayContaining(["org/test/blob@2x.png", "org/test/notes.txt"]));
  });

  it("refuses keys outside the rule (traversal, odd characters) on both sides", async () => {
    useS3();
    for (const key of ["../etc/passwd", "org/../../x.png", "/abs.png", "org/a b.png", "org/%2e%2e/x", ""]) {
      await expect(storage().put(key, Buffer.from("x"), "image/png")).rejects.toThrow(/invalid storage key/);
      expect(await storage().get(key)).toBeNull();
    }
    expect((await bucketKeys()).some((k) => k.includes(".."))).toBe(false);
  });

  it("a failure other than a missing object is thrown, not taken for 'no such file'", async () => {
    Object.assign(process.env, s3.env(), { S3_BUCKET: "no-such-bucket" });
    await expect(storage().get("org/test/blob@2x.png")).rejects.toThrow();
    await expect(storage().put("org/test/x.png", Buffer.from("x"), "image/png")).rejects.toThrow();
  });

  it("a logo uploaded through the upload path lands in the bucket and the files route serves it back", async () => {
    useS3();
    const m = await makeMerchant("Emmer Koffie", { customers: 0 });
    const png = await sharp({ create: { width: 320, height: 100, channels: 4, background: "#b45309" } })
      .png()
      .toBuffer();
    const { key } = await processUpload(m.org.id, "logo", png);
    expect(await bucketKeys()).toEqual(expect.arrayContaining([`${key}@1x.png`, `${key}@2x.png`, `${key}@3x.png`]));

    const served = await filesRoute.GET(new Request(`http://localhost/api/files/${key}@2x.png`), {
      params: Promise.resolve({ key: `${key}@2x.png`.split("/") }),
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 100]);

    const missing = await filesRoute.GET(new Request(`http://localhost/api/files/org/x/none.png`), {
      params: Promise.resolve({ key: ["org", "x", "none.png"] }),
    });
    expect(missing.status).toBe(404);
  });
});

describe("S3 configuration", () => {
  it("is checked at start-up with one clear message per problem", () => {
    useDisk();
    expect(s3Config()).toBeNull();
    process.env.S3_ENDPOINT = "http://127.0.0.1:9000";
    expect(() => s3Config()).toThrow(/S3_BUCKET: required when S3_ENDPOINT is set/);
    process.env.S3_BUCKET = "Not_A_Bucket";
    expect(() => s3Config()).toThrow(/S3_BUCKET must be a bucket name/);
    process.env.S3_BUCKET = "stempel-uploads";
    process.env.S3_ENDPOINT = "not a url";
    expect(() => s3Config()).toThrow(/S3_ENDPOINT must be a URL/);
    process.env.S3_ENDPOINT = "http://127.0.0.1:9000";
    process.env.S3_ACCESS_KEY_ID = "AKIAEXAMPLE";
    expect(() => s3Config()).toThrow(/set both/);
    process.env.S3_SECRET_ACCESS_KEY = "secret";
    process.env.S3_FORCE_PATH_STYLE = "yes";
    expect(() => s3Config()).toThrow(/S3_FORCE_PATH_STYLE/);
    process.env.S3_FORCE_PATH_STYLE = "1";
    expect(s3Config()).toEqual({
      bucket: "stempel-uploads",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" },
      forcePathStyle: true,
    });
  });
});

describe("local disk (S3_BUCKET unset), the embedded default", () => {
  it("stores under STORAGE_DIR with the content type, and nothing goes to the bucket", async () => {
    useDisk();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stempel-disk-"));
    process.env.STORAGE_DIR = dir;
    try {
      const before = await bucketKeys();
      await storage().put("org/disk/logo@1x.png", Buffer.from("png bytes"), "image/png");
      expect(fs.readFileSync(path.join(dir, "org/disk/logo@1x.png"), "utf8")).toBe("png bytes");
      expect(await storage().get("org/disk/logo@1x.png")).toEqual({ body: Buffer.from("png bytes"), contentType: "image/png" });
      expect(await storage().get("org/disk/missing.png")).toBeNull();
      await expect(storage().put("../outside.png", Buffer.from("x"), "image/png")).rejects.toThrow(/invalid storage key/);
      expect(await bucketKeys()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      delete process.env.STORAGE_DIR;
    }
  });
});
