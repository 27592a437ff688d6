/** What a test holds of the local Slack: what it recorded, what a test tunes, and the user's side of the app. */

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  status: number;
  /** Slack's error code when it refused the call. */
  error?: string;
  /** The workspace of the installed bot token that made the call (none for the single-workspace token). */
  team?: string;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  updates: number;
  /** The parent's ts for a reply in a thread. */
  threadTs?: string;
  /** A file share: the ids of the files it shows. */
  files?: string[];
  /** A member's message (a file they shared); absent for the app's. */
  user?: string;
}

/** What a test tunes while the fake runs; the routes read it at each request. */
export interface SlackSettings {
  /** Workspace admins: users.info says `is_admin` for them. */
  admins: Set<string>;
  /** A user's Slack language (`de-DE`…), which users.info gives with include_locale; unset: en-US. */
  userLocales: Map<string, string>;
  /** Conversations the bot is not in (a private channel or DM): posting there answers `not_in_channel`. */
  botNotIn: Set<string>;
  /**
   * Whether Slack can download pictures from this machine's addresses, as it can from a deployment
   * with public URLs. Off, as for any local setup: an image block with a local image_url is refused.
   */
  reachesLocalImages: boolean;
  /** How long a response_url answers (Slack: 30 minutes); tests shorten it. */
  responseUrlLifetimeMs: number;
  /** The bot token's scopes: those the app's manifest asks for; a method needing another answers `missing_scope`. */
  scopes: Set<string>;
  /**
   * chat.postMessage in one channel: Slack allows about one a second, with short bursts. Past
   * `burst` without a second's pause it answers 429 with Retry-After. Undefined: no limit.
   */
  channelPostLimit: { burst: number; perSecond: number } | undefined;
  /** The app's OAuth credentials, as in its settings' Basic Information. */
  oauth: { clientId: string; clientSecret: string };
  /** The app's redirect URLs (its manifest's `redirect_urls`): an authorize or a code exchange naming another is refused. */
  redirectUrls: Set<string>;
  /** How long an OAuth code can be exchanged (Slack: 10 minutes); tests shorten it. */
  codeLifetimeMs: number;
  /** How long Slack takes to answer a method (`users.info`…), for tests of a slow Slack; unset: at once. */
  callDelays: Map<string, number>;
  /** The hosts of the app's own links (its PUBLIC_URL's): a link elsewhere in its mrkdwn came from user text. */
  appLinkHosts: Set<string>;
}

export interface SlackFake extends SlackSettings {
  /** As SLACK_API_URL. */
  apiUrl: string;
  origin: string;
  botToken: string;
  signingSecret: string;
  calls: SlackCall[];
  /**
   * Control sequences Slack would render as a mention or a link in the app's mrkdwn (top-level
   * text, sections, fields, context) that the app cannot have meant: user text left unescaped.
   * `where`: the method, or `response_url`. Slack takes such messages; tests expect this empty.
   */
  unescaped: Array<{ where: string; sequence: string }>;
  /** POSTs Slack received on response URLs: the ephemeral answers to commands and buttons. */
  responses: Array<{ id: string; body: Record<string, unknown>; at: number }>;
  /** POSTs to response URLs Slack refused (`invalid_blocks`, `used_url`…): a message the app had to send again. */
  refusedResponses: Array<{ id: string; error: string; at: number }>;
  messages(channel: string): SlackMessage[];
  ephemerals: Array<{ channel: string; user: string; text: string; blocks: unknown; at: number }>;
  /** Messages the app scheduled (chat.scheduleMessage) and Slack has not posted yet, `postAt` in Unix seconds. */
  scheduled: Array<{ id: string; channel: string; postAt: number; text: string; blocks: unknown }>;
  /** The DM conversations the app opened (conversations.open): `D…` id by user id. */
  dms: Map<string, string>;
  /** A response_url as Slack would send with a command in `channel`: an `in_channel` answer to it appears there. */
  responseUrl(channel?: string): string;
  /**
   * A file shared in Slack; returns its permalink. With `teamId`, a file of that workspace: only its
   * installed token sees it (files.info, url_private); the single-workspace token does not.
   */
  addFile(file: { name: string; mimetype: string; bytes: Buffer; userId?: string; teamId?: string }): string;
  /**
   * A member shares a file in a conversation, as dropping it into Slack's message box does: the
   * file, and a message of theirs in `channelId` showing it. Returns the file's permalink and id
   * and the message's ts.
   */
  shareFile(file: { channelId: string; userId: string; name: string; mimetype: string; bytes: Buffer; text?: string }): {
    permalink: string;
    id: string;
    ts: string;
  };
  /** A file a member shared (addFile, shareFile): its name, type, size and who shared it. */
  sharedFile(fileId: string): { name: string; mimetype: string; size: number; user: string } | undefined;
  /** Answer the next `times` calls of `method` with 429 and this Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** Answer the next `times` calls of `method` (to `channel`, if given) with `{ ok: false, error }`, as Slack's `internal_error`. */
  failCalls(method: string, times: number, error: string, channel?: string): () => void;
  /** A file the app uploaded (files.getUploadURLExternal, then its upload URL), with where it is shared. */
  uploaded(fileId: string): { name: string; bytes: Buffer; channels: Set<string>; complete: boolean } | undefined;
  /** Slack's authorize page, as SLACK_AUTHORIZE_URL. */
  authorizeUrl: string;
  /**
   * A trigger id as Slack sends with `userId`'s command or button: views.open takes it once, within
   * 3 seconds (`expired_trigger_id`); one Slack did not issue is `invalid_trigger_id`.
   */
  triggerId(userId?: string): string;
  /** The App Home view the app last published for a user (views.publish). */
  homeView(userId: string): Record<string, unknown> | undefined;
  /** The user opens the app's Home tab: Slack sends `app_home_opened`, signed, to `eventsUrl`; returns the app's status. */
  openHome(opts: { teamId: string; userId: string; eventsUrl: string }): Promise<number>;
  /** Every modal open for `userId` (views.open, views.update), by its callback_id. */
  openedViews(userId: string): Array<{ callbackId: string; id: string; view: Record<string, unknown> }>;
  /**
   * The member runs a slash command: Slack posts it, signed, to `eventsUrl` with a fresh trigger id
   * and a response URL for `channelId`. Returns the app's status and its answer (an immediate
   * reply only the member sees, when not empty), and the response URL issued.
   */
  slashCommand(opts: {
    command: string;
    text: string;
    teamId: string;
    userId: string;
    channelId: string;
    eventsUrl: string;
  }): Promise<{ status: number; body: string; triggerId: string; responseUrl: string }>;
  /** The member clicks a button of a message (`ephemeral`: one only they see): a signed block_actions with a trigger id and a response URL. */
  clickButton(opts: {
    actionId: string;
    teamId: string;
    userId: string;
    channelId: string;
    messageTs?: string;
    ephemeral?: boolean;
    eventsUrl: string;
  }): Promise<{ status: number; triggerId: string; responseUrl: string }>;
  /**
   * The member chooses an option in a static_select of a message's blocks (as the app sent them):
   * a signed block_actions with the `selected_option`. Throws when the blocks hold no such select
   * or it offers no such value (Slack's client would not send it).
   */
  chooseOption(opts: {
    blocks: unknown;
    actionId: string;
    value: string;
    teamId: string;
    userId: string;
    channelId: string;
    messageTs?: string;
    ephemeral?: boolean;
    eventsUrl: string;
  }): Promise<{ status: number; triggerId: string; responseUrl: string }>;
  /** A modal the app opened (views.open), by its callback_id, for `userId`. */
  openedView(userId: string, callbackId: string): { id: string; view: Record<string, unknown> } | undefined;
  /**
   * The user submits a modal the app opened for them: a signed view_submission with the values
   * by block_id and action_id, sent to `eventsUrl`. Returns the app's status and answer (an
   * empty one closes the modal; `response_action: "errors"` keeps it open). Throws when no such
   * modal is open for them, or a required input is empty (Slack's client would not send it).
   */
  submitView(opts: {
    userId: string;
    teamId: string;
    callbackId: string;
    values: Record<string, Record<string, string>>;
    eventsUrl: string;
  }): Promise<{ status: number; body: string }>;
  /**
   * A member runs one of the app's shortcuts: `message_action` on a message (with its files), or
   * a global `shortcut`; signed, with a trigger id and (for a message) a response URL for its
   * conversation. Returns the app's status.
   */
  shortcut(opts: {
    type: "message_action" | "shortcut";
    callbackId: string;
    teamId: string;
    userId: string;
    channelId?: string;
    message?: { ts: string; text?: string; files?: Array<{ id: string; name: string; mimetype: string }> };
    eventsUrl: string;
  }): Promise<{ status: number; triggerId: string; responseUrl?: string }>;
  /** A browser session of a member of `teamId`: the cookie to send to the authorize page to approve an install as them. */
  signIn(teamId: string, userId: string, teamName?: string): string;
  /** Makes `channelId` a conversation of `teamId`: another workspace's bot token gets `channel_not_found` there. */
  addChannel(channelId: string, teamId: string): void;
  /** The workspace whose bot token made a call, if it was an installed one. */
  teamOfToken(token: string): string | undefined;
  /**
   * An admin removes the app from the team: its bot tokens (and a single-workspace token) answer
   * `token_revoked` from now on, and Slack sends the app `app_uninstalled` and `tokens_revoked`
   * at `eventsUrl`, signed. Returns the statuses the app answered them with.
   */
  uninstall(teamId: string, eventsUrl: string): Promise<number[]>;
  close(): Promise<void>;
}
