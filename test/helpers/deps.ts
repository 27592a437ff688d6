import { useFixture } from "./use-fixture.js";
import { createRecordingQueue } from "../../bench/recording-queue.js";
import { type ConnectedDeps, connectDeps } from "../../server/deps-connect.js";
import { createLogger } from "../../shared/logger.js";
import { createTestDatabase, testConfig } from "./stack.js";

/** The web process's dependencies on a database, Mongo database and bucket of this file's own. */
export async function connectTestDeps(): Promise<{ deps: ConnectedDeps; databaseUrl: string; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const config = testConfig({ databaseUrl: database.url });
  const deps = await connectDeps(config, createLogger(config), createRecordingQueue());
  return {
    deps,
    databaseUrl: database.url,
    async close() {
      await deps.close();
      await database.drop();
    },
  };
}

/** Connects before the file's tests and closes after them; read `t.deps` inside tests. */
export function useTestDeps(): Awaited<ReturnType<typeof connectTestDeps>> {
  return useFixture(connectTestDeps);
}
