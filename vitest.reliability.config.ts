import { defineConfig } from "vitest/config";

/** `npm run test:reliability`: the crash-and-restart suite alone, with a longer run of load and faults. */
export default defineConfig({
  test: {
    // The global setup starts the stack for the tiers it is told of by name.
    name: "reliability",
    globalSetup: ["test/global-setup.ts"],
    include: ["test/reliability/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
    provide: { reliabilitySeconds: 140 },
  },
});
