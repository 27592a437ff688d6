/** A refusal for a limit, with the seconds until the window that refused it closes (Retry-After). */
export class RateLimited extends Error {
  override name = "RateLimited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
