import { z } from "zod";

/** A message to the card holders of a program (shown on the Google Wallet pass). */
export const WalletMessageRequest = z.object({
  header: z.string().trim().min(1, "messageHeaderRequired").max(60, "tooLong"),
  body: z.string().trim().min(1, "messageBodyRequired").max(500, "tooLong"),
});
