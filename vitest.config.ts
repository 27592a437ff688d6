import { defineConfig } from "vitest/config";

/**
 * The API and unit part (`npm run test:fast`): the app through `app.request()` and `createCaller`,
 * the stores, the fakes' contracts. No workers, no child processes.
 */
const FAST = [
  "test/architecture.test.ts",
  "test/config.test.ts",
  "test/ssrf.test.ts",
  "test/ssrf-rebinding.test.ts",
  "test/fal-signature.test.ts",
  "test/assemblyai-contract.test.ts",
  "test/fal-contract.test.ts",
  "test/slack-manifest.test.ts",
  "test/slack-fake.test.ts",
  "test/discord-fake.test.ts",
  "test/mongo-driver-patch.test.ts",
  "test/mongo.test.ts",
  "test/sql.test.ts",
  "test/cleanup.test.ts",
  "test/api-client.test.ts",
  "test/rate-limit.test.ts",
  "test/app.test.ts",
  "test/authorization.test.ts",
  "test/job-sweep.test.ts",
  "test/queues.test.ts",
  "test/metrics.test.ts",
  "test/security.test.ts",
  "test/security-findings.test.ts",
  "test/storage.test.ts",
  "test/api-behaviour.test.ts",
  "test/api-scale.test.ts",
];

const RELIABILITY = "test/reliability.test.ts";

export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    // Suites talk to real servers; the first run also builds them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time: most of a file's time is spent waiting on servers, fakes and queues.
    maxWorkers: 2,
    // Groups run one after another, in this order; `npm test` runs them all.
    projects: [
      { extends: true, test: { name: "fast", include: FAST, sequence: { groupOrder: 1 } } },
      // The queue, the workers, the chat bots and the processes that start their own (CLI, workers,
      // npm start, the build): most of their time is waiting on those.
      {
        extends: true,
        test: { name: "work", include: ["test/**/*.test.ts"], exclude: [...FAST, RELIABILITY], sequence: { groupOrder: 2 } },
      },
      {
        extends: true,
        // After the rest, alone: it runs seven processes and restarts its databases, and its
        // timing should not depend on what else happens to be running.
        test: { name: "reliability", include: [RELIABILITY], provide: { reliabilitySeconds: 35 }, sequence: { groupOrder: 3 } },
      },
    ],
  },
});
