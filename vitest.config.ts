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
      { extends: true, test: { name: "suite", include: ["test/**/*.test.ts"], exclude: [RELIABILITY] } },
      {
        extends: true,
        // After the rest, alone: it runs seven processes and restarts its databases, and its
        // timing should not depend on what else happens to be running.
        test: { name: "reliability", include: [RELIABILITY], provide: { reliabilitySeconds: 35 }, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
