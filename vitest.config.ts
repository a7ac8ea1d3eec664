import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests call server code directly.
  "server-only": path.resolve(import.meta.dirname, "tests/setup/empty.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/fresh-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Mail, jobs and pushes arrive "soon": on a loaded 2-core machine 1 s (Vitest's default) was not enough.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      // Issue 18: faults across processes (app servers, workers, a PostgreSQL restarted mid-run). Each file starts its
      // own PostgreSQL and the production server (scripts/server.ts), so it needs a build: `npm test` runs it after
      // `next build`; alone: `npm run test:faults`.
      {
        resolve: { alias },
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
