import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  primaryKey,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** A team: a Discord guild, a Slack team, or one made with the CLI (platform `api`). */
export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    platform: text("platform", { enum: ["api", "discord", "slack"] })
      .notNull()
      .default("api"),
    /** The guild id or team id on its platform; null for API workspaces. */
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workspaces_platform_external_id").on(t.platform, t.externalId)],
);

/** A person in a workspace; `userId` is the id stored on their jobs and in S3 keys. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    displayName: text("display_name"),
    role: text("role", { enum: ["owner", "admin", "member"] })
      .notNull()
      .default("member"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("members_workspace_user").on(t.workspaceId, t.userId)],
);

/** A member's account on a chat platform, so a slash command maps to one member. */
export const platformIdentities = pgTable(
  "platform_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: ["discord", "slack"] }).notNull(),
    platformUserId: text("platform_user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("platform_identities_member_platform").on(t.memberId, t.platform),
    index("platform_identities_lookup").on(t.platform, t.platformUserId),
  ],
);

/**
 * API keys are stored only as a SHA-256 hash (they are long random strings, so a fast hash
 * is enough); `prefix` is the first characters, shown in listings to tell keys apart.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Null for service and bot keys, which name the member they act for on each request. */
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    /**
     * `user`: one member. `service`: any member of its own workspace. `bot`: a chat bot, acting in
     * any workspace of its platform (a guild or team, created on first use) for any of its users.
     */
    kind: text("kind", { enum: ["user", "service", "bot"] }).notNull(),
    /** The chat platform of a bot key. */
    platform: text("platform", { enum: ["discord", "slack"] }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_workspace").on(t.workspaceId)],
);

/** One row per finished job: a job that ran twice still costs once. */
export const usageLedger = pgTable(
  "usage_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    jobId: text("job_id").notNull().unique(),
    jobType: text("job_type", { enum: ["lora-training", "image-generation", "transcription", "video-generation"] }).notNull(),
    /** Estimated provider cost in US dollars. */
    costUsd: numeric("cost_usd", { precision: 12, scale: 6 }).notNull(),
    units: jsonb("units").$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    /** A chat job's channel (its platform id): a channel's monthly budget sums these rows. */
    channelId: text("channel_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("usage_ledger_workspace_time").on(t.workspaceId, t.createdAt),
    index("usage_ledger_user_time").on(t.workspaceId, t.userId, t.createdAt),
    index("usage_ledger_channel_time").on(t.workspaceId, t.channelId, t.createdAt),
  ],
);

/** Per-workspace limits; a missing row means the defaults from config. */
export const quotas = pgTable("quotas", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  monthlyCostLimitUsd: numeric("monthly_cost_limit_usd", { precision: 12, scale: 2 }),
  /** Each member's monthly budget in this workspace. */
  userMonthlyCostLimitUsd: numeric("user_monthly_cost_limit_usd", { precision: 12, scale: 2 }),
  /** Jobs of the workspace running at once, all types together. */
  maxConcurrentJobs: integer("max_concurrent_jobs"),
  /** Jobs of the workspace waiting or running. */
  maxQueuedJobs: integer("max_queued_jobs"),
  /** API requests per minute of all the workspace's members and bots together. */
  requestsPerMinute: integer("requests_per_minute"),
  /** jobs.watch streams open at once across the workspace's members, keys and web machines. */
  maxWatchStreams: integer("max_watch_streams"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One open jobs.watch stream, counted against its member's, key's and workspace's caps whichever
 * web machine holds it. A lease: the machine renews it while the stream lives and removes it when
 * the stream ends; a machine that dies stops renewing, and its streams stop counting once their
 * leases run out.
 */
export const watchLeases = pgTable(
  "watch_leases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    /** The API key's id, or `session:<id>` for a gallery session. */
    keyId: text("key_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("watch_leases_workspace").on(t.workspaceId, t.expiresAt), index("watch_leases_key").on(t.keyId, t.expiresAt)],
);

/**
 * The next free send time of each chat channel. Deliveries from every worker process reserve a
 * slot here in one statement, so a channel gets at most one message per interval however many
 * workers send to it.
 */
export const chatChannelSlots = pgTable("chat_channel_slots", {
  channelKey: text("channel_key").primaryKey(),
  nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
});

/**
 * What the deliver queue has sent for a chat job. Kept here rather than on the job document:
 * each change is one atomic statement, never lost to a concurrent progress write on the job.
 */
export const chatDeliveries = pgTable("chat_deliveries", {
  jobId: text("job_id").primaryKey(),
  /** The channel message later deliveries edit (Slack's ts). */
  messageTs: text("message_ts"),
  finalDeliveredAt: timestamp("final_delivered_at", { withTimezone: true }),
  deletionDeliveredAt: timestamp("deletion_delivered_at", { withTimezone: true }),
  /** Why the result could not be posted where it was asked for (e.g. Slack's not_in_channel); the requester was told. Never "delivered". */
  undeliverable: text("undeliverable"),
  /** The Slack files the result's pictures were uploaded as (shared in its message's thread), so a retry does not upload them again. */
  slackFileIds: text("slack_file_ids").array(),
  /** The last failed attempt's reason while the queue retries it; cleared when the result goes out. */
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Requests counted per bucket (a member, or a client address's failed key checks) per minute,
 * shared by every web machine. Rows older than an hour are swept by the hourly cleanup.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * The Slack workspaces the app is installed in through its OAuth flow (`/slack/install`), one row
 * per team. The bot token is sealed (AES-256-GCM with SLACK_TOKEN_ENCRYPTION_KEY), so neither a
 * database dump nor a query log holds a usable token. An uninstall keeps the row, without its
 * token, so the deliveries still queued for that team know why they stop.
 */
export const slackInstallations = pgTable("slack_installations", {
  teamId: text("team_id").primaryKey(),
  teamName: text("team_name"),
  enterpriseId: text("enterprise_id"),
  appId: text("app_id"),
  botId: text("bot_id"),
  botUserId: text("bot_user_id"),
  /** Null once the app is uninstalled or its tokens revoked. */
  botTokenSealed: text("bot_token_sealed"),
  botScopes: text("bot_scopes").array().notNull().default(sql`'{}'::text[]`),
  installerUserId: text("installer_user_id"),
  installedAt: timestamp("installed_at", { withTimezone: true }).notNull().defaultNow(),
  /** Set by Slack's app_uninstalled or tokens_revoked event; cleared by a new install. */
  uninstalledAt: timestamp("uninstalled_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A Discord server's or Slack team's settings for chat jobs (`/settings`), for the whole of it
 * (channel_id '') or one channel, which overrides it field by field. Applied by jobs.create to
 * jobs asked for from chat, whatever the bot sends.
 */
export const chatSettings = pgTable(
  "chat_settings",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull().default(""),
    /** The size preset a generation without one gets. */
    imageSize: text("image_size"),
    /** The FLUX model (flux-pro, flux-dev, flux-schnell) a generation without one runs on. */
    imageModel: text("image_model"),
    /** A finished LoRA's job id that a generation without one uses. */
    loraJobId: text("lora_job_id"),
    /** Every result here is private to whoever asked. */
    privateResults: boolean("private_results"),
    /** At most this many images per request. */
    maxImages: integer("max_images"),
    /** Who may train LoRAs here: everyone, or the server's or team's admins. */
    trainers: text("trainers", { enum: ["everyone", "admins"] }),
    /** Most estimated provider cost a month for this channel's (or, server-wide, each channel's) chat jobs. */
    monthlyBudgetUsd: numeric("monthly_budget_usd", { precision: 12, scale: 2 }),
    /** Terms every transcription here spells as given (AssemblyAI's keyterms_prompt). */
    vocabulary: text("vocabulary").array(),
    /** Every transcription here has its PII redacted; members cannot turn it off. */
    redactPii: boolean("redact_pii"),
    /** Meeting notes for a transcription that does not say; unset, on. */
    meetingNotes: boolean("meeting_notes"),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId] })],
);

/**
 * One-time sign-in links to the web gallery, asked for with `/gallery` in chat or the CLI's
 * `login-link`. Only the token's SHA-256 is kept; a link opens one session, once, before it expires.
 */
export const webSignInLinks = pgTable(
  "web_sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    /** Where the link was asked for: `discord`, `slack` or `api` (a key, through the CLI). */
    origin: text("origin", { enum: ["discord", "slack", "api"] }).notNull(),
    /** The API key that asked (a member's own, or the chat bot's): revoking it ends what it opened. */
    keyId: uuid("key_id").references(() => apiKeys.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("web_sign_in_links_expiry").on(t.expiresAt)],
);

/**
 * Web gallery sessions, kept here so they can be listed and revoked (`npm run cli -- sessions`).
 * The cookie holds a random token; only its SHA-256 is stored. The CSRF token is the one a page
 * sends back with every change it asks for.
 */
export const webSessions = pgTable(
  "web_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    origin: text("origin", { enum: ["discord", "slack", "api"] }).notNull(),
    /** The key whose sign-in link opened it: a session ends with its key. */
    keyId: uuid("key_id").references(() => apiKeys.id, { onDelete: "cascade" }),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("web_sessions_member").on(t.workspaceId, t.userId)],
);

/**
 * What the Slack app has taken once and must not take again, shared by every web machine (Slack
 * may send a request to any of them): a verified request (its timestamp and body digest) and an
 * OAuth install's state. Claimed with one insert that does nothing on conflict; a row past its
 * expiry can be claimed anew and is pruned (by then the timestamp or state check refuses it).
 */
export const slackUsedKeys = pgTable(
  "slack_used_keys",
  {
    key: text("key").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("slack_used_keys_expiry").on(t.expiresAt)],
);
