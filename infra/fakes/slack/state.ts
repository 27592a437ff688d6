import { randomBytes } from "node:crypto";
import { type BlockCheckContext, isPrivateHost } from "./blocks.js";
import type { SlackCall, SlackFake, SlackMessage, SlackSettings } from "./handle.js";

/** A bot token and what it may do: the single-workspace token works in any team; an installed one in its own. */
export interface Grant {
  teamId?: string;
  /** Undefined for the single-workspace token: the fake's `scopes`, which a test may change. */
  scopes?: Set<string>;
  revoked: boolean;
  botUserId: string;
  botId: string;
}

/** A file a member shared in Slack, which the app reads through files.info and its private URL. */
export interface SharedFile {
  id: string;
  name: string;
  mimetype: string;
  bytes: Buffer;
  user: string;
  /**
   * The workspace the file was shared in, when a test named one: only that workspace's installed
   * token sees it. Unnamed, it is the single-workspace token's own.
   */
  teamId?: string | undefined;
}

/** A file the app uploads: announced by files.getUploadURLExternal, its bytes sent to the upload URL, then completed. */
export interface Upload {
  name: string;
  length: number;
  bytes?: Buffer;
  channels: Set<string>;
  complete: boolean;
  mimetype: string;
}

/** An OAuth code the authorize page issued, for the exchange at oauth.v2.access. */
export interface InstallCode {
  teamId: string;
  teamName: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

/** Everything the local Slack holds: workspaces, tokens, conversations, files, views, and what a test set up. */
export class SlackState {
  /** This fake's own address, known once its server listens. */
  origin = "";
  readonly calls: SlackCall[] = [];
  readonly responses: SlackFake["responses"] = [];
  readonly refusedResponses: SlackFake["refusedResponses"] = [];
  readonly ephemerals: SlackFake["ephemerals"] = [];
  readonly scheduled: SlackFake["scheduled"] = [];
  readonly dms: SlackFake["dms"] = new Map();
  /** Bot tokens: the single-workspace one and those installs gave out. */
  readonly grants = new Map<string, Grant>();
  /** The workspace of each conversation a test named one for. */
  readonly channelTeams = new Map<string, string>();
  /** Browser sessions by cookie value, for the authorize page. */
  readonly sessions = new Map<string, { teamId: string; userId: string; teamName: string }>();
  readonly codes = new Map<string, InstallCode>();
  /** chat.postMessage's token bucket per channel. */
  readonly postBuckets = new Map<string, { tokens: number; at: number }>();
  readonly triggers = new Map<string, { issuedAt: number; used: boolean; user: string }>();
  /** Open modals by `<user>:<callback_id>`. */
  readonly views = new Map<string, { id: string; user: string; view: Record<string, unknown>; hash: string }>();
  /** Published App Home views by user. */
  readonly homes = new Map<string, Record<string, unknown>>();
  /** The messages of each conversation, oldest first. */
  readonly channels = new Map<string, SlackMessage[]>();
  readonly responseUrls = new Map<string, { issuedAt: number; uses: number; channel?: string | undefined }>();
  readonly files = new Map<string, SharedFile>();
  readonly uploads = new Map<string, Upload>();
  readonly limits: Array<{ method: string; left: number; retryAfter: number }> = [];
  readonly failures: Array<{ method: string; left: number; error: string; channel?: string | undefined }> = [];
  /** Control sequences in mrkdwn the app sent that it cannot have meant (control-sequences.ts). */
  readonly unescaped: SlackFake["unescaped"] = [];
  #tsCounter = 0;

  constructor(readonly settings: SlackSettings) {}

  /** A message ts as Slack's: seconds, then a counter that keeps them apart. */
  nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.#tsCounter).padStart(6, "0")}`;
  }

  post(message: SlackMessage): void {
    this.channels.set(message.channel, [...(this.channels.get(message.channel) ?? []), message]);
  }

  /**
   * A member's file as `grant` sees it: Slack answers file_not_found for a file of another
   * workspace, as for one that does not exist.
   */
  visibleFile(id: string, grant: Grant | undefined): SharedFile | undefined {
    const file = this.files.get(id);
    if (!file || (file.teamId !== undefined && file.teamId !== grant?.teamId)) return undefined;
    return file;
  }

  /** A token bucket per channel: `burst` posts at once, refilled at `perSecond`. */
  takePostSlot(channel: string, limit: { burst: number; perSecond: number }): boolean {
    const now = Date.now();
    const b = this.postBuckets.get(channel) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    this.postBuckets.set(channel, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  issueResponseUrl(channel?: string): string {
    const id = randomBytes(8).toString("hex");
    this.responseUrls.set(id, { issuedAt: Date.now(), uses: 0, channel });
    return `${this.origin}/response/${id}`;
  }

  issueTrigger(userId: string): string {
    const id = `${Date.now()}.${randomBytes(6).readUIntBE(0, 6)}.${randomBytes(8).toString("hex")}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false, user: userId });
    return id;
  }

  /** What Block Kit checks need to know of this workspace for a message to `channel` ("" for a view). */
  blockContext(channel: string): BlockCheckContext {
    return {
      channel,
      canFetch: (u) => this.settings.reachesLocalImages || !isPrivateHost(u.hostname),
      file: (id) => {
        const u = this.uploads.get(id);
        return u?.complete ? { channels: u.channels, mimetype: u.mimetype } : undefined;
      },
    };
  }
}
