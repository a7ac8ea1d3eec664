// Whether billing is on: a Mollie API key is configured (docs/billing.md).
// Without one (a self-hosted or demo deploy) every organization stays on its
// plan: the trial does not expire and nothing turns read-only.
import { envVar } from "@/lib/env";

export function billingEnabled(): boolean {
  return !!envVar("MOLLIE_API_KEY");
}
