import { Client, Events, GatewayIntentBits, type Interaction, RESTEvents } from "discord.js";
import { recordChatAck } from "../../shared/metrics/process.js";
import { chatRequestId } from "../api-client.js";
import { CommandInputError } from "../core/explain.js";
import type { DiscordBotContext } from "./bot-context.js";
import { handleButton, handleMenu, handleModal } from "./buttons.js";
import { discordCommands, discordMessageCommands } from "./commands/index.js";
import { refuse } from "./reply.js";

export interface DiscordBotOptions extends DiscordBotContext {
  token: string;
  /** Discord's REST base; the gateway URL is asked from it, so a fake Discord serves both. */
  apiUrl: string;
}

const INTERACTION_CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback/;

async function onInteraction(i: Interaction, bot: DiscordBotContext): Promise<void> {
  if (i.isAutocomplete()) {
    // Autocomplete has no deferral: an answer within 3 s, or an empty list.
    const command = discordCommands.get(i.commandName);
    await command?.autocomplete?.(i, bot).catch(async (err: unknown) => {
      bot.logger.warn({ err, command: i.commandName }, "autocomplete failed");
      if (!i.responded) await i.respond([]).catch(() => {});
    });
    return;
  }
  if (!i.isChatInputCommand() && !i.isButton() && !i.isStringSelectMenu() && !i.isModalSubmit() && !i.isMessageContextMenuCommand()) return;
  const log = bot.logger.child({ requestId: chatRequestId("discord", i.id), guildId: i.guildId, userId: i.user.id });
  try {
    if (!i.inGuild()) throw new CommandInputError((t) => t.serverOnly);
    if (i.isChatInputCommand()) {
      const command = discordCommands.get(i.commandName);
      if (!command) return;
      log.info({ command: i.commandName, channelId: i.channelId }, "command");
      await command.execute(i, bot);
    } else if (i.isMessageContextMenuCommand()) {
      const command = discordMessageCommands.get(i.commandName);
      if (!command) return;
      log.info({ command: i.commandName, channelId: i.channelId }, "message command");
      await command.execute(i, bot);
    } else if (i.isButton()) {
      await handleButton(i, bot);
    } else if (i.isStringSelectMenu()) {
      await handleMenu(i, bot);
    } else {
      await handleModal(i, bot);
    }
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    // Discord forgot the interaction: its first answer reached Discord after the 3 seconds (a slow
    // gateway, a busy bot). Nothing answers it now, and its token posts nothing; the member's
    // client says the command failed, and no job was made, as every job starts after the deferral.
    if (!i.deferred && !i.replied && code === 10062) {
      log.warn({ code }, "Discord forgot the interaction: its first answer came after its 3 seconds");
      return;
    }
    log.info({ reason: err instanceof Error ? err.message : String(err) }, "interaction refused");
    // A repeated interaction fails its deferral (Discord: already acknowledged); nothing to answer then.
    if (!i.deferred && !i.replied && code === 40060) return;
    await refuse(i, err).catch((e: unknown) => log.warn({ err: e }, "could not answer the interaction"));
  }
}

/** The discord.js gateway client: commands in, API calls out; results come back through the deliver queue. */
export function createDiscordBot(opts: DiscordBotOptions) {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: opts.apiUrl } });
  // An interaction's first callback (deferral or reply) is its acknowledgement: timed from its
  // arrival here to Discord's answer, in chat_ack_duration_seconds.
  const arrivals = new Map<string, { at: number; kind: string }>();
  client.rest.on(RESTEvents.Response, (request) => {
    const id = INTERACTION_CALLBACK.exec(request.path)?.[1];
    const arrival = id ? arrivals.get(id) : undefined;
    if (!id || !arrival) return;
    arrivals.delete(id);
    recordChatAck("discord", arrival.kind, (performance.now() - arrival.at) / 1000);
  });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand() || i.isButton() || i.isStringSelectMenu()) {
      arrivals.set(i.id, { at: performance.now(), kind: i.isButton() ? "button" : i.isStringSelectMenu() ? "menu" : "command" });
      // An interaction never acknowledged is forgotten with its 15-minute token.
      setTimeout(() => arrivals.delete(i.id), 15 * 60_000).unref();
    }
    void onInteraction(i, opts);
  });
  client.on(Events.Error, (err) => opts.logger.error({ err }, "discord client error"));
  return {
    client,
    async start(): Promise<void> {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(opts.token);
      await ready;
      opts.logger.info({ user: client.user?.tag }, "discord bot connected");
    },
    async stop(): Promise<void> {
      await client.destroy();
    },
  };
}
