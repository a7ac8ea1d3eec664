// The images of a pass, rendered once and kept in memory: the stamp strip per
// (design, stamps filled), the icon and logo per uploaded file. A pass request
// then only copies buffers.
import { defaultLogo } from "@/lib/images/default-logo";
import { SCALES } from "@/lib/images/process-upload";
import { renderStrip } from "@/lib/images/render-strip";
import { storage } from "@/lib/storage/storage";
import type { STAMP_ICONS } from "@/lib/validation/programs";

export type PassDesign = {
  stampsRequired: number;
  backgroundColor: string;
  labelColor: string;
  foregroundColor: string;
  stampIcon: string;
  logoKey: string | null;
  iconKey: string | null;
};

const MAX_ENTRIES = 3000;
const cache = new Map<string, Promise<Buffer | null>>();

function remember(key: string, make: () => Promise<Buffer | null>): Promise<Buffer | null> {
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit;
  }
  hit = make().catch((e) => {
    cache.delete(key);
    throw e;
  });
  cache.set(key, hit);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return hit;
}

const suffix = (scale: number) => (scale === 1 ? "" : `@${scale}x`);

export async function passImages(d: PassDesign, filled: number): Promise<Record<string, Buffer>> {
  const stripFilled = Math.max(0, Math.min(filled, d.stampsRequired));
  const jobs: [string, Promise<Buffer | null>][] = [];
  for (const scale of SCALES) {
    const s = suffix(scale);
    jobs.push([
      `icon${s}.png`,
      d.iconKey
        ? remember(`file:${d.iconKey}@${scale}`, async () => (await storage().get(`${d.iconKey}@${scale}x.png`))?.body ?? null)
        : remember(`icon:${d.backgroundColor}:${d.labelColor}:${scale}`, () => defaultLogo(d, 29 * scale)),
    ]);
    if (d.logoKey)
      jobs.push([`logo${s}.png`, remember(`file:${d.logoKey}@${scale}`, async () => (await storage().get(`${d.logoKey}@${scale}x.png`))?.body ?? null)]);
    jobs.push([
      `strip${s}.png`,
      remember(`strip:${d.stampsRequired}:${stripFilled}:${d.backgroundColor}:${d.labelColor}:${d.stampIcon}:${scale}`, () =>
        renderStrip({
          stamps: d.stampsRequired,
          filled: stripFilled,
          background: d.backgroundColor,
          stampColor: d.labelColor,
          icon: d.stampIcon as (typeof STAMP_ICONS)[number],
          scale,
        }),
      ),
    ]);
  }
  const files: Record<string, Buffer> = {};
  for (const [name, p] of jobs) {
    const buf = await p;
    if (buf) files[name] = buf;
  }
  return files;
}
