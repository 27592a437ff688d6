import { afterAll, beforeAll } from "vitest";

/**
 * Starts a fixture before a file's tests and closes it after them. The returned object is
 * filled in by `beforeAll`, so tests read its fields when they run, not when they are declared.
 */
export function useFixture<T extends { close(): Promise<unknown> }>(start: () => Promise<T>, timeoutMs?: number): T {
  const fixture = {} as T;
  beforeAll(async () => {
    // Descriptors, not values: a fixture's getters stay getters, read when a test reads them.
    Object.defineProperties(fixture, Object.getOwnPropertyDescriptors(await start()));
  }, timeoutMs);
  afterAll(() => fixture.close());
  return fixture;
}
