import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadOrCreateDevCertificates } from "@/lib/wallet/apple/dev-certificates";
import { startTestServer } from "@/scripts/lib/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    appleDevCertDir: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  // One generated Apple development chain for the whole run (files share it read-only).
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "stempel-apple-"));
  loadOrCreateDevCertificates(certDir, "pass.nl.stempel.dev", "STEMPELDEV");
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", server.template);
  project.provide("appleDevCertDir", certDir);
  return async () => {
    await server.stop();
    fs.rmSync(certDir, { recursive: true, force: true });
  };
}
