import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/** `npm run test:reliability`: the crash-and-restart suite alone, with a longer run of load and faults. */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/reliability.test.ts"],
      provide: { reliabilitySeconds: 140 },
    },
  }),
);
