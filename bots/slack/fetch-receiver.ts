import { type App, type Receiver, type ReceiverEvent, verifySlackRequest } from "@slack/bolt";
import { recordChatAck } from "../../shared/metrics/process.js";
import type { Logger } from "../../shared/logger.js";

/** Slack gives up on an answer after 3 seconds; acks come long before, this only bounds a stuck listener. */
const ACK_TIMEOUT_MS = 2_500;

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // Buttons and other interactivity arrive as one form field holding JSON.
  return typeof form.payload === "string" ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}

/** Slack's window: a request dated further than this from now, in either direction, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** Signatures remembered at most; at ~16 requests a second for 10 minutes the oldest go first. */
const REPLAY_MEMORY_SIZE = 10_000;

/**
 * Signatures of the requests already taken, each kept until its timestamp leaves the window (after
 * that the timestamp check refuses it anyway), and at most `size` of them, oldest out first.
 *
 * A signature is the HMAC of timestamp and body, so the same signature is the same request sent
 * again: a replay. Slack's own retries (Events API: at once, after 1 and after 5 minutes, marked
 * `x-slack-retry-num` and `x-slack-retry-reason`) repeat the body; Slack does not say whether they
 * keep the first attempt's timestamp, but its last retry would fail the 5-minute check Slack tells
 * apps to make unless it is signed anew, so a retry is expected to carry a new signature and to be
 * processed, made harmless by the idempotency keys behind the commands (a command's trigger id).
 * A retry that does repeat the timestamp gets what a replay gets: a 200 with an empty body, which
 * is also the answer that stops Slack retrying.
 *
 * The memory is this process's: with several web machines behind a load balancer each keeps its
 * own, and a replay sent to another machine within the window is processed there once more (the
 * idempotency keys still make one job of it). One shared store (PostgreSQL, with a unique key on
 * the signature) would close that.
 */
class SeenSignatures {
  readonly #until = new Map<string, number>();

  constructor(private readonly size: number) {}

  /** True the first time this signature is offered; false for a replay within the window. */
  firstTime(signature: string, timestampSeconds: number, nowMs = Date.now()): boolean {
    for (const [seen, until] of this.#until) {
      if (until > nowMs) break;
      this.#until.delete(seen);
    }
    if (this.#until.has(signature)) return false;
    this.#until.set(signature, (timestampSeconds + MAX_CLOCK_SKEW_SECONDS) * 1000);
    if (this.#until.size > this.size) {
      const oldest = this.#until.keys().next().value;
      if (oldest !== undefined) this.#until.delete(oldest);
    }
    return true;
  }
}

/** What the web server knows of a request that the receiver logs with it. */
export interface RequestContext {
  requestId?: string | undefined;
}

const json = (body: unknown, status: number) => Response.json(body, { status });
const empty = () => new Response(null, { status: 200 });

/**
 * Bolt's HTTP mode as a fetch handler, `(Request) => Promise<Response>`, for whichever web server
 * mounts it. Every request's v0 signature is checked against the raw body, with a 5-minute
 * timestamp window in either direction, before anything in it is read; a request whose signature
 * was already taken is answered 200 with an empty body and not processed again. Otherwise the HTTP
 * answer is whatever the listener passes to `ack()`, sent the moment it acks.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;
  private readonly seen = new SeenSignatures(REPLAY_MEMORY_SIZE);

  constructor(
    private readonly signingSecret: string,
    private readonly logger: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  readonly handle = async (req: Request, ctx: RequestContext = {}): Promise<Response> => {
    const arrived = performance.now();
    const raw = await req.text();
    const signature = req.headers.get("x-slack-signature") ?? "";
    const timestampHeader = req.headers.get("x-slack-request-timestamp") ?? "";
    const timestamp = Number(timestampHeader);
    const refuse = (reason: string) => {
      this.logger.warn({ reason }, "slack request refused");
      return json({ error: "invalid signature or stale timestamp" }, 401);
    };
    // Bolt's check refuses only timestamps in the past; one from the future would stay valid for
    // as long as it is ahead, so both directions are checked here first.
    if (!/^\d+$/.test(timestampHeader) || Math.abs(Date.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
      return refuse(
        timestampHeader
          ? `x-slack-request-timestamp ${timestampHeader} is not within 5 minutes of now`
          : "x-slack-request-timestamp is missing",
      );
    }
    try {
      verifySlackRequest({
        signingSecret: this.signingSecret,
        body: raw,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      });
    } catch (err) {
      return refuse(err instanceof Error ? err.message : String(err));
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, req.headers.get("content-type") ?? "");
    } catch {
      return json({ error: "unreadable body" }, 400);
    }
    if (body.ssl_check) return empty();
    if (body.type === "url_verification") return json({ challenge: body.challenge }, 200);
    if (!this.app) return json({ error: "the Slack app is not ready" }, 503);
    // Remembered only when verified (a forged request cannot take a real signature's place) and
    // about to be processed (a request refused above can be sent again and be taken).
    if (!this.seen.firstTime(signature, timestamp)) {
      this.logger.warn(
        { requestId: ctx.requestId, retryNum: req.headers.get("x-slack-retry-num") ?? undefined },
        "slack request replayed; answered without processing it again",
      );
      return empty();
    }

    let answer: (value: unknown) => void = () => {};
    const acked = new Promise<unknown>((resolve) => {
      answer = resolve;
    });
    const retryNum = req.headers.get("x-slack-retry-num");
    const retryReason = req.headers.get("x-slack-retry-reason");
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => answer(response ?? null),
      ...(retryNum ? { retryNum: Number(retryNum) } : {}),
      ...(retryReason ? { retryReason } : {}),
      customProperties: { requestId: ctx.requestId },
    };
    this.app.processEvent(event).catch((err: unknown) => this.logger.error({ err }, "slack listener failed"));
    const response = await Promise.race([acked, new Promise((r) => setTimeout(() => r(undefined), ACK_TIMEOUT_MS))]);
    const kind = typeof body.command === "string" ? "command" : body.type === "block_actions" ? "action" : "other";
    recordChatAck("slack", kind, (performance.now() - arrived) / 1000);
    if (response === undefined || response === null || response === "") return empty();
    return typeof response === "string"
      ? new Response(response, { status: 200, headers: { "content-type": "text/plain; charset=UTF-8" } })
      : json(response, 200);
  };
}
