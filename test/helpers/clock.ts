import { vi } from "vitest";

/**
 * Runs `sign` with this process's clock set `msAgo` in the past (only `Date`; timers run as
 * usual), so what it signs carries that time: an expiry can be tested without waiting for it.
 */
export async function signedInThePast<T>(msAgo: number, sign: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - msAgo });
  try {
    return await sign();
  } finally {
    vi.useRealTimers();
  }
}
