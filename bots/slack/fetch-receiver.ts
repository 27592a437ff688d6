import { type App, type Receiver, type ReceiverEvent, verifySlackRequest } from "@slack/bolt";
import { recordChatAck } from "../../shared/metrics/process.js";
import type { Logger } from "../../shared/logger.js";
import { sha256Hex, type UsedOnce } from "./used-once.js";

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
/**
 * The only signature header Slack sends: version v0 and the HMAC-SHA256 in lowercase hex. Bolt's
 * check splits the header on `=` and ignores what follows the second part, so `v0=<hex>=x` would
 * pass it: anything but this exact form is refused before it.
 */
const SIGNATURE_FORM = /^v0=[0-9a-f]{64}$/;
/** A claim outlives its request's window by this much, for clocks of web machines that differ a little. */
const CLAIM_MARGIN_SECONDS = 60;

/**
 * What a verified request is, whatever header carried its signature: the signature is the HMAC
 * of timestamp and body, so the same timestamp and body are the same request sent again.
 *
 * Slack's own retries (Events API: at once, after 1 and after 5 minutes, marked
 * `x-slack-retry-num` and `x-slack-retry-reason`) repeat the body; Slack does not say whether they
 * keep the first attempt's timestamp, but its last retry would fail the 5-minute check Slack tells
 * apps to make unless it is signed anew, so a retry is expected to carry a new timestamp and to be
 * processed, made harmless by the idempotency keys behind the commands (a command's trigger id).
 * A retry that does repeat the timestamp gets what a replay gets: a 200 with an empty body, which
 * is also the answer that stops Slack retrying.
 */
export const requestKey = (timestamp: number, raw: string) => `request:${timestamp}:${sha256Hex(raw)}`;

/** What the web server knows of a request that the receiver logs with it. */
export interface RequestContext {
  requestId?: string | undefined;
}

const json = (body: unknown, status: number) => Response.json(body, { status });
const empty = () => new Response(null, { status: 200 });

/**
 * Bolt's HTTP mode as a fetch handler, `(Request) => Promise<Response>`, for whichever web server
 * mounts it. Every request's v0 signature (exactly `v0=` and 64 lowercase hex digits) is checked
 * against the raw body, with a 5-minute timestamp window in either direction, before anything in
 * it is read; a request already taken, by this web machine or another (claims in PostgreSQL), is
 * answered 200 with an empty body and not processed again. Otherwise the HTTP answer is whatever
 * the listener passes to `ack()`, sent the moment it acks.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;
  constructor(
    private readonly signingSecret: string,
    private readonly logger: Logger,
    private readonly taken: UsedOnce,
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
    if (!SIGNATURE_FORM.test(signature)) return refuse("x-slack-signature is not v0= and 64 lowercase hex digits");
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
    // Claimed only when verified (a forged request cannot take a real one's place) and about to be
    // processed (a request refused above can be sent again and be taken).
    let first: boolean;
    try {
      first = await this.taken.claim(
        requestKey(timestamp, raw),
        new Date((timestamp + MAX_CLOCK_SKEW_SECONDS + CLAIM_MARGIN_SECONDS) * 1000),
      );
    } catch (err) {
      // Not known to be new: not processed. Slack retries an event; a user sees the command fail and sends it again.
      this.logger.error({ err, requestId: ctx.requestId }, "slack request not taken: its replay check failed");
      return json({ error: "try again" }, 503);
    }
    if (!first) {
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
