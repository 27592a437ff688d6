import { Hono } from "hono";
import { z } from "zod";
import { commandInputRefusal } from "../fakes/discord/command-limits.js";
import { manifestCommands } from "../fakes/slack/scopes.js";
import type { Activity } from "./activity.js";
import type { SandboxDeps } from "./deps.js";
import { parseDiscordCommand } from "./discord-commands.js";
import { discordMessages } from "./discord-feed.js";
import { slackValues } from "./modals.js";
import { type MemberFile, memberFile, pickedFile, withFileLink } from "./uploads.js";
import { DISCORD_GUILD, SLACK_TEAM, platformOf, teammate } from "./world.js";

/**
 * What a teammate does on the page, done through the fakes' member actions: a slash command, a
 * click on a bot's button, a choice in its menu, a modal submitted, a Slack message shortcut; files picked with a command go with it as a member's
 * uploads. JSON only, so another site's form cannot post here.
 */

const body = z.object({
  platform: z.enum(["discord", "slack"]),
  channel: z.string().min(1).max(40),
  as: z.string().max(20),
  text: z.string().max(4000).optional(),
  action: z.string().max(255).optional(),
  /** A menu's chosen option. */
  value: z.string().max(150).optional(),
  message: z.string().max(40).optional(),
  label: z.string().max(80).optional(),
  ephemeral: z.boolean().optional(),
  id: z.string().max(255).optional(),
  fields: z.record(z.string(), z.string().max(4000)).optional(),
  files: z.array(pickedFile).max(3).optional(),
});
type Body = z.infer<typeof body>;

const refused = (error: string) => Response.json({ error }, { status: 400 });

/** The app's answer to a Slack request, when it carries a message (Bolt's `ack` with text or blocks). */
function answerOf(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : { text };
  } catch {
    return { text };
  }
}

export function memberRoutes(deps: SandboxDeps, activity: Activity) {
  const app = new Hono();
  const eventsUrl = (requestUrl: string) => `${new URL(requestUrl).origin}/slack/events`;

  async function command(b: Body, events: string): Promise<Response> {
    const who = teammate(b.as);
    const typed = (b.text ?? "").trim();
    const files: MemberFile[] = [];
    for (const picked of b.files ?? []) {
      const file = memberFile(picked);
      if (file instanceof Error) return refused(file.message);
      files.push(file);
    }
    if (b.platform === "discord") {
      if (b.channel.startsWith("dm")) return refused("the bot's commands answer in servers, not in DMs: pick a channel");
      if (files.some((f) => !f.option)) return refused("which of the command's options is the file for?");
      const parsed = parseDiscordCommand(
        deps.discord.registeredCommands() as never,
        typed,
        files.map((f) => f.option ?? ""),
      );
      if (parsed instanceof Error) return refused(parsed.message);
      const refusal = commandInputRefusal(deps.discord.registeredCommands(), parsed.name, parsed.options);
      if (refusal) return refused(refusal);
      const shown = [typed, ...files.map((f) => `${f.option}: ${f.name}`)].join(" ");
      const act = activity.add({ platform: "discord", channel: b.channel, who: who.key, text: shown });
      const sent = deps.discord.slashCommand({
        ...parsed,
        ...(files.length
          ? {
              attachments: Object.fromEntries(
                files.map((f) => [f.option, { fileName: f.name, contentType: f.contentType, bytes: f.bytes }]),
              ),
            }
          : {}),
        guildId: DISCORD_GUILD.id,
        channelId: b.channel,
        user: { id: who.discordId, username: who.key },
      });
      act.discordToken = sent.token;
      return Response.json({ ok: true });
    }
    const m = /^(\/\S+)\s*([\s\S]*)$/.exec(typed);
    if (!m || !manifestCommands().some((c) => c.command === m[1]))
      return refused(
        `${m?.[1] ?? typed} is not a command of the app; it has ${manifestCommands()
          .map((c) => c.command)
          .join(", ")}`,
      );
    const hint = manifestCommands().find((c) => c.command === m[1])?.hint ?? "";
    const [file, ...more] = files;
    if (more.length) return refused("a Slack command takes one shared file");
    let text = m[2] ?? "";
    if (file) {
      // Slack commands carry no files: the member shares it in the conversation, and the command names its link.
      const shared = deps.slack.shareFile({
        channelId: b.channel,
        userId: who.slackId,
        name: file.name,
        mimetype: file.contentType,
        bytes: file.bytes,
      });
      activity.firstSeen(`${b.channel}:${shared.ts}`);
      text = withFileLink(text, `<${shared.permalink}|${file.name}>`, hint);
    }
    // Recorded before it is sent, so the page orders what the app posts meanwhile after it.
    const act = activity.add({
      platform: "slack",
      channel: b.channel,
      who: who.key,
      text: file ? withFileLink(typed, file.name, hint) : typed,
    });
    const sent = await deps.slack.slashCommand({
      command: m[1] ?? "",
      text,
      teamId: SLACK_TEAM.id,
      userId: who.slackId,
      channelId: b.channel,
      eventsUrl: events,
    });
    act.slackResponseId = sent.responseUrl.split("/").pop() ?? "";
    const answer = answerOf(sent.body);
    if (answer) act.slackAnswer = answer;
    return sent.status === 200 ? Response.json({ ok: true }) : refused(`the app answered ${sent.status}: Slack shows "dispatch_failed"`);
  }

  async function click(b: Body, events: string): Promise<Response> {
    const who = teammate(b.as);
    const text = `clicked ${b.label ?? b.action ?? "a button"}`;
    if (!b.action) return refused("which button?");
    if (b.platform === "discord") {
      const message = discordMessages(deps.discord, activity, b.channel).find((x) => x.message.id === b.message)?.message;
      if (!message) return refused("that message is gone");
      const act = activity.add({ platform: "discord", channel: b.channel, who: who.key, text });
      act.discordToken = deps.discord.clickButton({
        message,
        customId: b.action,
        user: { id: who.discordId, username: who.key },
        guildId: DISCORD_GUILD.id,
      }).token;
      return Response.json({ ok: true });
    }
    const act = activity.add({ platform: "slack", channel: b.channel, who: who.key, text });
    const sent = await deps.slack.clickButton({
      actionId: b.action,
      teamId: SLACK_TEAM.id,
      userId: who.slackId,
      channelId: b.channel,
      ...(b.message ? { messageTs: b.message } : {}),
      ephemeral: b.ephemeral ?? false,
      eventsUrl: events,
    });
    act.slackResponseId = sent.responseUrl.split("/").pop() ?? "";
    return Response.json({ ok: true });
  }

  /** A choice in a bot's select menu, as the platform's client sends it; one the menu does not offer is refused by the fake. */
  async function choose(b: Body, events: string): Promise<Response> {
    const who = teammate(b.as);
    if (!b.action || !b.value) return refused("which menu, and which option?");
    const text = `chose ${b.label ?? b.value}`;
    try {
      if (b.platform === "discord") {
        const message = discordMessages(deps.discord, activity, b.channel).find((x) => x.message.id === b.message)?.message;
        if (!message) return refused("that message is gone");
        const act = activity.add({ platform: "discord", channel: b.channel, who: who.key, text });
        const user = { id: who.discordId, username: who.key };
        act.discordToken = deps.discord.chooseOption({
          message,
          customId: b.action,
          values: [b.value],
          user,
          guildId: DISCORD_GUILD.id,
        }).token;
        return Response.json({ ok: true });
      }
      // The message's blocks: a channel message by its ts, or an answer only the chooser sees.
      const action = b.action;
      const holds = (blocks: unknown) => JSON.stringify(blocks ?? []).includes(JSON.stringify(action));
      const blocks =
        deps.slack.messages(b.channel).find((m) => m.ts === b.message && holds(m.blocks))?.blocks ??
        [...deps.slack.responses].reverse().find((r) => holds((r.body as { blocks?: unknown }).blocks))?.body.blocks;
      const act = activity.add({ platform: "slack", channel: b.channel, who: who.key, text });
      const sent = await deps.slack.chooseOption({
        blocks,
        actionId: action,
        value: b.value,
        teamId: SLACK_TEAM.id,
        userId: who.slackId,
        channelId: b.channel,
        ...(b.message ? { messageTs: b.message } : {}),
        ephemeral: b.ephemeral ?? false,
        eventsUrl: events,
      });
      act.slackResponseId = sent.responseUrl.split("/").pop() ?? "";
      return Response.json({ ok: true });
    } catch (err) {
      return refused(err instanceof Error ? err.message : String(err));
    }
  }

  async function submit(b: Body, events: string): Promise<Response> {
    const who = teammate(b.as);
    if (!b.id) return refused("which form?");
    const fields = b.fields ?? {};
    if (b.platform === "discord") {
      try {
        const sent = deps.discord.submitModal({ user: { id: who.discordId, username: who.key }, customId: b.id, values: fields });
        activity.add({ platform: "discord", channel: b.channel, who: who.key, text: "submitted the form", discordToken: sent.token });
      } catch (err) {
        return refused(err instanceof Error ? err.message : String(err));
      }
      return Response.json({ ok: true });
    }
    try {
      activity.add({ platform: "slack", channel: b.channel, who: who.key, text: "submitted the form" });
      const sent = await deps.slack.submitView({
        userId: who.slackId,
        teamId: SLACK_TEAM.id,
        callbackId: b.id,
        values: slackValues(fields),
        eventsUrl: events,
      });
      const errors = (answerOf(sent.body) as { response_action?: string; errors?: Record<string, string> } | undefined) ?? {};
      if (errors.response_action === "errors") return refused(Object.values(errors.errors ?? {}).join("; "));
      return sent.status === 200 ? Response.json({ ok: true }) : refused(`the app answered ${sent.status}`);
    } catch (err) {
      return refused(err instanceof Error ? err.message : String(err));
    }
  }

  /** Slack: a message shortcut from a message's menu (Transcribe this file), with the message and its files. */
  async function shortcut(b: Body, events: string): Promise<Response> {
    const who = teammate(b.as);
    if (b.platform !== "slack" || !b.action) return refused("message shortcuts are Slack's");
    const message = deps.slack.messages(b.channel).find((m) => m.ts === b.message);
    if (!message) return refused("that message is gone");
    const files = (message.files ?? []).flatMap((id) => {
      const f = deps.slack.sharedFile(id);
      return f ? [{ id, name: f.name, mimetype: f.mimetype }] : [];
    });
    const act = activity.add({ platform: "slack", channel: b.channel, who: who.key, text: `used ${b.label ?? b.action}` });
    const sent = await deps.slack.shortcut({
      type: "message_action",
      callbackId: b.action,
      teamId: SLACK_TEAM.id,
      userId: who.slackId,
      channelId: b.channel,
      message: { ts: message.ts, text: message.text, files },
      eventsUrl: events,
    });
    if (sent.responseUrl) act.slackResponseId = sent.responseUrl.split("/").pop() ?? "";
    return sent.status === 200 ? Response.json({ ok: true }) : refused(`the app answered ${sent.status}`);
  }

  const handlers = { command, click, choose, modal: submit, shortcut };
  for (const [name, handle] of Object.entries(handlers)) {
    app.post(`/${name}`, async (c) => {
      if (!c.req.header("content-type")?.startsWith("application/json")) return c.json({ error: "JSON only" }, 415);
      const parsed = body.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message ?? "bad request" }, 400);
      return handle({ ...parsed.data, platform: platformOf(parsed.data.platform) }, eventsUrl(c.req.url));
    });
  }
  return app;
}
