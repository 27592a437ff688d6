import { REST } from "discord.js";
import { type DiscordFake, startDiscordFake } from "../../infra/fakes/discord/index.js";

/** The channel of the guild `discordWithChannel` sets up. */
export const FAKE_CHANNEL = "200000000000000001";

/** A Discord fake with one guild and one channel the bot is in, and a discord.js REST client on the bot's token. */
export async function discordWithChannel(): Promise<{ discord: DiscordFake; rest: REST }> {
  const discord = await startDiscordFake();
  discord.addGuild({ id: "100000000000000001", name: "Acme", channelIds: [FAKE_CHANNEL] });
  return { discord, rest: new REST({ api: discord.apiUrl, version: "10", retries: 0 }).setToken(discord.token) };
}
