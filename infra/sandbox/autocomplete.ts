import { Hono } from "hono";
import { z } from "zod";
import type { SandboxDeps } from "./deps.js";
import { autocompleteOf } from "./discord-commands.js";
import { DISCORD_GUILD, teammate } from "./world.js";

/**
 * Discord's autocomplete as the page asks for it while a teammate types: an
 * APPLICATION_COMMAND_AUTOCOMPLETE interaction sent through the local Discord for the option being
 * typed, and the choices the bot answers (at most 25), which the page offers under the message box.
 * Slack's commands have none.
 */

const asked = z.object({
  platform: z.enum(["discord", "slack"]),
  channel: z.string().min(1).max(40),
  as: z.string().max(20),
  text: z.string().max(4000),
});

/** Discord's own deadline for the bot's answer; past it the member's client shows no choices. */
const ANSWER_MS = 3_000;

async function answered<T>(read: () => T | undefined): Promise<T | undefined> {
  for (const end = Date.now() + ANSWER_MS; Date.now() < end; ) {
    const found = read();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  return read();
}

export function autocompleteRoute(deps: SandboxDeps) {
  const app = new Hono();
  app.post("/autocomplete", async (c) => {
    if (!c.req.header("content-type")?.startsWith("application/json")) return c.json({ error: "JSON only" }, 415);
    const parsed = asked.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message ?? "bad request" }, 400);
    const b = parsed.data;
    if (b.platform !== "discord" || b.channel.startsWith("dm")) return c.json({ choices: [] });
    const typing = autocompleteOf(deps.discord.registeredCommands() as never, b.text);
    if (!typing) return c.json({ choices: [] });
    const who = teammate(b.as);
    const sent = deps.discord.autocomplete({
      ...typing,
      guildId: DISCORD_GUILD.id,
      channelId: b.channel,
      user: { id: who.discordId, username: who.key },
    });
    const choices = (await answered(() => deps.discord.autocompleteChoices(sent.token))) ?? [];
    return c.json({ option: typing.focused, choices });
  });
  return app;
}
