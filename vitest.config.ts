import { defineConfig } from "vitest/config";

const RELIABILITY = "test/reliability.test.ts";

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    // Suites talk to real servers; the first run also builds them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      // Explicit group orders: on a machine where vitest runs one file at a time, projects left at
      // order 0 would be queued behind every other group.
      { extends: true, test: { name: "suite", include: ["test/**/*.test.ts"], exclude: [RELIABILITY], sequence: { groupOrder: 1 } } },
      {
        extends: true,
        // After the rest, alone: it runs seven processes and restarts its databases, and its
        // timing should not depend on what else happens to be running.
        test: { name: "reliability", include: [RELIABILITY], provide: { reliabilitySeconds: 35 }, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
