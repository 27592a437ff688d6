import { type App, type Receiver, type ReceiverEvent, verifySlackRequest } from "@slack/bolt";
import { recordChatAck } from "../../shared/metrics/process.js";
import type { Context } from "hono";
import type { Logger } from "../../shared/logger.js";

/** Slack gives up on an answer after 3 seconds; acks come long before, this only bounds a stuck listener. */
const ACK_TIMEOUT_MS = 2_500;

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // Buttons and other interactivity arrive as one form field holding JSON.
  return typeof form.payload === "string" ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}

/**
 * Bolt's HTTP mode on our Hono server. Every request's v0 signature is checked against the raw
 * body, with a 5-minute timestamp window, before anything in it is read; the HTTP answer is
 * whatever the listener passes to `ack()`, sent the moment it acks.
 */
export class HonoReceiver implements Receiver {
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

  readonly handle = async (c: Context): Promise<Response> => {
    const arrived = performance.now();
    const raw = await c.req.text();
    const signature = c.req.header("x-slack-signature") ?? "";
    const timestamp = Number(c.req.header("x-slack-request-timestamp"));
    try {
      verifySlackRequest({ signingSecret: this.signingSecret, body: raw, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp } });
    } catch (err) {
      this.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, "slack request refused");
      return c.json({ error: "invalid signature or stale timestamp" }, 401);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, c.req.header("content-type") ?? "");
    } catch {
      return c.json({ error: "unreadable body" }, 400);
    }
    if (body.ssl_check) return c.body(null, 200);
    if (body.type === "url_verification") return c.json({ challenge: body.challenge });
    if (!this.app) return c.json({ error: "the Slack app is not ready" }, 503);

    let answer: (value: unknown) => void = () => {};
    const acked = new Promise<unknown>((resolve) => {
      answer = resolve;
    });
    const retryNum = c.req.header("x-slack-retry-num");
    const retryReason = c.req.header("x-slack-retry-reason");
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => answer(response ?? null),
      ...(retryNum ? { retryNum: Number(retryNum) } : {}),
      ...(retryReason ? { retryReason } : {}),
      customProperties: { requestId: c.get("requestId" as never) },
    };
    this.app.processEvent(event).catch((err: unknown) => this.logger.error({ err }, "slack listener failed"));
    const response = await Promise.race([acked, new Promise((r) => setTimeout(() => r(undefined), ACK_TIMEOUT_MS))]);
    const kind = typeof body.command === "string" ? "command" : body.type === "block_actions" ? "action" : "other";
    recordChatAck("slack", kind, (performance.now() - arrived) / 1000);
    if (response === undefined || response === null || response === "") return c.body(null, 200);
    return typeof response === "string" ? c.text(response, 200) : c.json(response as object, 200);
  };
}
