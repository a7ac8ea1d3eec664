// The worker of bench:campaign: sends one campaign in its own process, the way
// a deployment runs large campaigns (docs/deploy.md → Workers), so the tablets'
// requests in the bench's process do not share a thread with the send engine.
// Prints "ready" once loaded, reads the job ({orgId, campaignId}) as one line
// on stdin, prints the job's result and the CPU it took (cpuMs) as one JSON line
// and exits.
import readline from "node:readline";
import { lowerWorkerPriority } from "@/lib/jobs/priority";
import { sendCampaign } from "@/lib/messages/send";

// Like `npm run worker` (WORKER_NICE).
lowerWorkerPriority();

const lines = readline.createInterface({ input: process.stdin });
const next = new Promise<string>((resolve) => lines.once("line", resolve));
console.log("ready");
const job = JSON.parse(await next) as { orgId: string; campaignId: string };
const cpu = process.cpuUsage();
const result = await sendCampaign(job);
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ ...result, cpuMs: (user + system) / 1000 }));
process.exit(0);
