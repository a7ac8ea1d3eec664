// Per-recipient placeholders in message texts: "Hoi {naam}, nog {nog} stempels tot {beloning}!"
// Dutch and English names both work; an unknown {word} is left as typed.
import type { MessageVars } from "./types";

const NAMES: Record<string, (v: MessageVars) => string> = {
  naam: (v) => firstName(v.name),
  name: (v) => firstName(v.name),
  beloning: (v) => v.reward,
  reward: (v) => v.reward,
  stempels: (v) => String(v.stamps),
  stamps: (v) => String(v.stamps),
  nog: (v) => String(v.toGo),
  togo: (v) => String(v.toGo),
};

/** The first word of a name ("Anna de Vries" → "Anna"); empty names stay empty. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";

export function fillTemplate(text: string, vars: MessageVars): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => NAMES[key.toLowerCase()]?.(vars) ?? whole);
}

/** The placeholders a composer offers (Dutch names; English ones work too). */
export const PLACEHOLDERS = ["naam", "beloning", "stempels", "nog"] as const;
