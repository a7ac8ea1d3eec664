// The local APNs server in its own process for bench:push (so client and server
// do not share one thread). Prints its URL, then counts pushes until killed;
// on SIGTERM prints the count.
import { appleConfig } from "@/lib/wallet/apple/config";
import { startLocalApnsFor } from "@/scripts/lib/local-apns";

const apns = await startLocalApnsFor(appleConfig(), { countOnly: true });
console.log(JSON.stringify({ url: apns.url }));
process.on("SIGTERM", () => {
  console.log(JSON.stringify({ received: apns.count() }));
  void apns.close().then(() => process.exit(0));
});
