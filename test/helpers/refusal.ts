import { PermanentJobError } from "../../queue/workers/outcome.js";

/** The PermanentJobError `fn` throws; any other error is rethrown, and no error at all fails the test. */
export function refusal(fn: () => unknown): PermanentJobError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PermanentJobError) return err;
    throw err;
  }
  throw new Error("the archive was not refused");
}
