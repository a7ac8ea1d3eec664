// Accepting the data processing agreement again on the dashboard (lib/legal/dpa.ts).
import { z } from "zod";

export const AcceptDpaRequest = z.object({
  // The version the owner read; a newer one published meanwhile is refused, not accepted unseen.
  version: z.string().trim().min(1, "dpaVersionChanged").max(40, "dpaVersionChanged"),
  accepted: z
    .any()
    .optional()
    .transform((v) => v === true || v === "on" || v === "true")
    .refine((v) => v, "dpaRequired"),
});
export type AcceptDpaRequest = z.infer<typeof AcceptDpaRequest>;
