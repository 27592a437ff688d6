/**
 * Discord waits 3 seconds for an interaction's first answer (Interactions: Receiving and
 * Responding) and then forgets it (10062): an answer that must come before any deferral (a modal,
 * autocomplete's choices) may wait this long for the API, leaving the rest of the 3 seconds for the
 * gateway's delivery and the answer's own trip. The API client itself allows 30 s a call.
 */
export const ANSWER_BUDGET_MS = 1_500;

/**
 * The work's value if it settles within `ms`, else undefined while it goes on (what it brings
 * later is the caller's to keep). A failure within the time is thrown, as the work's own.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A small store of what the API said, kept for a while and bounded in size, so an answer that
 * cannot wait for the API can say what it said last time.
 */
export class Recent<V> {
  readonly #entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at > this.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, at: Date.now() });
    // The oldest entry goes first: a Map keeps insertion order.
    while (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
