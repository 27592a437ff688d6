import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Suites talk to real servers; the first run also builds them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // test/reliability.test.ts: seconds of load and faults; `npm run test:reliability` runs longer.
    provide: { reliabilitySeconds: 35 },
  },
});
