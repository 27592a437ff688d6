import type { Config } from "../shared/config.js";

/**
 * Where the bots may download users' attachments from: the platforms' file hosts, and outside
 * production the configured API base too, where a local stand-in of the platform serves them.
 */
export function discordFileOrigins(config: Config): string[] {
  const origins = ["https://cdn.discordapp.com", "https://media.discordapp.net"];
  if (config.env !== "production") origins.push(new URL(config.discord.apiUrl).origin);
  return origins;
}

export function slackFileOrigins(config: Config): string[] {
  const origins = ["https://files.slack.com"];
  if (config.env !== "production") origins.push(new URL(config.slack.apiUrl).origin);
  return origins;
}
