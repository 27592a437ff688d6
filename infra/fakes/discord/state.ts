import type { DiscordSettings, FakeUser, RecordedCall, StoredMessage } from "./handle.js";
import { type Guild, snowflake, userObject } from "./objects.js";

/**
 * Discord's deadline for an interaction's first answer (Receiving and Responding: "you must send
 * an initial response within 3 seconds"); past it the interaction is gone: 10062.
 */
export const INITIAL_RESPONSE_MS = 3_000;

/** An interaction Discord delivered to the bot, by its token: who, where, and whether it was answered. */
export interface Interaction {
  id: string;
  type: number;
  user: FakeUser;
  acked: boolean;
  ephemeral: boolean;
  channelId: string;
  guildId: string;
  createdAt: number;
  message?: StoredMessage;
  /** Autocomplete's answer (callback type 8): the choices the member's client offers. */
  choices?: Array<{ name: string; value: string | number }>;
}

/** A modal the bot showed a member, kept until they submit it. */
export interface ShownModal {
  data: Record<string, unknown>;
  channelId: string;
  guildId: string;
  message?: StoredMessage | undefined;
}

/** A file sent with a request (multipart `files[n]`). */
export interface Upload {
  index: number;
  name: string;
  bytes: Buffer;
  type: string;
}

/** Everything the local Discord holds: guilds, interactions, messages, files, and what a test set up. */
export class DiscordState {
  /** This fake's own address, known once its server listens. */
  origin = "";
  readonly botUser: FakeUser;
  readonly calls: RecordedCall[] = [];
  readonly guilds = new Map<string, Guild>();
  /** Files served at /files/<name>: members' uploads and command attachments. */
  readonly files = new Map<string, Buffer>();
  /** Attachments of the bot's messages, by their CDN path. */
  readonly cdn = new Map<string, Buffer>();
  readonly interactions = new Map<string, Interaction>();
  /** Each interaction's original response, by its token. */
  readonly originals = new Map<string, StoredMessage>();
  readonly followUps = new Map<string, StoredMessage[]>();
  readonly channels = new Map<string, StoredMessage[]>();
  /** Permissions the bot lacks per channel (`deny`). */
  readonly denied = new Map<string, Set<string>>();
  /** The application's commands as last registered (PUT …/commands), global and per guild alike. */
  commands: Array<Record<string, unknown>> = [];
  /** Modals shown, by `<user>:<custom_id>`. */
  readonly modals = new Map<string, ShownModal>();
  /** Nonces of channel messages, by `<channel>:<nonce>`. */
  readonly nonces = new Set<string>();
  readonly limits: Array<{ path: RegExp; left: number; retryAfter: number }> = [];

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly settings: DiscordSettings,
  ) {
    this.botUser = { id: applicationId, username: "content-bot" };
  }

  /** A message by the bot in `channelId`, as Discord returns it. */
  message(channelId: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): StoredMessage {
    return {
      id: snowflake(),
      channel_id: channelId,
      author: userObject(this.botUser, true),
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 0,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...body,
      ...extra,
    };
  }

  /** Whether the interaction went unanswered past its 3 seconds: its member's client says it failed, and Discord forgot it. */
  interactionFailed(token: string): boolean {
    const interaction = this.interactions.get(token);
    return interaction !== undefined && !interaction.acked && Date.now() - interaction.createdAt > INITIAL_RESPONSE_MS;
  }

  post(channelId: string, message: StoredMessage): void {
    this.channels.set(channelId, [...(this.channels.get(channelId) ?? []), message]);
  }

  serveFile(fileName: string, bytes: Buffer): string {
    this.files.set(fileName, bytes);
    return `${this.origin}/files/${encodeURIComponent(fileName)}`;
  }

  /**
   * The message's attachments after this request, as Discord keeps them: those of `attachments`
   * that name a kept one by id, and the uploads (`attachments[].id` is the upload's index);
   * embeds that show `attachment://<name>` point at the uploaded file's CDN URL.
   */
  withAttachments(messageId: string, body: Record<string, unknown>, uploads: Upload[], existing: unknown[] = []) {
    const listed = Array.isArray(body.attachments) ? (body.attachments as Array<{ id: string | number; filename?: string }>) : undefined;
    type Attachment = { id: string; filename: string; url: string };
    const kept = (existing as Attachment[]).filter((a) => listed === undefined || listed.some((l) => String(l.id) === a.id));
    const added = uploads.map((u) => {
      const id = snowflake();
      const name = listed?.find((l) => String(l.id) === String(u.index))?.filename ?? u.name;
      const path = `/attachments/${messageId}/${id}/${name}`;
      this.cdn.set(path, u.bytes);
      return {
        id,
        filename: name,
        size: u.bytes.length,
        url: `${this.origin}${path}`,
        proxy_url: `${this.origin}${path}`,
        content_type: u.type || "application/octet-stream",
      };
    });
    const attachments = [...kept, ...added];
    const byName = new Map(attachments.map((a) => [a.filename, a.url]));
    const embeds = Array.isArray(body.embeds)
      ? (body.embeds as Array<Record<string, unknown>>).map((e) => {
          const image = e.image as { url?: string } | undefined;
          const name = image?.url?.startsWith("attachment://") ? image.url.slice("attachment://".length) : undefined;
          return name && byName.has(name) ? { ...e, image: { ...image, url: byName.get(name) } } : e;
        })
      : undefined;
    return { ...body, attachments, ...(embeds ? { embeds } : {}) };
  }
}
