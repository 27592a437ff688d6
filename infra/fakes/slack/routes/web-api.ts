import type { Context, Hono, MiddlewareHandler } from "hono";
import type { SlackCall } from "../handle.js";
import { METHOD_SCOPES } from "../scopes.js";
import type { Grant, SlackState } from "../state.js";

/**
 * What every Web API method (`/api/<method>`, form or JSON arguments) goes through before its own
 * route: the call is recorded, a rate limit a test set answers 429, then the bot token is checked
 * (unknown, revoked, missing the method's scope, a conversation of another workspace), the
 * channel's pace for chat.postMessage, and failures a test injected. Slack refuses with HTTP 200
 * and `{ ok: false, error }`.
 */

export type SlackEnv = { Variables: { call: SlackCall; args: Record<string, unknown>; grant: Grant } };
export type SlackApp = Hono<SlackEnv>;
export type SlackContext = Context<SlackEnv>;

/** A refusal recorded on the call, as Slack answers it: HTTP 200. */
export function refuse(c: SlackContext, error: string, more: Record<string, unknown> = {}) {
  c.get("call").error = error;
  return c.json({ ok: false, error, ...more });
}

/** The conversation a method names in `channel`. */
export const channelArg = (args: Record<string, unknown>) => String(args.channel ?? "");

function parseArgs(raw: string, type: string): Record<string, unknown> {
  if (!raw) return {};
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // WebClient form-encodes arrays and objects as JSON strings.
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/** Records the call with its arguments; a rate limit a test set answers before anything else. */
export function recordCall(state: SlackState): MiddlewareHandler<SlackEnv> {
  return async (c, next) => {
    const method = c.req.path.replace(/^\/api\//, "");
    const args = parseArgs(await c.req.text(), c.req.header("content-type") ?? "");
    const call: SlackCall = { method, args, at: Date.now(), status: 200 };
    state.calls.push(call);
    c.set("call", call);
    c.set("args", args);
    const delay = state.settings.callDelays.get(method);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const limit = state.limits.find((l) => l.method === method && l.left > 0);
    if (limit) {
      limit.left--;
      call.status = 429;
      return c.json({ ok: false, error: "ratelimited" }, 429, { "retry-after": String(limit.retryAfter) });
    }
    await next();
  };
}

/** The bot token's checks, the channel's pace and injected failures, in the order Slack would meet them. */
export function checkGrant(state: SlackState): MiddlewareHandler<SlackEnv> {
  return async (c, next) => {
    const call = c.get("call");
    const { method } = call;
    const args = c.get("args");
    const grant = state.grants.get((c.req.header("authorization") ?? "").replace(/^Bearer /, ""));
    if (!grant) return refuse(c, "invalid_auth");
    if (grant.teamId) call.team = grant.teamId;
    if (grant.revoked) return refuse(c, "token_revoked");
    const needed = METHOD_SCOPES[method];
    const scopes = grant.scopes ?? state.settings.scopes;
    if (needed && !scopes.has(needed)) return refuse(c, "missing_scope", { needed, provided: [...scopes].join(",") });
    const channel = channelArg(args);
    // A conversation of another workspace does not exist for this token.
    const target = channel || (typeof args.channel_id === "string" ? args.channel_id : "");
    const team = state.channelTeams.get(target);
    if (grant.teamId && target && team !== undefined && team !== grant.teamId) return refuse(c, "channel_not_found");
    const pace = state.settings.channelPostLimit;
    if (method === "chat.postMessage" && pace && !state.takePostSlot(channel, pace)) {
      call.status = 429;
      call.error = "ratelimited";
      return c.json({ ok: false, error: "ratelimited" }, 429, { "retry-after": "1" });
    }
    const failure = state.failures.find((f) => f.method === method && f.left > 0 && (f.channel === undefined || f.channel === channel));
    if (failure) {
      failure.left--;
      return refuse(c, failure.error);
    }
    c.set("grant", grant);
    await next();
  };
}

/** A Web API method's route: Slack takes any HTTP method at `/api/<method>`. */
export function webApiMethod(app: SlackApp, method: string, handler: (c: SlackContext) => Response | Promise<Response>) {
  app.all(`/api/${method}`, handler);
}
