import type { AssemblyAiFake, SubmissionFailure } from "./handle.js";
import type { Store } from "./store.js";
import type { Outcome } from "./transcription.js";
import type { FakeTranscript } from "./transcript-record.js";

/**
 * What one running emulator holds: its transcripts and uploads, the failures a test asked for,
 * the work it started on its own, and the test's handle.
 */
export interface AssemblyAiState {
  /** The emulator's own origin, known once it listens. */
  readonly origin: string;
  /** The handle the test holds, whose settings the emulator reads as it answers. */
  readonly fake: AssemblyAiFake;
  readonly store: Store;
  readonly uploads: Map<string, Buffer>;
  readonly transcripts: Map<string, FakeTranscript>;
  /** The last submission's number. */
  seq: number;
  readonly submissionFailures: SubmissionFailure[];
  readonly transcriptFailures: string[];
  readonly timers: Set<NodeJS.Timeout>;
  readonly inFlight: Set<Promise<unknown>>;
  /** The outcome being worked out for each transcript, so it is worked out once. */
  readonly finishing: Map<string, Promise<Outcome>>;
  closed: boolean;
}

/** Runs work the emulator starts on its own (webhooks), so close() can wait for it. */
function track<T>(state: AssemblyAiState, work: Promise<T>): Promise<T> {
  state.inFlight.add(work);
  void work.finally(() => state.inFlight.delete(work)).catch(() => {});
  return work;
}

/** Runs `run` in `ms`, unless the emulator has closed by then. */
export function later(state: AssemblyAiState, ms: number, run: () => Promise<void>): void {
  const timer = setTimeout(
    () => {
      state.timers.delete(timer);
      if (!state.closed) void track(state, run());
    },
    Math.max(0, ms),
  );
  state.timers.add(timer);
}

/** Stores the transcript, unless the emulator has closed. */
export const save = (state: AssemblyAiState, t: FakeTranscript) => (state.closed ? Promise.resolve() : state.store.saveTranscript(t));
