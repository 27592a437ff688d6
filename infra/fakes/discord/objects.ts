import type { FakeUser } from "./handle.js";

/** Discord's objects as its API and gateway show them: ids, users, guilds. */

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
export function snowflake(): string {
  sequence = (sequence + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

export const ALL_PERMISSIONS = "2251799813685247";

export function userObject(u: FakeUser, bot = false) {
  return { id: u.id, username: u.username, global_name: u.username, discriminator: "0", avatar: null, bot, public_flags: 0 };
}

export interface Guild {
  id: string;
  name: string;
  channelIds: string[];
}

/** A guild as GUILD_CREATE brings it: the bot's view of it, with a text channel per id. */
export function guildCreate(g: Guild) {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: snowflake(),
    features: [],
    roles: [
      {
        id: g.id,
        name: "@everyone",
        permissions: ALL_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    members: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: g.channelIds.map((id, position) => ({
      id,
      type: 0,
      guild_id: g.id,
      name: `channel-${position}`,
      position,
      permission_overwrites: [],
    })),
    member_count: 1,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    premium_tier: 0,
    preferred_locale: "en-US",
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    system_channel_flags: 0,
  };
}
