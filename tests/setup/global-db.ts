import type { TestProject } from "vitest/node";
import { startTestServer } from "@/scripts/lib/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", server.template);
  return () => server.stop();
}
