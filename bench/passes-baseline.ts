// The bare baseline of bench:passes, in its own process: passkit-generator as
// its README shows it (new PKPass → fields → getAsBuffer), untouched by our
// fast-signing patch, building the same pass from the same buffers in a loop.
// With --native-crypto it installs our fast-signing patch first: the same
// library with OpenSSL doing RSA and SHA-1 (what our endpoint runs).
// Usage: node --import tsx bench/passes-baseline.ts <input.json> <seconds> [--native-crypto]
import fs from "node:fs";
import { PKPass } from "passkit-generator";

type Input = {
  images: Record<string, string>;
  certificates: { wwdr: string; signerCert: string; signerKey: string };
  props: Record<string, unknown>;
  fields: Record<"headerFields" | "primaryFields" | "secondaryFields" | "auxiliaryFields" | "backFields", object[]>;
  barcode: object;
  locations: object[];
  translations: Record<string, Record<string, string>>;
};

const [file, secondsArg, mode] = process.argv.slice(2);
if (mode === "--native-crypto") (await import("@/lib/wallet/apple/fast-signing")).installFastSigning();
const input = JSON.parse(fs.readFileSync(file, "utf8")) as Input;
const images = Object.fromEntries(Object.entries(input.images).map(([k, v]) => [k, Buffer.from(v, "base64")]));

function one(i: number): Buffer {
  const pass = new PKPass(images, input.certificates, { ...input.props, serialNumber: `BASE-${i}` } as never);
  pass.type = "storeCard";
  pass.headerFields.push(...(input.fields.headerFields as never[]));
  pass.primaryFields.push(...(input.fields.primaryFields as never[]));
  pass.secondaryFields.push(...(input.fields.secondaryFields as never[]));
  pass.auxiliaryFields.push(...(input.fields.auxiliaryFields as never[]));
  pass.backFields.push(...(input.fields.backFields as never[]));
  pass.setBarcodes(input.barcode as never);
  if (input.locations.length) pass.setLocations(...(input.locations as never[]));
  for (const [lang, strings] of Object.entries(input.translations)) pass.localize(lang, strings);
  return pass.getAsBuffer();
}

for (let i = 0; i < 10; i++) one(i); // warm-up
const latencies: number[] = [];
let bytes = 0;
const until = Date.now() + Number(secondsArg) * 1000;
const t0 = performance.now();
while (Date.now() < until) {
  const s = performance.now();
  bytes = one(latencies.length).length;
  latencies.push(performance.now() - s);
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ passes: latencies.length, seconds, bytes, latencies: latencies.sort((a, b) => a - b) }));
