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

/** What the web server knows of a request that the receiver logs with it. */
export interface RequestContext {
  requestId?: string | undefined;
}

const json = (body: unknown, status: number) => Response.json(body, { status });
const empty = () => new Response(null, { status: 200 });

/**
 * Bolt's HTTP mode as a fetch handler, `(Request) => Promise<Response>`, for whichever web server
 * mounts it. Every request's v0 signature is checked against the raw body, with a 5-minute
 * timestamp window, before anything in it is read; the HTTP answer is whatever the listener
 * passes to `ack()`, sent the moment it acks.
 */
export class FetchReceiver implements Receiver {
  private app: App | undefined;

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
    const timestamp = Number(req.headers.get("x-slack-request-timestamp"));
    try {
      verifySlackRequest({ signingSecret: this.signingSecret, body: raw, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp } });
    } catch (err) {
      this.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, "slack request refused");
      return json({ error: "invalid signature or stale timestamp" }, 401);
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
    return typeof response === "string" ? new Response(response, { status: 200, headers: { "content-type": "text/plain; charset=UTF-8" } }) : json(response, 200);
  };
}
