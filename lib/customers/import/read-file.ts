// The uploaded file → a header row and data rows of text. CSV (UTF-8, with or
// without BOM, `;` or `,` or tab found from the header line) or XLSX (its first
// sheet). A file we cannot read answers with a clear 4xx, never a 500.
import { parse } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import { AppError } from "@/lib/errors/app-error";

/** The largest upload: 10 MB holds far more than 50,000 customers. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 100_000;

export type FileType = "csv" | "xlsx";
export type ImportTable = { type: FileType; headers: string[]; rows: string[][] };

const bad = (key: string) => new AppError("VALIDATION", key, { file: [key] });

/** By content, not by name: an XLSX is a ZIP archive ("PK\x03\x04"). */
export function fileTypeOf(bytes: Uint8Array): FileType {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? "xlsx" : "csv";
}

/** The separator the header line uses most (outside quotes): `;` (Dutch Excel), `,` or tab. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, "");
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ",";
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw bad("fileNotText");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Typically "CSV (gescheiden door lijstscheidingsteken)" from an older Excel: Windows-1252.
    throw bad("fileEncoding");
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "boolean") return v ? "ja" : "nee";
  return String(v).trim();
}

export async function readImportFile(bytes: Uint8Array): Promise<ImportTable> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "fileTooLarge", { file: ["fileTooLarge"] });
  if (bytes.byteLength === 0) throw bad("fileEmpty");
  const type = fileTypeOf(bytes);
  let table: string[][];
  if (type === "xlsx") {
    try {
      const sheet = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      table = sheet.map((r) => r.map(cellText));
    } catch {
      throw bad("xlsxInvalid");
    }
  } else {
    const text = decodeText(bytes).replace(/^\uFEFF/, "");
    try {
      table = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
    } catch {
      throw bad("csvInvalid");
    }
  }
  table = table.filter((r) => r.some((c) => c !== ""));
  if (table.length < 2) throw bad("fileEmpty");
  if (table.length - 1 > MAX_ROWS) throw new AppError("PAYLOAD_TOO_LARGE", "tooManyRows", { file: ["tooManyRows"] });
  const [headers, ...rows] = table;
  if (headers.length > 100) throw bad("csvInvalid");
  return { type, headers: headers.map((h, i) => h || `#${i + 1}`), rows };
}

/** The request body, at most MAX_FILE_BYTES (413 beyond: declared by Content-Length, or while streaming). */
export async function readUpload(body: AsyncIterable<Uint8Array> | null, contentLength: string | null): Promise<Uint8Array> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "fileTooLarge", { file: ["fileTooLarge"] });
  if (Number(contentLength) > MAX_FILE_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_FILE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
