/** Who and where the sandbox has: one Discord server and one Slack workspace, two channels each, and two teammates. */

export type Platform = "discord" | "slack";

export interface Teammate {
  key: string;
  name: string;
  discordId: string;
  slackId: string;
}

export const TEAMMATES: Teammate[] = [
  { key: "ann", name: "Ann", discordId: "300000000000000771", slackId: "U0ANN" },
  { key: "bob", name: "Bob", discordId: "300000000000000772", slackId: "U0BOB" },
];

export const DISCORD_GUILD = { id: "100000000000000777", name: "Sandbox" };
export const SLACK_TEAM = { id: "T0SANDBOX", name: "Sandbox" };

/** A channel of the sandbox; `dm` is the teammate's direct messages with the bot. */
export interface Place {
  id: string;
  name: string;
  dm?: boolean;
}

const CHANNELS: Record<Platform, Place[]> = {
  discord: [
    { id: "200000000000000771", name: "general" },
    { id: "200000000000000772", name: "random" },
  ],
  slack: [
    { id: "C0GENERAL", name: "general" },
    { id: "C0RANDOM", name: "random" },
  ],
};

/** The bot's DM with a teammate, as each local platform names it (Discord: the DM channel it opens; Slack: the user's id). */
export function dmOf(platform: Platform, who: Teammate): Place {
  return { id: platform === "discord" ? `dm${who.discordId}` : who.slackId, name: "content-bot", dm: true };
}

export function placesOf(platform: Platform, who: Teammate): Place[] {
  return [...CHANNELS[platform], dmOf(platform, who)];
}

export const discordChannelIds = CHANNELS.discord.map((c) => c.id);

export function teammate(key: string | undefined): Teammate {
  return TEAMMATES.find((t) => t.key === key) ?? (TEAMMATES[0] as Teammate);
}

export const platformOf = (value: string | undefined): Platform => (value === "slack" ? "slack" : "discord");

/** A member's name by their id on either platform; the bot for any other. */
export function nameOf(id: string): string {
  return TEAMMATES.find((t) => t.discordId === id || t.slackId === id)?.name ?? "content-bot";
}
