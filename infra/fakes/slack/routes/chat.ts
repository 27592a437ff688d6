import type { SlackMessage } from "../handle.js";
import { messageProblem } from "../message-checks.js";
import type { SlackState } from "../state.js";
import { channelArg, refuse, type SlackApp, type SlackContext, webApiMethod } from "./web-api.js";

/** chat.postMessage, chat.update and chat.postEphemeral: messages in a conversation the bot is in, checked as Slack checks them. */
export function chatRoutes(app: SlackApp, state: SlackState) {
  /** The conversation's refusal of the message, or undefined. */
  const refusal = async (c: SlackContext) => {
    const channel = channelArg(c.get("args"));
    if (state.settings.botNotIn.has(channel)) return refuse(c, "not_in_channel");
    const problem = await messageProblem(state, c.get("args"), channel, c.get("call").method);
    if (!problem) return undefined;
    c.get("call").error = problem.error;
    return c.json({ ok: false, ...problem });
  };

  webApiMethod(app, "chat.postMessage", async (c) => {
    const refused = await refusal(c);
    if (refused) return refused;
    const args = c.get("args");
    const channel = channelArg(args);
    const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    // A reply names a message of the same channel as its parent.
    if (threadTs && !state.channels.get(channel)?.some((m) => m.ts === threadTs)) return c.json({ ok: false, error: "thread_not_found" });
    const msg: SlackMessage = {
      channel,
      ts: state.nextTs(),
      text: String(args.text ?? ""),
      blocks: (args.blocks as SlackMessage["blocks"]) ?? [],
      updates: 0,
      ...(threadTs ? { threadTs } : {}),
    };
    state.post(msg);
    return c.json({ ok: true, channel, ts: msg.ts, message: { text: msg.text, ts: msg.ts } });
  });

  webApiMethod(app, "chat.update", async (c) => {
    const refused = await refusal(c);
    if (refused) return refused;
    const args = c.get("args");
    const channel = channelArg(args);
    const msg = state.channels.get(channel)?.find((m) => m.ts === args.ts);
    if (!msg) return refuse(c, "message_not_found");
    msg.text = String(args.text ?? msg.text);
    msg.blocks = (args.blocks as SlackMessage["blocks"]) ?? msg.blocks;
    msg.updates++;
    return c.json({ ok: true, channel, ts: msg.ts, text: msg.text });
  });

  /**
   * chat.scheduleMessage: `post_at` a Unix time in the future (`time_in_past`) and at most 120
   * days ahead (`time_too_far`), the message checked as chat.postMessage's; kept until it is due.
   */
  webApiMethod(app, "chat.scheduleMessage", async (c) => {
    const args = c.get("args");
    const postAt = Number(args.post_at);
    const now = Date.now() / 1000;
    if (args.post_at === undefined || !Number.isFinite(postAt)) return refuse(c, "invalid_time");
    if (postAt <= now) return refuse(c, "time_in_past");
    if (postAt > now + 120 * 86_400) return refuse(c, "time_too_far");
    const refused = await refusal(c);
    if (refused) return refused;
    const channel = channelArg(args);
    const id = `Q${state.nextTs().replace(".", "")}`;
    state.scheduled.push({ id, channel, postAt: Math.floor(postAt), text: String(args.text ?? ""), blocks: args.blocks });
    return c.json({ ok: true, channel, scheduled_message_id: id, post_at: Math.floor(postAt) });
  });

  webApiMethod(app, "chat.postEphemeral", async (c) => {
    const refused = await refusal(c);
    if (refused) return refused;
    const args = c.get("args");
    state.ephemerals.push({
      channel: channelArg(args),
      user: String(args.user ?? ""),
      text: String(args.text ?? ""),
      blocks: args.blocks,
      at: Date.now(),
    });
    return c.json({ ok: true, message_ts: state.nextTs() });
  });
}
