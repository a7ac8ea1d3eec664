// The local Google Wallet API in its own process for bench:campaign (so the
// app and the "Google" it calls do not share one thread, like bench/apns-server.ts).
// Reads its issuer and service account from the environment, prints its URLs,
// then takes the ids of objects the customers already saved, one per line on
// stdin (an empty line ends them), and answers how many it holds.
import readline from "node:readline";
import { startLocalGoogleWallet } from "@/scripts/lib/local-google-wallet";

const issuerId = process.env.BENCH_GOOGLE_ISSUER!;
const google = await startLocalGoogleWallet({
  issuerId,
  serviceAccountEmail: process.env.BENCH_GOOGLE_SA_EMAIL!,
  publicKey: process.env.BENCH_GOOGLE_PUBLIC_KEY!,
});
console.log(JSON.stringify({ apiUrl: google.apiUrl, tokenUrl: google.tokenUrl }));
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (id) => {
  if (id) google.objects.set(id, { id, classId: `${issuerId}.bench` });
  else console.log(JSON.stringify({ loaded: google.objects.size }));
});
process.on("SIGTERM", () => void google.close().then(() => process.exit(0)));
