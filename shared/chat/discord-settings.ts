import { type Config, ConfigError } from "../config.js";

/**
 * The Discord settings a process needs before it talks to Discord, each missing one named in a
 * one-line ConfigError that says where to get it: the entry points print that line, not a stack.
 */
const hints = {
  DISCORD_TOKEN: "the bot's token, from the Bot page of your application at https://discord.com/developers/applications",
  DISCORD_APPLICATION_ID: "the Application ID on the General Information page of your application",
  DISCORD_BOT_API_KEY: "this service's key for the bot: npm run cli -- keys create --workspace <slug> --bot discord",
} as const;

type Needed = keyof typeof hints;

/** Throws for the first of `needed` the config lacks. Without tokens, `npm start` serves a sandbox with local fakes instead. */
export function requireDiscordSettings(config: Config, needed: Needed[]): void {
  const set: Record<Needed, string | undefined> = {
    DISCORD_TOKEN: config.discord.token,
    DISCORD_APPLICATION_ID: config.discord.applicationId,
    DISCORD_BOT_API_KEY: config.discord.botApiKey,
  };
  const missing = needed.find((name) => !set[name]);
  if (missing)
    throw new ConfigError(
      `${missing} is not set: set it to ${hints[missing]} (to try the bots without Discord, run npm start and open /sandbox)`,
    );
}
