import { PermissionFlagsBits } from "discord.js";

/**
 * The channel permissions the bot's own calls need, each with the call that needs it. Commands and
 * their replies within the 15-minute interaction need none (an interaction answers anywhere);
 * what follows is for the bot posting and editing with its own token after that.
 */
export const BOT_PERMISSIONS = {
  ViewChannel: "see the channel, to post a result there and edit its reply",
  SendMessages: "post a result after the interaction window",
  SendMessagesInThreads: "the same, for a command run in a thread",
  EmbedLinks: "results are embeds",
  AttachFiles: "results carry their pictures and transcripts as files (links only without it)",
  ReadMessageHistory: "a rerun's result replies to the message whose button made it (posted without the reply without it)",
} as const satisfies Partial<Record<keyof typeof PermissionFlagsBits, string>>;

/** The permissions as the integer an invite link carries. */
export function botPermissionBits(): bigint {
  return Object.keys(BOT_PERMISSIONS).reduce((bits, name) => bits | PermissionFlagsBits[name as keyof typeof PermissionFlagsBits], 0n);
}

/** The link that adds the bot to a server with its commands and the permissions above. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${botPermissionBits()}`;
}
