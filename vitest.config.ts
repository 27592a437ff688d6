import { defineConfig } from "vitest/config";

/**
 * Four tiers, one folder each, run one after another by `npm test`:
 * - `unit`: pure code and the fakes' contracts (in-process only); no embedded stack, seconds.
 * - `api`: the app through `app.request()` / `createCaller` on the real stores; no workers.
 * - `system`: workers, chat against the fakes, child processes, the CLI, the browser.
 * - `reliability`: crash and restart under load, alone.
 * The root global setup starts one embedded stack for the whole run, and only when a tier that
 * needs it is in the run (`npm run test:unit` starts none).
 */
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    // Suites talk to real servers; the first run also builds them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time: most of a file's time is spent waiting on servers, fakes and queues.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: "api", include: ["test/api/**/*.test.ts"], sequence: { groupOrder: 2 } } },
      { extends: true, test: { name: "system", include: ["test/system/**/*.test.ts"], sequence: { groupOrder: 3 } } },
      {
        extends: true,
        // After the rest, alone: it runs seven processes and restarts its databases, and its
        // timing should not depend on what else happens to be running.
        test: {
          name: "reliability",
          include: ["test/reliability/**/*.test.ts"],
          provide: { reliabilitySeconds: 35 },
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
