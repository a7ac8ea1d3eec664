// Where uploaded and generated files live. Local disk by default (STORAGE_DIR,
// default .data/uploads); an S3-compatible store can implement the same interface.
import fs from "node:fs/promises";
import path from "node:path";
import { envVar } from "@/lib/env";

export interface FileStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Buffer; contentType: string } | null>;
}

const KEY = /^[a-z0-9][a-z0-9/_@.-]{0,200}$/i;

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.includes("..");
}

class LocalDiskStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  private file(key: string) {
    if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`);
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
    } catch {
      return null;
    }
  }
}

export function storage(): FileStorage {
  return new LocalDiskStorage(envVar("STORAGE_DIR") ?? path.join(process.cwd(), ".data", "uploads"));
}
