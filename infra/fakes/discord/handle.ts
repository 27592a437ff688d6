/** What a test holds of the local Discord: what it recorded, what a test tunes, and the members' side of the bot. */

import type { ClientView } from "./client-view.js";

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
  at: number;
  status: number;
}

export interface FakeUser {
  id: string;
  username: string;
}

export interface StoredMessage extends Record<string, unknown> {
  id: string;
  channel_id: string;
}

export type OptionValue = string | number | boolean;

export interface SlashOptions {
  name: string;
  guildId: string;
  channelId: string;
  user: FakeUser;
  /** Option values by name; an object is a subcommand with its own options (`{ set: { scope: "channel" } }`). */
  options?: Record<string, OptionValue | Record<string, OptionValue>>;
  /**
   * Attachment options: option name → a file served by this fake (`serveFile`), or `bytes` the
   * member uploads with the command, which the CDN then serves at a path of its own, named `fileName`.
   */
  attachments?: Record<string, { fileName: string; contentType: string; size?: number; bytes?: Buffer }>;
  /** Resend an interaction Discord already delivered (same id and token). */
  id?: string;
  /**
   * The bot gets the interaction this long after Discord made it (a slow gateway, a bot busy
   * elsewhere): its 3 seconds for a first answer count from its making, as Discord's do.
   */
  lagMs?: number;
}

/** What a test tunes while the fake runs; the routes read it at each request. */
export interface DiscordSettings {
  /** How long an interaction token may edit its messages: 15 minutes, as Discord's; tests shorten it. */
  tokenLifetimeMs: number;
  /** Channels the bot cannot see (no View Channel): posting there answers 403 Missing Access (50001). */
  noAccess: Set<string>;
  /** Channels the bot sees but may not write in (no Send Messages): 403 Missing Permissions (50013). */
  cannotSend: Set<string>;
  /** A user's client language, as an interaction's `locale` says it (`de`, `fr`…); unset: en-US. */
  userLocales: Map<string, string>;
  /** A member's permissions in the guild, as Discord's bit string; unset: all of them, as the server's owner. */
  memberPermissions: Map<string, string>;
  /** Users who accept no DMs from the bot (closed DMs, no shared server, blocked): 403, 50007. */
  dmsClosed: Set<string>;
  /** The largest file a message may carry (Discord: 10 MiB without boosts); larger answers 413, 40005. */
  attachmentLimitBytes: number;
}

export interface DiscordFake extends DiscordSettings {
  /** Base of REST, as DISCORD_API_URL: `<origin>/api`. */
  apiUrl: string;
  origin: string;
  token: string;
  applicationId: string;
  calls: RecordedCall[];
  /** Resolves when a client has identified and been sent READY. */
  ready(): Promise<void>;
  addGuild(guild: { id: string; name: string; channelIds: string[] }): void;
  serveFile(fileName: string, bytes: Buffer): string;
  /** A member runs a slash command. Throws when its client would not send it: a value outside a registered option's choices. */
  slashCommand(opts: SlashOptions): { id: string; token: string; sentAt: number; payload: Record<string, unknown> };
  autocomplete(opts: SlashOptions & { focused: string }): { id: string; token: string };
  /** The choices the bot answered an autocomplete interaction with (callback type 8); undefined until it answered. */
  autocompleteChoices(token: string): Array<{ name: string; value: string | number }> | undefined;
  /** Clicks a button on a message this fake holds (one the bot posted or edited). */
  clickButton(opts: { message: StoredMessage; customId: string; user: FakeUser; guildId: string; lagMs?: number }): {
    id: string;
    token: string;
    sentAt: number;
  };
  /**
   * Chooses options in a string select (component type 3) on a message this fake holds: a
   * MESSAGE_COMPONENT interaction with `data.component_type` 3 and the chosen `values`. Throws
   * when the message has no such select, or the values are not among its options or break its
   * min/max (Discord's client would not send them).
   */
  chooseOption(opts: { message: StoredMessage; customId: string; values: string[]; user: FakeUser; guildId: string; lagMs?: number }): {
    id: string;
    token: string;
    sentAt: number;
  };
  /**
   * The user fills in and submits a modal the bot showed them (interaction response type 9):
   * a MODAL_SUBMIT interaction with the values by input custom_id. Throws when no such modal was
   * shown to them, or when the values break its inputs' rules (Discord's client would not send them).
   */
  submitModal(opts: { user: FakeUser; customId: string; values: Record<string, string> }): { id: string; token: string; sentAt: number };
  /** A member's message in a channel, with files as Discord's CDN serves attachments. */
  userMessage(opts: {
    channelId: string;
    user: FakeUser;
    content?: string;
    files?: Array<{ fileName: string; contentType: string; bytes: Buffer }>;
  }): StoredMessage;
  /** A member runs a message command (a context-menu entry) on a message: an APPLICATION_COMMAND of type 3 with the message resolved. */
  messageCommand(opts: { name: string; guildId: string; user: FakeUser; message: StoredMessage }): {
    id: string;
    token: string;
    sentAt: number;
  };
  /** The application's commands as the bot last registered them, with the ids Discord gave them. */
  registeredCommands(): Array<Record<string, unknown>>;
  /** Every modal shown to a user and not yet submitted, with its custom_id, as the bot sent it. */
  shownModals(userId: string): Array<{ customId: string; data: Record<string, unknown> }>;
  /** The modal last shown to a user with this custom_id, as the bot sent it. */
  shownModal(userId: string, customId: string): Record<string, unknown> | undefined;
  /**
   * Whether the member's client gave up on the interaction ("The application did not respond"):
   * no first answer reached Discord within its 3 seconds.
   */
  interactionFailed(token: string): boolean;
  /** The interaction's original response as it stands, after the bot's edits. */
  original(token: string): StoredMessage | undefined;
  /** What a member's client shows of a message: its embeds, pictures and files (client-view.ts). */
  seen(message: StoredMessage): ClientView;
  channelMessages(channelId: string): StoredMessage[];
  followUps(token: string): StoredMessage[];
  /** Answer the next `times` requests matching `path` with 429 and this Retry-After. */
  rateLimit(path: RegExp, times: number, retryAfterSeconds: number): void;
  /**
   * A channel's permissions the bot lacks, beyond seeing and writing: without Attach Files a
   * message carrying files answers 403 Missing Permissions (50013); without Read Message History
   * a reply to a message answers 400, 160002. Returns the undo.
   */
  deny(channelId: string, ...permissions: Array<"AttachFiles" | "ReadMessageHistory">): () => void;
  /** A message's uploaded file as Discord's CDN serves it. */
  attachment(url: string): Buffer | undefined;
  close(): Promise<void>;
}
