import { z } from "zod";
import { STAMP_ICONS } from "./programs";

const hex = z
  .string()
  .regex(/^[0-9a-fA-F]{6}$/)
  .transform((h) => `#${h.toLowerCase()}`);

/** Query of /api/strip: a stamp strip for any design (no tenant data involved). */
export const StripQuery = z
  .object({
    stamps: z.coerce.number().int().min(2).max(30),
    filled: z.coerce.number().int().min(0).max(30).default(0),
    bg: hex,
    fg: hex,
    icon: z.enum(STAMP_ICONS).default("coffee"),
    scale: z.coerce
      .number()
      .int()
      .min(1)
      .max(3)
      .default(2)
      .transform((s) => s as 1 | 2 | 3),
  })
  .transform((q) => ({ ...q, filled: Math.min(q.filled, q.stamps) }));

/** Query of /api/wallet/logo: the default logo in a card's colours (Google needs a public image URL). */
export const WalletLogoQuery = z.object({ bg: hex, fg: hex });
