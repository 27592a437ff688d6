/**
 * Why the jobs domain refused a call. The codes are the API's error vocabulary; one adapter per
 * interface (the tRPC middleware, and through it the REST routes) turns them into responses.
 */
export type JobsErrorCode =
  | "BAD_REQUEST"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  /** A provider the call needs is down or did not answer in time (503): the same call may work later. */
  | "SERVICE_UNAVAILABLE"
  /** A provider answered something that cannot be used (502). */
  | "BAD_GATEWAY";

export class JobsError extends Error {
  override name = "JobsError";
  constructor(
    readonly code: JobsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The one answer for a job that is missing, deleted, or not the caller's to see, so ids cannot be probed. */
export const jobNotFound = (jobId: string) => new JobsError("NOT_FOUND", `job ${jobId} was not found`);
